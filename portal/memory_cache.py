"""Django's in-process cache, bounded in bytes rather than in entries.

Django's LocMemCache counts entries (MAX_ENTRIES), whatever their size, so its
memory grows with the pages stored: 5,000 pages of 60 kB are 300 MB in each
gunicorn worker. This one counts the bytes of every entry and drops the least
recently used ones to stay within ``MAX_BYTES``. A value larger than
``MAX_ENTRY_BYTES`` (by default 1/64 of the budget) is not stored at all, so one
very large answer cannot push out dozens of pages. Values are pickled, as
LocMemCache does, so no caller shares a mutable object with the cache, and the
pickle's length is what an entry is charged.

The bookkeeping (least recently used order, expiry, sizes) is cachetools'
``TLRUCache``. Each process has one store per cache name and budget, shared by
its threads under a lock.
"""

import pickle
import threading
import time
from math import inf
from typing import NamedTuple

from cachetools import TLRUCache
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

DEFAULT_MAX_BYTES = 64 * 2**20
# What an entry costs beyond its pickled value (its key, the dictionary slots,
# the expiry record), so that a flood of tiny entries is bounded too.
ENTRY_OVERHEAD = 300


class Stored(NamedTuple):
    expires: float  # a time.time() value; inf for never
    pickled: bytes


def _size(stored: Stored) -> int:
    return len(stored.pickled) + ENTRY_OVERHEAD


def _expiry(_key, stored: Stored, _now) -> float:
    return stored.expires


def _now() -> float:
    # Looked up at each call, like the expiry times Django computes from it.
    return time.time()


_stores: dict[tuple[str, int], tuple[TLRUCache, threading.Lock]] = {}
_stores_lock = threading.Lock()


def _store(name: str, max_bytes: int) -> tuple[TLRUCache, threading.Lock]:
    with _stores_lock:
        if (name, max_bytes) not in _stores:
            store = TLRUCache(max_bytes, _expiry, timer=_now, getsizeof=_size)
            _stores[name, max_bytes] = store, threading.Lock()
        return _stores[name, max_bytes]


class MemoryCache(BaseCache):
    """``OPTIONS``: ``MAX_BYTES`` (default 64 MiB per process) and
    ``MAX_ENTRY_BYTES`` (default ``MAX_BYTES // 64``)."""

    pickle_protocol = pickle.HIGHEST_PROTOCOL

    def __init__(self, name, params):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self.max_bytes = int(options.get("MAX_BYTES", DEFAULT_MAX_BYTES))
        self.max_entry_bytes = min(
            int(options.get("MAX_ENTRY_BYTES", self.max_bytes // 64)), self.max_bytes
        )
        self._cache, self._lock = _store(name, self.max_bytes)

    @property
    def size_bytes(self) -> int:
        """What the entries are charged, expired ones not yet dropped included."""
        with self._lock:
            return self._cache.currsize

    def _expires(self, timeout) -> float:
        expires = self.get_backend_timeout(timeout)
        return inf if expires is None else expires

    def _put(self, key: str, value, timeout) -> None:
        """Store under the lock the caller holds; an oversize value replaces the
        old one by nothing, so it is never read stale."""
        stored = Stored(
            self._expires(timeout), pickle.dumps(value, self.pickle_protocol)
        )
        if _size(stored) > self.max_entry_bytes:
            self._cache.pop(key, None)
        else:
            self._cache[key] = stored

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if key in self._cache:
                return False
            self._put(key, value, timeout)
            return True

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            stored = self._cache.get(key)
        return default if stored is None else pickle.loads(stored.pickled)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            self._put(key, value, timeout)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            stored = self._cache.get(key)
            if stored is None:
                return False
            self._cache[key] = stored._replace(expires=self._expires(timeout))
            return True

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            stored = self._cache.get(key)
            if stored is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(stored.pickled) + delta
            pickled = pickle.dumps(value, self.pickle_protocol)
            self._cache[key] = stored._replace(pickled=pickled)
        return value

    def has_key(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            return key in self._cache

    def delete(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            return self._cache.pop(key, None) is not None

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()
