"""/healthz for load balancers: is this process up, can it reach the database,
and can it render pages?

Answered first thing, before the host check and the HTTPS redirect, because
balancers probe by IP address over plain HTTP.
"""

import logging
import time

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.template import loader

PATH = "/healthz"
# How long one process trusts its last look at its pages: a probe every second
# from each balancer then renders one page every few seconds at most.
PAGES_CHECK_SECONDS = 10
# Rendered from an empty context, as Django renders it, without a query; it
# extends the one page skeleton, so it names every stylesheet and icon a page
# links through the static files manifest.
PROBE_TEMPLATE = "500.html"

logger = logging.getLogger(__name__)


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


class PagesCheck:
    """Whether a page renders, looked at once every ``PAGES_CHECK_SECONDS``.

    Without collected static files (or after a deploy that lost the manifest)
    every page answers 500, since the manifest storage raises ValueError for a
    name it does not hold, while the database is fine.
    """

    def __init__(self) -> None:
        self.checked_at: float | None = None
        self.ok = False

    def forget(self) -> None:
        self.checked_at = None

    def __call__(self) -> bool:
        now = time.monotonic()
        if self.checked_at is None or now - self.checked_at >= PAGES_CHECK_SECONDS:
            self.ok = self.render_probe()
            self.checked_at = now
        return self.ok

    def render_probe(self) -> bool:
        try:
            loader.get_template(PROBE_TEMPLATE).render()
        except Exception:
            # Whatever a page would fail with; logged so the reason is on record.
            logger.exception("health check: pages cannot render")
            return False
        return True


pages_ok = PagesCheck()


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != PATH:
            return self.get_response(request)
        started = time.perf_counter()
        database = database_ok()
        pages = pages_ok()
        ok = database and pages
        response = JsonResponse(
            {
                "status": "ok" if ok else "unavailable",
                "database": "ok" if database else "unreachable",
                "pages": "ok" if pages else "failing",
                "ms": round((time.perf_counter() - started) * 1000, 2),
            },
            status=200 if ok else 503,
        )
        response["Cache-Control"] = "no-store"
        return response
