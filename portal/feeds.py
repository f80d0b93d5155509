"""RSS 2.0 and Atom feeds of the latest published posts, per language and per field.

The feeds live under the language prefix, so each is in one language; an item whose
text exists only in the other language falls back to it, like the pages do.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from portal.i18n import shown_field
from portal.models import Category, Post

FEED_SIZE = 20


class PostsRssFeed(Feed):
    def get_object(self, request, slug=None):
        return get_object_or_404(Category, slug=slug) if slug else None

    def title(self, field):
        site = _("Seoul Policy Sharing Portal")
        if field:
            return _("%(field)s · %(site)s") % {"field": field.name, "site": site}
        return site

    def link(self, field):
        return field.get_absolute_url() if field else reverse("portal:post_list")

    def feed_url(self, field):
        if field:
            return reverse(self.url_name_for_field, kwargs={"slug": field.slug})
        return reverse(self.url_name)

    def description(self, field):
        return _(
            "The latest news, videos and publications from the Seoul Policy "
            "Sharing Portal."
        )

    def items(self, field):
        posts = Post.objects.published().for_page()
        if field:
            posts = posts.filter(category=field)
        return posts[:FEED_SIZE]

    def item_title(self, post):
        return shown_field(post, "title").text

    def item_description(self, post):
        summary = shown_field(post, "summary").text or shown_field(post, "body").text
        return " ".join(summary.split())[:400]

    def item_pubdate(self, post):
        return post.published_at

    def item_updateddate(self, post):
        return post.updated_at

    def item_author_name(self, post):
        return post.author or None

    def item_categories(self, post):
        return [post.category.name] if post.category else []

    url_name = "portal:feed_rss"
    url_name_for_field = "portal:field_feed_rss"


class PostsAtomFeed(PostsRssFeed):
    feed_type = Atom1Feed
    url_name = "portal:feed_atom"
    url_name_for_field = "portal:field_feed_atom"

    def subtitle(self, field):
        return self.description(field)
