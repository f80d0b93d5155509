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


def reads_query(*names: str):
    """Declare the query parameters a view reads (a function, a view class or a
    feed class). The page cache stores an answer only for a query made of these,
    each once (portal.middleware.page_cache): any other parameter, such as a
    tracking tag or a made-up one, cannot change the page, and storing a copy per
    distinct query string would let anyone fill the cache."""

    def declare(view):
        view.query_parameters = frozenset(names)
        return view

    return declare


def query_parameters(view) -> frozenset[str]:
    """The parameters ``view`` (as the URLconf holds it) declared; none if it
    declared nothing."""
    view = getattr(view, "view_class", view)
    return getattr(view, "query_parameters", frozenset())
