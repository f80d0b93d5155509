"""A "busy, try again in a moment" page instead of a 500 while SQLite is locked.

SQLite lets one writer at a time. An import (or a backup's restore) holds the
write lock for as long as it runs, and every transaction here begins IMMEDIATE
(config/settings.py), so anything that opens one waits for the lock, up to the
connection's timeout, and then fails with "database is locked". Opening an admin
change form is such a request although it writes nothing: the admin and
django-reversion wrap the whole form view, GET included, in
``transaction.atomic``. Nothing is wrong and nothing was written (the transaction
rolled back), so the answer is 503 with Retry-After, not an error page and not a
logged error.
"""

import logging
import sqlite3

from django.db import OperationalError
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

from portal.error_pages import without_request

# Seconds a browser or client is asked to wait before trying again.
RETRY_AFTER = 10

logger = logging.getLogger(__name__)


def is_database_busy(error: BaseException | None) -> bool:
    """Whether ``error`` is SQLite giving up on a lock another connection holds."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    code = getattr(cause, "sqlite_errorcode", None)
    # The primary code, without the extended part (SQLITE_BUSY_SNAPSHOT …).
    return code is not None and code & 0xFF in (
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
    )


def busy_response(request) -> HttpResponse:
    """The 503 page. Rendered without the request, as the 500 page is: its context
    processors would read the database that is busy."""
    logger.warning("database busy: %s %s answered 503", request.method, request.path)
    response = HttpResponse(without_request("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    add_never_cache_headers(response)
    return response


class DatabaseBusyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return busy_response(request) if is_database_busy(exception) else None
