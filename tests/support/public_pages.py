"""Every public page of the portal, from the URLconf and the public content
declaration (portal/models/public.py), for the tests that walk the site: status
and language, query budgets, the hostile-input grid, the W3C and axe checks.

Hand-kept lists of addresses fell behind the site (issue 28): a new page was
neither fuzzed nor validated. Here each URL pattern outside the admin is read from
``get_resolver()`` and filled with real rows: a ``slug`` or ``pk`` from the public
rows of the model the URL name starts with (``portal:post_play`` shows a
``Post``, ``portal:policy_field_feed_rss`` a ``PolicyField``), one page per kind
when the model has kinds. A pattern no public row can fill is named by
:func:`unfilled_routes`, and tests/portal/pages/test_public_pages.py fails.

Each filled address is requested once, anonymously, to keep the rows whose page
exists (a news post has no player page) and to learn what it answers (a page, a
feed, a redirect); the caches those requests fill are emptied again, so a test
counting queries sees cold pages.
"""

import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.mixins import AccessMixin
from django.core.cache import caches
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation

from portal.languages import language_codes
from portal.models.public import PUBLIC_CONTENT, PublicContent
from portal.pages.sitemaps import sections

LANG = "{lang}"
# Rows tried per page and kind before a pattern counts as unfilled.
TRIES = 5
# A parameter in a route (<slug:slug>) or in a regular expression ((?P<path>.+)).
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


@dataclass(frozen=True)
class Route:
    """One URL pattern a visitor can reach, as Django's route text.

    ``route`` starts with ``{lang}/`` under the language prefix:
    ``{lang}/posts/<slug:slug>/``.
    """

    route: str
    pattern: URLPattern
    namespace: str

    @property
    def name(self) -> str:
        """``portal:post_detail``; the route itself for unnamed patterns."""
        if not self.pattern.name:
            return self.route
        return ":".join(filter(None, (self.namespace, self.pattern.name)))

    @property
    def keywords(self) -> list[str]:
        return list(self.pattern.pattern.regex.groupindex)

    @property
    def staff_only(self) -> bool:
        """Previews, and a request's private pages: a visitor who guesses an
        address gets no page there, whatever it holds."""
        view = getattr(self.pattern.callback, "view_class", None)
        if getattr(self.pattern.callback, "private_link", False):
            # A request's own pages, reached only through its secret token.
            return True
        return bool(view) and issubclass(view, AccessMixin)

    def template(self) -> str:
        """The address with ``{x}`` for each parameter, for the hostile grid."""
        return "/" + PARAMETER.sub("{x}", self.route).rstrip("$")

    @cached_property
    def content(self) -> PublicContent | None:
        """The public model this route shows, from its URL name (or the name
        of the pattern it redirects to): the longest model name it starts with."""
        initkwargs = getattr(self.pattern.callback, "view_initkwargs", {})
        name = self.pattern.name or initkwargs.get("pattern_name") or ""
        name = name.rsplit(":", 1)[-1]
        models_by_name = {snake_case(e.model.__name__): e for e in PUBLIC_CONTENT}
        matches = [
            model for model in models_by_name if f"{name}_".startswith(f"{model}_")
        ]
        return models_by_name[max(matches, key=len)] if matches else None


