"""The visitor's address, as lockouts and the request log should see it."""

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or the address the nearest trusted proxy saw.

    Each trusted proxy appends the address it received from to X-Forwarded-For,
    so with N of them the visitor is the Nth entry from the right; entries further
    left were written by the client and cannot be trusted.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
