"""Numbers read from URLs (page numbers, years).

Only ASCII digits count: ``str.isdigit()`` also accepts "²" and "١٢", and
``int("²")`` then fails, which a fuzz test turned into a 500.
"""

import re

DIGITS = re.compile(r"[0-9]{1,9}")


def whole_number(raw) -> int | None:
    """``raw`` as a non-negative int, or None for anything else."""
    text = str(raw) if raw is not None else ""
    return int(text) if DIGITS.fullmatch(text) else None
