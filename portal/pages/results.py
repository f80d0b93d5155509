"""Query results that renders share, cached under the content version.

The page cache serves whole pages to anonymous visitors. When a page must be
rendered all the same (the first visit after a change, a staff member, a search,
or the page cache switched off), the results it shares with other pages or with
its own next render come from here: a post's neighbours and related posts, the
filters of every list, the home page's sections, a search's ranking. Entries are
filed like pages: under the content version, which the database's triggers raise
on every change, and for no longer than until the next scheduled item becomes
public. So a result is never stale. What is kept is the result, never SQL.

A cache server that is down costs the query, not the page.
"""

import hashlib
import logging
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches

from portal.models.versions import cache_timeout, request_state

T = TypeVar("T")
MISSING = object()
logger = logging.getLogger(__name__)


def remembered(request, key: tuple, compute: Callable[[], T]) -> T:
    """``compute()``, or what it returned last time under this content version."""
    seconds = settings.RESULTS_CACHE_SECONDS
    state = request_state(request) if seconds else None
    if state is None:
        return compute()
    version, due = state
    digest = hashlib.sha256(repr(key).encode()).hexdigest()
    name = f"result:{version}:{digest}"
    cache = caches[settings.PAGE_CACHE_ALIAS]
    try:
        value = cache.get(name, MISSING)
    except Exception:
        logger.warning("results cache unavailable: query run", exc_info=True)
        return compute()
    if value is MISSING:
        value = compute()
        try:
            cache.set(name, value, cache_timeout(due, seconds))
        except Exception:
            logger.warning("results cache unavailable: not stored", exc_info=True)
    return value
