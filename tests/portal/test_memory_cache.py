"""The in-process cache keeps Django's cache contract within a byte budget."""

import time
from unittest import mock

import pytest

from portal.memory_cache import MemoryCache


@pytest.fixture
def cache(request):
    cache = MemoryCache(request.node.name, {"OPTIONS": {"MAX_BYTES": 100_000}})
    yield cache
    cache.clear()


def test_it_stores_reads_and_forgets_like_any_django_cache(cache):
    cache.set("a", {"title": "Climate"})
    assert cache.get("a") == {"title": "Climate"}
    assert cache.add("a", "other") is False and cache.add("b", 1) is True
    assert cache.incr("b", 2) == 3 and cache.get("b") == 3
    assert cache.has_key("a") and cache.delete("a") and not cache.has_key("a")
    assert cache.get("a", "gone") == "gone"
    with pytest.raises(ValueError):
        cache.incr("missing")


def test_values_are_copies(cache):
    value = ["first"]
    cache.set("list", value)
    value.append("changed by the caller")

    assert cache.get("list") == ["first"]


def test_entries_expire_with_their_timeout(cache):
    now = time.time()
    cache.set("never", 1, timeout=None)
    cache.set("soon", 1, timeout=60)
    cache.set("at-once", 1, timeout=0)
    cache.set("touched", 1, timeout=60)
    cache.touch("touched", timeout=600)

    with mock.patch("time.time", return_value=now + 61):
        assert cache.get("soon") is None
        assert cache.get("never") == 1 and cache.get("touched") == 1
    assert cache.get("at-once") is None


def test_the_least_recently_used_entries_go_first(cache):
    for number in range(100):
        cache.set(number, "x" * 1000)
        cache.get(0)  # read all along

    assert cache.size_bytes <= 100_000
    assert cache.get(0) is not None and cache.get(99) is not None
    assert cache.get(1) is None


def test_a_value_over_the_entry_limit_is_not_stored_and_replaces_the_old_one(cache):
    cache.set("page", "small")
    cache.set("page", "x" * (100_000 // 64))

    assert cache.get("page") is None
