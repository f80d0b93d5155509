"""RSS 2.0 and Atom feeds of the latest published posts, per language and per policy
field, and of the latest policy cases.

The feeds live under the language prefix, so each is in one language; an item whose
text is missing in its language falls back along its chain, like the pages do.
"""

import copy

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from portal.languages import shown_field
from portal.models import PolicyCase, PolicyField, Post

FEED_SIZE = 20


def plain_summary(obj, *fields: str) -> str:
    """The first of ``fields`` written, as plain text, escaped: readers take RSS
    descriptions and Atom summaries (``type="html"``) as markup, and a body
    holding ``<img onerror=…>`` must reach them as the words it is."""
    text = next(
        (shown for name in fields if (shown := shown_field(obj, name).text)), ""
    )
    return escape(" ".join(text.split())[:400])


class RequestHostFeed(Feed):
    """A feed whose links name the host the request came to, as every page's do.

    Django's feeds would put the sites framework's Site before each relative link;
    that Site exists for the redirects and names no particular host (a trial,
    the tests, a second host name). Links made absolute here are left as they are.
    """

    request = None

    def __call__(self, request, *args, **kwargs):
        # One feed object serves every request (the URLconf holds it): each
        # request gets a copy of its own.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    def item_link(self, item):
        return self.absolute(item.get_absolute_url())


class PostsRssFeed(RequestHostFeed):
    def get_object(self, request, slug=None):
        return get_object_or_404(PolicyField, slug=slug) if slug else None

    def title(self, policy_field):
        site = _("Seoul Policy Sharing Portal")
        if policy_field:
            return _("%(field)s · %(site)s") % {
                "field": policy_field.name,
                "site": site,
            }
        return site

    def link(self, policy_field):
        return self.absolute(
            policy_field.get_absolute_url()
            if policy_field
            else reverse("portal:post_list")
        )

    def feed_url(self, policy_field):
        if policy_field:
            return self.absolute(
                reverse(
                    self.url_name_for_policy_field, kwargs={"slug": policy_field.slug}
                )
            )
        return self.absolute(reverse(self.url_name))

    def description(self, policy_field):
        return _(
            "The latest news, videos and publications from the Seoul Policy "
            "Sharing Portal."
        )

    def items(self, policy_field):
        posts = Post.objects.published().for_page()
        if policy_field:
            posts = posts.filter(policy_field=policy_field)
        return posts[:FEED_SIZE]

    def item_title(self, post):
        return shown_field(post, "title").text

    def item_description(self, post):
        return plain_summary(post, "summary", "body_text")

    def item_pubdate(self, post):
        return post.published_at

    def item_updateddate(self, post):
        return post.updated_at

    def item_author_name(self, post):
        return post.author or None

    def item_categories(self, post):
        return [post.policy_field.name] if post.policy_field else []

    url_name = "portal:feed_rss"
    url_name_for_policy_field = "portal:policy_field_feed_rss"


class PostsAtomFeed(PostsRssFeed):
    feed_type = Atom1Feed
    url_name = "portal:feed_atom"
    url_name_for_policy_field = "portal:policy_field_feed_atom"

    def subtitle(self, policy_field):
        return self.description(policy_field)


class CasesRssFeed(RequestHostFeed):
    """The newest policy cases, in the feed's language."""

    url_name = "portal:policy_case_feed_rss"

    def title(self):
        return _("Policy cases · %(site)s") % {"site": _("Seoul Policy Sharing Portal")}

    def link(self):
        return self.absolute(reverse("portal:policy_case_list"))

    def feed_url(self):
        return self.absolute(reverse(self.url_name))

    def description(self):
        return _("The latest policy cases from the Seoul Policy Sharing Portal.")

    def items(self):
        return PolicyCase.objects.published().select_related("policy_field")[:FEED_SIZE]

    def item_title(self, case):
        return shown_field(case, "title").text

    def item_description(self, case):
        return plain_summary(case, "summary", "problem_text", "approach_text")

    def item_pubdate(self, case):
        return case.published_at

    def item_updateddate(self, case):
        return case.updated_at

    def item_categories(self, case):
        return [case.policy_field.name] if case.policy_field else []


class CasesAtomFeed(CasesRssFeed):
    feed_type = Atom1Feed
    url_name = "portal:policy_case_feed_atom"

    def subtitle(self):
        return self.description()
