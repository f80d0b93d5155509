"""/healthz for load balancers: is this process up, and can it reach the database?

Answered first thing, before the host check and the HTTPS redirect, because
balancers probe by IP address over plain HTTP.
"""

import time

from django.db import DatabaseError, connection
from django.http import JsonResponse

PATH = "/healthz"


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != PATH:
            return self.get_response(request)
        started = time.perf_counter()
        ok = database_ok()
        response = JsonResponse(
            {
                "status": "ok" if ok else "unavailable",
                "database": "ok" if ok else "unreachable",
                "ms": round((time.perf_counter() - started) * 1000, 2),
            },
            status=200 if ok else 503,
        )
        response["Cache-Control"] = "no-store"
        return response
