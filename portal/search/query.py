"""Turning what a visitor typed into search terms."""

import re
import unicodedata

from portal.search.fold import fold

MAX_QUERY = 200
MAX_TERMS = 8
# Anything that is neither a letter nor a number separates terms.
SEPARATORS = re.compile(r"[^\w]+|_+")


def parse_query(raw: str) -> list[str]:
    """Folded (portal.search.fold), de-duplicated terms; empty when nothing
    searchable was typed.

    Hostile input (control characters, NUL, 10 KB of text, lone surrogates) is cut
    down or dropped rather than refused.
    """
    text = unicodedata.normalize("NFKC", (raw or "")[: MAX_QUERY * 4])
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    terms: list[str] = []
    # Folded before it is split: Arabic vowel marks are not word characters.
    for term in SEPARATORS.split(fold(text[:MAX_QUERY])):
        if term and term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]
