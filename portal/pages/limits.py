"""Per-visitor rate limits in the cache, shared by the hosts that share it.

What is counted (a network address, an e-mail address) is kept only as a salted
digest, in the cache, for the period: nothing in the database.
"""

from django.core.cache import cache
from django.utils.crypto import salted_hmac


def over_limit(scope: str, value: str, *, limit: int, seconds: int) -> bool:
    """Count one more for ``value`` in ``scope``; True once past ``limit``."""
    digest = salted_hmac(f"portal.{scope}", value).hexdigest()
    key = f"{scope}:{digest[:32]}"
    cache.add(key, 0, seconds)
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add() and incr(): a fresh period
        cache.set(key, 1, seconds)
        return limit < 1
