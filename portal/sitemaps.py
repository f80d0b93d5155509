"""sitemap.xml: an index of paged sections listing every public page in both
languages, each with its hreflang alternates.

Django's own i18n sitemaps materialise every (item, language) pair of a section
and reverse each URL three times, for every file; at 10,000 posts one file held
19,000 URLs. Here a page of a section reads only its own rows (``limit`` items)
and builds each language's address from one reversed pattern, and the file is
written directly (``urlset_xml``) rather than through a template, which spent
80 µs on each URL.
"""

from datetime import datetime
from math import ceil
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property

from portal.i18n import language_codes
from portal.models import Category, Post, Program

SLUG = "--slug--"


def language_pattern(url_name: str, **kwargs) -> str:
    """The path of ``url_name`` with its language prefix replaced by ``{lang}``."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(url_name, kwargs=kwargs)
    return path.replace(f"/{settings.LANGUAGE_CODE}/", "/{lang}/", 1)


class PortalSitemap(Sitemap):
    """One entry per item and language, with every language (and x-default,
    the Korean page, as the pages' own hreflang links say) as alternates."""

    # Items per file; each gives one URL per language.
    limit = 1000
    url_name = ""

    def path(self, item) -> str:
        """``item``'s path with the language prefix replaced by ``{lang}``."""
        return self.pattern.replace(SLUG, item.slug)

    @cached_property
    def pattern(self) -> str:
        return language_pattern(self.url_name, slug=SLUG)

    def get_urls(self, page=1, site=None, protocol=None):
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        urls, latest = [], None
        for item in self.paginator.page(page).object_list:
            path = self.path(item)
            located = {code: base + path.format(lang=code) for code in language_codes()}
            alternates = [
                {"location": location, "lang_code": code}
                for code, location in located.items()
            ]
            alternates.append(
                {"location": located[settings.LANGUAGE_CODE], "lang_code": "x-default"}
            )
            lastmod = self.lastmod(item)
            if lastmod and (latest is None or lastmod > latest):
                latest = lastmod
            urls += [
                {
                    "item": item,
                    "location": location,
                    "lastmod": lastmod,
                    "changefreq": None,
                    "priority": "",
                    "alternates": alternates,
                }
                for location in located.values()
            ]
        # The sitemap view turns this into the file's Last-Modified header.
        self.latest_lastmod = latest
        return urls

    def lastmod(self, item):
        return item.updated_at


class ListingSitemap(PortalSitemap):
    """Pages that list posts: they change whenever a published post does, so all
    share its date (one query, where a date per field scanned each field's posts)."""

    @cached_property
    def latest_change(self):
        return Post.objects.published().last_change()

    def lastmod(self, item):
        return self.latest_change


class StaticPagesSitemap(ListingSitemap):
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

    def path(self, url_name) -> str:
        return language_pattern(url_name)


class PostSitemap(PortalSitemap):
    url_name = "portal:post_detail"

    def items(self):
        return Post.objects.published().only("slug", "updated_at").order_by("pk")


class ProgramSitemap(PortalSitemap):
    url_name = "portal:program_detail"

    def items(self):
        return Program.objects.published().only("slug", "updated_at").order_by("pk")


class CategorySitemap(ListingSitemap):
    url_name = "portal:category_detail"

    def items(self):
        return Category.objects.order_by("pk")


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "posts": PostSitemap,
    "programs": ProgramSitemap,
    "fields": CategorySitemap,
}


def index_entries() -> list[tuple[str, int, datetime | None]]:
    """(section, page, last change) for every file of the index, in four queries.

    Django's index view counts and scans each section separately (eight queries);
    listing pages and fields change when posts do, so they share the posts' date.
    """
    published = Post.objects.published()
    post_change = published.last_change()
    programs = Program.objects.published().aggregate(
        n=Count("pk"), latest=Max("updated_at")
    )
    sizes = {
        "pages": (len(StaticPagesSitemap().items()), post_change),
        "posts": (published.count(), post_change),
        "programs": (programs["n"], programs["latest"]),
        "fields": (Category.objects.count(), post_change),
    }
    return [
        (section, page, latest)
        for section, (count, latest) in sizes.items()
        for page in range(1, max(1, ceil(count / SITEMAPS[section].limit)) + 1)
    ]


def index_xml(entries: list[tuple[str, str, datetime | None]]) -> str:
    """A sitemap index for (file address, last change) pairs."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    ]
    for location, latest in entries:
        lastmod = f"<lastmod>{latest.isoformat()}</lastmod>" if latest else ""
        parts.append(f"<sitemap><loc>{escape(location)}</loc>{lastmod}</sitemap>\n")
    parts.append("</sitemapindex>\n")
    return "".join(parts)


def urlset_xml(urls: list[dict]) -> str:
    """A sitemap file (with xhtml:link alternates) for ``Sitemap.get_urls()``."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    ]
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url["lastmod"]:
            parts.append(f"<lastmod>{timezone.localdate(url['lastmod'])}</lastmod>")
        parts += [
            '<xhtml:link rel="alternate" '
            f"hreflang={quoteattr(alternate['lang_code'])} "
            f"href={quoteattr(alternate['location'])}/>"
            for alternate in url["alternates"]
        ]
        parts.append("</url>\n")
    parts.append("</urlset>\n")
    return "".join(parts)
