"""One JSON line per request on stdout, for the service manager's log collector.

    {"time": "...", "level": "INFO", "logger": "portal.request", "method": "GET",
     "path": "/ko/news/", "status": 200, "ms": 4.1, "bytes": 5120, "ip": "...",
     "cache": "hit", "user": null}

The query string is left out: search terms are the visitors' business. So is
the secret in a request's private link (portal.pages.inquiries): a view marked
``private_link`` is logged with ``<secret>`` in place of its address's parts,
or the log would hold keys to visitors' personal data.
"""

import json
import logging
import time

from portal.middleware.client_ip import client_ip

logger = logging.getLogger("portal.request")


class JsonFormatter(logging.Formatter):
    """Every log record as one JSON object: the message plus any ``extra`` fields."""

    STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(
            (key, value)
            for key, value in vars(record).items()
            if key not in self.STANDARD
        )
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def logged_path(request) -> str:
    match = getattr(request, "resolver_match", None)
    path = request.path
    if match is not None and getattr(match.func, "private_link", False):
        for value in match.kwargs.values():
            path = path.replace(str(value), "<secret>")
    return path


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        streaming = getattr(response, "streaming", False)
        path = logged_path(request)
        logger.info(
            "%s %s %s",
            request.method,
            path,
            response.status_code,
            extra={
                "method": request.method,
                "path": path,
                "status": response.status_code,
                "ms": round((time.perf_counter() - started) * 1000, 2),
                "bytes": None if streaming else len(response.content),
                "ip": client_ip(request),
                "cache": response.get("X-Cache"),
                "user": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        return response
