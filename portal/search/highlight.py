"""Marking the matched words in titles and snippets, safely."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from portal.search.fold import IGNORED, fold, written_as

SNIPPET_LENGTH = 220
# Marks the fold leaves out may follow any letter of a match.
_MARKS = f"[{re.escape(IGNORED)}]*"


def _written(term: str) -> str:
    """A pattern for every way ``term`` (folded) can be written in the text: each
    letter or a variant of it, each followed by any marks the fold leaves out
    (so a vowel mark stays inside <mark> with its letter)."""
    return "".join(f"[{re.escape(written_as(letter))}]{_MARKS}" for letter in term)


def _pattern(terms: list[str]) -> re.Pattern | None:
    if not terms:
        return None
    alternatives = [_written(term) for term in sorted(terms, key=len, reverse=True)]
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
    separated by spaces), with an ellipsis where text was left out. Chinese puts
    no space between words: a long run of Han characters is cut where the length
    says, or its middle would never be shown.
    """
    text = " ".join(text.split())
    pattern = _pattern(terms)
    match = pattern.search(text) if pattern else None
    start = max(0, (match.start() if match else 0) - length // 3)
    if start > 0 and text[start - 1] != " ":
        # Back to the start of the word it would cut, if there is one near: the
        # match stays inside.
        boundary = text.rfind(" ", 0, start) + 1
        if start - boundary <= length // 3:
            start = boundary
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
    folded = fold(text)
    return any(term in folded for term in terms)
