"""Marking the matched words in titles and snippets, safely."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_LENGTH = 220


def _pattern(terms: list[str]) -> re.Pattern | None:
    if not terms:
        return None
    alternatives = sorted((re.escape(term) for term in terms), key=len, reverse=True)
    return re.compile("|".join(alternatives), re.IGNORECASE)


def highlight(text: str, terms: list[str]) -> SafeString:
    """Escape ``text`` and wrap each match in <mark>."""
    pattern = _pattern(terms)
    if pattern is None:
        return escape(text)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [
            escape(text[last : match.start()]),
            f"<mark>{escape(match.group())}</mark>",
        ]
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # every piece was escaped


def snippet(text: str, terms: list[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """The part of ``text`` around its first match, highlighted.

    It starts and ends between words (English words and Korean eojeol are both
    separated by spaces), with an ellipsis where text was left out.
    """
    text = " ".join(text.split())
    pattern = _pattern(terms)
    match = pattern.search(text) if pattern else None
    start = max(0, (match.start() if match else 0) - length // 3)
    if start > 0 and text[start - 1] != " ":
        # Back to the start of the word it would cut: the match stays inside.
        start = text.rfind(" ", 0, start) + 1
    end = start + length
    if end < len(text) and text[end] != " ":
        cut = text.rfind(" ", start, end)
        if cut > (match.end() if match else start):
            end = cut
    piece = text[start:end].strip()
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + highlight(piece, terms) + suffix)


def contains_any(text: str, terms: list[str]) -> bool:
    folded = text.casefold()
    return any(term in folded for term in terms)
