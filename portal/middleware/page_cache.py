"""Whole-page caching for anonymous visitors, never stale.

Pages are filed under the content version (``portal.models.versions``), which
database triggers raise on every change, so an admin save or an import retires
every cached page at once, on every host sharing the database. An entry also
expires when the next scheduled item becomes public. Requests carrying a session
cookie (staff) are never served from or stored in the cache, nor are previews,
search results, the admin or anything but a plain 200 without cookies.

A page is filed under the scheme, host, path and the query parameters its view
reads (``portal.params.reads_query``), in a fixed order. A query carrying
any other parameter, or one twice, is answered but not stored: otherwise each
made-up query string would be one more copy of the same page.

Responses carry an ETag, so browsers revalidate and get 304 Not Modified.

A shared cache server that is down or slow costs speed, not pages: they are then
rendered from the database, and the failure is logged.
"""

import hashlib
import logging
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)

from portal.models.versions import cache_timeout, request_state
from portal.params import query_parameters

# Paths whose answer may depend on more than the path and the content.
UNCACHED = ("/admin/", "/media/", "/static/")
UNCACHED_PARTS = ("/preview/", "/search/")

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        return response


def _cacheable_request(request) -> bool:
    path = request.path
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and path != "/"
        and not path.startswith(UNCACHED)
        and not any(part in path for part in UNCACHED_PARTS)
    )


def _cacheable_response(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(
            word in cache_control for word in ("private", "no-store", "no-cache")
        )
    )


def _declared_query(request) -> str | None:
    """The query string under which the page is filed ("" for none), or None when
    the query holds a parameter the view does not read, or one twice."""
    if not request.GET:
        return ""
    # Resolved in the language of the path: LocaleMiddleware, which activates
    # it, comes after this middleware, and i18n_patterns match on the active one.
    with translation.override(translation.get_language_from_path(request.path_info)):
        try:
            declared = query_parameters(resolve(request.path_info).func)
        except Resolver404:
            return None
    pairs = sorted(request.GET.lists())
    if any(name not in declared or len(values) > 1 for name, values in pairs):
        return None
    return urlencode([(name, values[0]) for name, values in pairs])


def _key(request, version: int, query: str) -> str:
    gzip = "gzip" in request.headers.get("Accept-Encoding", "")
    # The scheme and the host too: pages carry absolute links (canonical, og:url,
    # hreflang) built from them. An allowed host may come with any port, and the
    # scheme is whatever the deployment trusts (SECURE_PROXY_SSL_HEADER, or
    # gunicorn's forwarded headers from loopback).
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page:{version}:{int(gzip)}:{digest}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.cache = caches[settings.PAGE_CACHE_ALIAS]

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not _cacheable_request(request):
            return self.get_response(request)
        query = _declared_query(request)
        if query is None:
            return self.get_response(request)
        state = request_state(request)
        if state is None:
            return self.get_response(request)
        version, due = state
        key = _key(request, version, query)
        entry = self._get(key)
        if entry is not None:
            response = entry.response()
            response["X-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not _cacheable_response(response):
                return response
            # Browsers revalidate every time (the ETag makes that a 304); a proxy
            # in front may keep the page a few seconds (s-maxage), which is how
            # late an edit can show there (docs/deploy.md, the microcache).
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                must_revalidate=True,
                s_maxage=settings.PROXY_CACHE_SECONDS,
            )
            if not response.has_header("ETag"):
                set_response_etag(response)
            headers = tuple(response.items())
            self._set(
                key,
                Entry(response.status_code, headers, response.content),
                cache_timeout(due, settings.PAGE_CACHE_SECONDS),
            )
            response["X-Cache"] = "miss"
        return get_conditional_response(
            request, etag=response.get("ETag"), response=response
        )

    # Each backend raises its own errors (redis, pymemcache, sockets); any of them
    # means "no cache" for this request.
    def _get(self, key: str) -> Entry | None:
        try:
            return self.cache.get(key)
        except Exception:
            logger.warning("page cache unavailable: page rendered", exc_info=True)
            return None

    def _set(self, key: str, entry: Entry, timeout: int) -> None:
        try:
            self.cache.set(key, entry, timeout)
        except Exception:
            logger.warning("page cache unavailable: page not stored", exc_info=True)
