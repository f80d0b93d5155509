"""Outside addresses that public pages may link to, whatever wrote them.

The admin's URL fields refuse ``javascript:`` links, but a shell, the import or
the database itself may hold one; only the CSP stopped the click. Pages link only
``http``, ``https`` and ``mailto`` addresses.
"""

import re
from urllib.parse import urlsplit

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Browsers drop tabs and line breaks anywhere in an address, and control
# characters and spaces at its ends: "java\tscript:" is "javascript:" to them.
IGNORED_INSIDE = re.compile(r"[\t\n\r]")
IGNORED_AT_ENDS = "".join(chr(code) for code in range(0x21))


def linkable(address: str | None) -> str:
    """``address`` if a visitor may follow it from a public page, else ''."""
    cleaned = IGNORED_INSIDE.sub("", address or "").strip(IGNORED_AT_ENDS)
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return ""
    return cleaned if scheme in SAFE_SCHEMES else ""
