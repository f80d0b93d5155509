"""sitemap.xml: an index of paged sections listing every public page in both
languages, each with its hreflang alternates.

Django's own i18n sitemaps materialise every (item, language) pair of a section
and reverse each URL three times, for every file, so one file grew with the site.
Here a page of a section reads only its own rows (``limit`` items) and builds each
language's address from one reversed pattern, and the file is written directly
(``urlset_xml``) rather than through a template, whose cost per URL dominated a
file of a thousand posts (docs/performance.md).
"""

from datetime import datetime
from math import ceil
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property

from portal.database.scalars import count_and_latest
from portal.languages import language_codes
from portal.models import Post
from portal.models.public import PUBLIC_CONTENT, PublicContent

SLUG = "--slug--"
# About 30 ms of a cold render on the 2-core machine; the protocol allows 50,000.
URLS_PER_FILE = 1000


def language_pattern(url_name: str, **kwargs) -> str:
    """The path of ``url_name`` with its language prefix replaced by ``{lang}``."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(url_name, kwargs=kwargs)
    return path.replace(f"/{settings.LANGUAGE_CODE}/", "/{lang}/", 1)


class PortalSitemap(Sitemap):
    """One entry per item and language, with every language (and x-default,
    the Korean page, as the pages' own hreflang links say) as alternates."""

    # Items per file, each giving one URL per language: a file is sized by its
    # URLs, what building it costs (docs/performance.md, "Cold pages").
    limit = URLS_PER_FILE // len(settings.LANGUAGES)
    url_name = ""
    # The page lists posts, so its date is theirs (one query for the file).
    lists_posts = False
    # Never more rows than fit in one file.
    few = False

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

    @cached_property
    def latest_post_change(self):
        return Post.objects.published().last_change()

    def lastmod(self, item):
        return self.latest_post_change if self.lists_posts else item.updated_at


class StaticPagesSitemap(PortalSitemap):
    """Pages that list posts: they change whenever a published post does."""

    lists_posts = True

    def items(self):
        return [
            "portal:home",
            "portal:policy_case_list",
            "portal:post_list",
            "portal:video_list",
            "portal:publication_list",
            "portal:program_list",
            "portal:partner_list",
            "portal:about",
            "portal:sitemap_page",
        ]

    def path(self, url_name) -> str:
        return language_pattern(url_name)


class ContentSitemap(PortalSitemap):
    """The pages of one public model's rows (``PublicContent.sitemap``)."""

    def __init__(self, entry: PublicContent):
        self.entry = entry
        self.url_name = entry.sitemap.url_name
        self.lists_posts = entry.sitemap.lists_posts
        self.few = entry.sitemap.few

    def items(self):
        return self.entry.public_rows().only("slug", "updated_at").order_by("pk")


def sections() -> dict[str, PortalSitemap]:
    """Each section of the index, by the name in its file's address."""
    found = {"pages": StaticPagesSitemap()}
    for entry in PUBLIC_CONTENT:
        if entry.sitemap:
            found[entry.sitemap.section] = ContentSitemap(entry)
    return found


# Sections renamed since; their old addresses redirect.
RENAMED = {"fields": "policy-fields"}


def index_entries() -> list[tuple[str, int, datetime | None]]:
    """(section, page, last change) for every file of the index.

    Two queries whatever the number of sections: the posts' last change, which
    every section that lists posts shares (a date per policy field scanned each
    field's posts), and the count and newest change of every other section,
    asked together (portal.database.scalars).
    """
    post_change = Post.objects.published().last_change()
    every = sections()
    counted = {
        name: sitemap.items()
        for name, sitemap in every.items()
        if isinstance(sitemap, ContentSitemap) and not sitemap.few
    }
    found = count_and_latest(
        counted,
        "updated_at",
        latest={
            name
            for name in counted
            if not (every[name].lists_posts or every[name].entry.model is Post)
        },
    )
    entries = []
    for name, sitemap in every.items():
        if isinstance(sitemap, StaticPagesSitemap):
            count, latest = len(sitemap.items()), post_change
        elif sitemap.few and sitemap.lists_posts:
            # Never more than one file: no need to count, and the date is the posts'.
            count, latest = 1, post_change
        else:
            count, latest = found[name]
            if sitemap.lists_posts or sitemap.entry.model is Post:
                # The posts' own section changes when they do, too: its date is
                # the one read from the posts' last-change index.
                latest = post_change
        pages = max(1, ceil(count / sitemap.limit))
        entries += [(name, page, latest) for page in range(1, pages + 1)]
    return entries


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
