"""sitemap.xml: every public page in both languages, with hreflang alternates."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.utils.functional import cached_property

from portal.models import Category, Post, Program


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_urls(self, page=1, site=None, protocol=None):
        # Django's x-default drops the language prefix, which here only redirects;
        # point it at the Korean page instead, as the pages' own hreflang links do.
        urls = super().get_urls(page, site, protocol)
        for url in urls:
            by_language = {
                alt["lang_code"]: alt["location"] for alt in url["alternates"]
            }
            for alternate in url["alternates"]:
                if alternate["lang_code"] == "x-default":
                    alternate["location"] = by_language[settings.LANGUAGE_CODE]
        return urls


class StaticPagesSitemap(PortalSitemap):
    def items(self):
        return [
            "portal:home",
            "portal:post_list",
            "portal:video_list",
            "portal:publication_list",
            "portal:program_list",
            "portal:partner_list",
            "portal:about",
        ]

    def location(self, name):
        return reverse(name)

    @cached_property
    def latest_change(self):
        return Post.objects.published().aggregate(latest=Max("updated_at"))["latest"]

    def lastmod(self, name):
        # Listing pages change whenever what they list does: one query for all.
        return self.latest_change


class PostSitemap(PortalSitemap):
    def items(self):
        return Post.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, post):
        return post.updated_at


class ProgramSitemap(PortalSitemap):
    def items(self):
        return Program.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, program):
        return program.updated_at


class CategorySitemap(PortalSitemap):
    def items(self):
        latest = (
            Post.objects.published()
            .filter(category=OuterRef("pk"))
            .order_by("-updated_at")
            .values("updated_at")[:1]
        )
        return Category.objects.annotate(latest=Subquery(latest)).order_by("pk")

    def lastmod(self, field):
        return field.latest


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "posts": PostSitemap,
    "programs": ProgramSitemap,
    "fields": CategorySitemap,
}