def snake_case(name: str) -> str:
    """``PolicyField`` -> ``policy_field``, ``FAQEntry`` -> ``faq_entry``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def public_routes() -> list[Route]:
    """Every URL pattern outside the admin, in URLconf order."""
    found = []

    def walk(entries, prefix: str, namespace: str) -> None:
        for entry in entries:
            if isinstance(entry.pattern, LocalePrefixPattern):
                part = f"{LANG}/"
            else:
                part = str(entry.pattern).lstrip("^")
            route = prefix + part
            if route.startswith(settings.ADMIN_PATH):
                continue
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route, entry.namespace or namespace)
            else:
                found.append(Route(route, entry, namespace))

    with translation.override(settings.LANGUAGE_CODE):
        walk(get_resolver().url_patterns, "", "")
    return found


def route_of(path: str) -> str | None:
    """The route text (as in :class:`Route`) a request path resolves to."""
    try:
        match = resolve(path.split("?", 1)[0])
    except Resolver404:
        return None
    route = match.route.lstrip("^")
    for code in language_codes():
        if route.startswith(f"{code}/"):
            return LANG + route[len(code) :]
    return route


@dataclass(frozen=True)
class Address:
    """A filled route and what it answered when asked anonymously."""

    name: str
    path: str
    route: Route
    status: int
    content_type: str

    @property
    def is_page(self) -> bool:
        """An HTML page (not a feed, a sitemap file or a redirect)."""
        return self.status == 200 and self.content_type.startswith("text/html")


def _kinds(entry: PublicContent) -> list[tuple[str, models.QuerySet]]:
    """("", all public rows), or one (kind, rows) pair per kind the model has."""
    rows = entry.public_rows().order_by("pk")
    kinds = getattr(entry.model, "Kind", None)
    if kinds is None:
        return [("", rows)]
    return [(kind.value, rows.filter(kind=kind)) for kind in kinds]


def _files() -> list[str]:
    """Stored names of the files public rows hold (what /media/ serves)."""
    names = []
    for entry in PUBLIC_CONTENT:
        for field in entry.model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                rows = entry.public_rows().exclude(**{field.name: ""})
                names += rows.values_list(field.name, flat=True)[:1]
    return names


def _search_words() -> list[str]:
    """A word of a public title, so search has results to show: the same in
    every language, as the language switcher keeps the query."""
    for entry in PUBLIC_CONTENT:
        if entry.search and (row := entry.public_rows().order_by("pk").first()):
            with translation.override(settings.LANGUAGE_CODE):
                title = getattr(row, entry.search.title) or ""
            return [quote(word) for word in title.split()[:1]]
    return []


def _candidates(route: Route) -> list[tuple[str, list[dict]]]:
    """(variant label, kwargs to try in order) for each page of ``route``."""
    keywords = set(route.keywords)
    if not keywords:
        return [("", [{}])]
    if keywords == {"section"}:
        return [(name, [{"section": name}]) for name in sections()]
    if keywords == {"path"}:
        return [("", [{"path": name} for name in _files()[:TRIES]])]
    if route.content is None or not keywords <= {"slug", "pk"}:
        return []
    return [
        (kind, [{key: getattr(row, key) for key in keywords} for row in rows[:TRIES]])
        for kind, rows in _kinds(route.content)
    ]


def _path(route: Route, lang: str, kwargs: dict) -> str:
    path = "/" + route.route.replace(LANG, lang).rstrip("$")
    return PARAMETER.sub(lambda m: quote(str(kwargs[m[1] or m[2]])), path)


# Pages that read the query string to show something else: searched words.
QUERIES = {"portal:search": lambda: [f"q={word}" for word in _search_words()]}


def public_addresses(lang: str) -> list[Address]:
    """Every public address in ``lang`` (and the addresses without a language),
    filled with the rows in the database, with what each answered."""
    # Each request activates its page's language and leaves it active in this
    # thread: put back the caller's, or its reverse() calls change language.
    with translation.override(translation.get_language()):
        return _probed_addresses(lang)


def _probed_addresses(lang: str) -> list[Address]:
    client = Client()
    found = []
    for route in public_routes():
        if route.staff_only:
            continue
        short = route.pattern.name or route.route
        for variant, tries in _candidates(route):
            for kwargs in tries:
                path = _path(route, lang, kwargs)
                response = client.get(path)
                if response.status_code != 404:
                    label = f"{short}[{variant}]" if variant else short
                    found.append(
                        Address(
                            label,
                            path,
                            route,
                            response.status_code,
                            response.get("Content-Type", ""),
                        )
                    )
                    break
        for query in QUERIES.get(route.name, list)():
            path = f"{_path(route, lang, {})}?{query}"
            response = client.get(path)
            found.append(
                Address(
                    f"{short}[results]",
                    path,
                    route,
                    response.status_code,
                    response.get("Content-Type", ""),
                )
            )
    # The probes must not warm the page or results cache for the tests that follow.
    caches[settings.PAGE_CACHE_ALIAS].clear()
    return found


def public_pages(lang: str) -> dict[str, str]:
    """Every public HTML page type in ``lang``: name -> path."""
    return {
        address.name: address.path
        for address in public_addresses(lang)
        if address.is_page
    }


def unfilled_routes(lang: str) -> list[str]:
    """Public routes the helper found no address for in the database."""
    filled = {address.route.route for address in public_addresses(lang)}
    return [
        route.name
        for route in public_routes()
        if not route.staff_only and route.route not in filled
    ]


def hostile_templates() -> list[str]:
    """Every route outside the admin, previews included, with ``{lang}`` and ``{x}``."""
    return [route.template() for route in public_routes()]
