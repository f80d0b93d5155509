"""Addresses that depend only on the code and the language, reversed once per process.

``reverse()`` walks the URL resolver on every call (about 17 µs here), and a page
holds two dozen links: its cards' and its navigation's. Both are fixed for a given
language, script prefix and URLconf, so those make the memo's key.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.core.validators import slug_re
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

MARKER = "slug-marker"


def _here() -> tuple:
    """What else an address depends on: the memo's key beside the route's name."""
    return get_language(), get_script_prefix(), get_urlconf()


def fixed_url(name: str) -> str:
    """``reverse(name)`` for a route without arguments."""
    return _reversed(name, *_here())


def slug_url(name: str, slug: str) -> str:
    """``reverse(name, kwargs={"slug": slug})``."""
    # What <slug:…> accepts needs no quoting, so the address is exact; anything
    # else gets reverse()'s own answer (or its refusal).
    if not slug_re.match(slug):
        return reverse(name, kwargs={"slug": slug})
    before, after = _around_slug(name, *_here())
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
