"""Captured text made comparable: the one place the import normalises text.

Captures of the old site come through browsers, "save as text", html2text and
PDF extractors, each of which leaves its own marks on the same words: entities
left encoded (``&amp;``, ``&#8217;``, ``&nbsp;``), invisible characters (zero-width
spaces, soft hyphens, byte-order and direction marks), exotic spaces, Hangul
decomposed into jamo (macOS), and straight quotes for curly ones. ``normal``
turns every line into one spelling before anything is parsed, compared or
stored; ``folded`` goes further for what only identifies (keys, prefixes).
"""

import html
import re
import unicodedata

# Entities a capture left encoded; twice over when an extractor encoded "&" again.
ENTITY = re.compile(
    r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"
)
# Invisible: soft hyphen, zero-width space, word joiner and friends, direction
# marks and embeddings, byte-order mark, and control characters but the tab.
# Zero-width (non-)joiners shape Arabic and Indic words and are kept.
INVISIBLE = re.compile(
    "[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]"
)
# Spaces of other widths are spaces; a line or paragraph separator inside a line
# is a gap, which the body reader takes as a paragraph break.
SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
SEPARATORS = re.compile("[\u2028\u2029\x85]")
QUOTES = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        "…": "...",
    }
)
# How a finished text ends: a full stop, question or exclamation mark, perhaps
# inside quotes or brackets ("… 했다.", "… 2024.”").
FINISHED = re.compile(r"(?<!\.)[.!?。]['\"’”)\]]*\s*$")


def normal(text: str) -> str:
    """The text in one spelling: entities decoded, invisible characters gone,
    spaces plain, Unicode composed (NFC). Seeds already written this way are
    returned unchanged, so their keys and stored text stay what they were."""
    if "&" in text:
        for _ in range(2):
            decoded = ENTITY.sub(lambda match: html.unescape(match.group()), text)
            if decoded == text:
                break
            text = decoded
    text = INVISIBLE.sub("", text)
    text = SEPARATORS.sub("  ", text)
    text = SPACES.sub(" ", text)
    return unicodedata.normalize("NFC", text)


def folded(text: str) -> str:
    """What identifies a text, not how it is written: compatibility forms (NFKC:
    full-width letters, ligatures), quotes, dashes, case and spacing folded."""
    text = unicodedata.normalize("NFKC", normal(text)).translate(QUOTES)
    return " ".join(text.casefold().split())


def without_trailing_dots(text: str) -> str:
    """A cut title or teaser without the dots that say it was cut: runs of two
    dots or more, or ellipses, at the end, and the spaces around them.

    Read from the end, not with a pattern: one that repeats runs of dots
    splits a run every possible way before it fails, and a body with a table
    of contents ("Housing ........ 5") then took hours."""
    end, cut = text.rstrip(), False
    while end.endswith(("..", "…")):
        end = end[:-1] if end.endswith("…") else end.rstrip(".")
        end, cut = end.rstrip(), True
    return end if cut else text


def letters(text: str) -> str:
    """Only the letters, folded: what survives every layout of the same words
    (paragraphs joined or split, list numbers, punctuation, HTML around them)."""
    return "".join(char for char in folded(text) if char.isalpha())


def extends(longer: str, shorter: str, *, minimum: int = 1) -> bool:
    """True when ``shorter``, less any trailing dots, begins ``longer``: a cut
    title or a list page's teaser of the whole text. Letters are compared, so
    that layout, spelling and a word cut in half do not matter; ``minimum``
    letters at least, since a short start proves nothing."""
    start = letters(without_trailing_dots(shorter))
    return len(start) >= minimum and letters(longer).startswith(start)


def is_teaser(whole: str, teaser: str, *, minimum: int) -> bool:
    """A list page's first lines of ``whole``: its start, cut where no sentence
    ends (or with dots). A shorter text that ends a sentence is an earlier
    version, not a teaser: the later capture wins over it. So does one with
    the same letters (a figure or punctuation changed): a teaser is shorter."""
    if FINISHED.search(teaser):
        return False
    start, letters_of_whole = letters(without_trailing_dots(teaser)), letters(whole)
    return minimum <= len(start) < len(letters_of_whole) and (
        letters_of_whole.startswith(start)
    )
