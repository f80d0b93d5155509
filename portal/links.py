"""Addresses that depend only on the code and the language, reversed once per process.

``reverse()`` walks the URL resolver on every call (about 17 µs here), and a page
holds two dozen links: its cards' and its navigation's. Both are fixed for a given
language, script prefix and URLconf, so those make the memo's key.
"""

import re
from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# What <slug:…> accepts, so such a slug needs no quoting and the address is exact.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
MARKER = "slug-marker"


def fixed_url(name: str) -> str:
    """``reverse(name)`` for a route without arguments."""
    return _reversed(name, get_language(), get_script_prefix(), get_urlconf())


def slug_url(name: str, slug: str) -> str:
    """``reverse(name, kwargs={"slug": slug})``."""
    if not SLUG.fullmatch(slug):
        return reverse(name, kwargs={"slug": slug})
    before, after = _around_slug(
        name, get_language(), get_script_prefix(), get_urlconf()
    )
    return f"{before}{slug}{after}"


@lru_cache(maxsize=128)
def _reversed(name, language, script_prefix, urlconf) -> str:
    return reverse(name, urlconf=urlconf)


@lru_cache(maxsize=128)
def _around_slug(name, language, script_prefix, urlconf) -> tuple[str, str]:
    before, _, after = reverse(
        name, urlconf=urlconf, kwargs={"slug": MARKER}
    ).partition(MARKER)
    return before, after


@receiver(setting_changed)
def forget(*, setting, **kwargs):
    """Tests that swap the URLconf or the languages get fresh addresses."""
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"}:
        _reversed.cache_clear()
        _around_slug.cache_clear()
