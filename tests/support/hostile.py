"""Hostile paths and query strings for every public URL pattern, shared by the
property-based test (tests/portal/pages/test_hostile_input.py) and the fuzz script
(tests/reliability/fuzz_urls.py). The patterns and real pages come from
tests/support/public_pages.py; this module imports no Django (the fuzz script
loads it before any settings).

Paths are written percent-encoded, as they travel on the wire: ``%ff`` is an
invalid UTF-8 byte, ``%zz`` invalid percent-encoding, ``%00`` a NUL byte.
"""

import random
from urllib.parse import quote

# Addresses outside the URLconf; the URLconf's own come from
# tests/support/public_pages.py (hostile_templates). {lang} is a language prefix,
# {x} a hostile segment.
OUTSIDE = ["/static/{x}", "/{x}", "/{x}/{x}/"]
LANGUAGES = ["ko", "en", "fr", "KO", "ko-kr", "zh-hans", "", "..", "%ff", "x" * 300]
QUERY_KEYS = ["page", "q", "kind", "field", "policy_field", "year", "p", "next", "lang"]
SEGMENTS = [
    "",
    "-1",
    "0",
    "1",
    "499",
    "500",
    "501",
    "99999999999999999999999999",
    "1e9",
    "0x10",
    "NaN",
    "²",
    "١٢",
    "1.5",
    " 2",
    "../../../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "%2e%2e/%2e%2e/",
    "%00",
    "a%00b",
    "%ff%fe%fd",
    "%c3%28",
    "%e0%a4%a",
    "%zz",
    "%",
    "%%",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    '"><svg onload=alert(1)>',
    "' OR '1'='1",
    "1; DROP TABLE portal_post;--",
    "%0d%0aSet-Cookie:%20x=1",
    "한국어",
    "%ED%95%9C",
    "\U0001f600",
    "A" * 10_240,
    "%41" * 3000,
]


def encode(segment: str) -> str:
    """Percent-encode what cannot travel raw, keeping deliberate %-sequences."""
    return quote(segment, safe="%/:;=?&'\"<>@!$()*+,~-._")


def hostile_path(rng: random.Random, templates: list[str], pages: list[str]) -> str:
    """A hostile address: a template with hostile segments, or a real page (so
    its view runs, not just the 404) with a hostile query string."""
    if pages and rng.random() < 0.5:
        path = rng.choice(pages)
    else:
        path = rng.choice(templates + OUTSIDE).replace("{lang}", rng.choice(LANGUAGES))
    while "{x}" in path:
        path = path.replace("{x}", encode(rng.choice(SEGMENTS)), 1)
    keys = QUERY_KEYS + SEGMENTS[:5]
    pairs = [
        f"{encode(rng.choice(keys))}={encode(rng.choice(SEGMENTS))}"
        for _ in range(rng.randint(0, 3))
    ]
    return path + ("?" + "&".join(pairs) if pairs else "")


# 405: a GET to an address that only takes answers (the page satisfaction form).
ACCEPTABLE = {400, 404, 405}


def acceptable(status: int) -> bool:
    """2xx, 3xx, 400, 404 or 405: anything else (above all a 5xx) is a failure."""
    return 200 <= status < 400 or status in ACCEPTABLE
