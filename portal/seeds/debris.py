"""What scraping left in the seed text that is not content, cleaned once at import.

The parser calls these on every record. Migration 0023 cleaned rows imported
before they existed with a frozen copy of them; a change here applies to later
imports only.
"""

import re

# The old site cut long titles at a fixed length, often inside a word.
ELLIPSIS = "…"
LAST_WORD = re.compile(r"\s+\S*$")
# What may hang at the end of a title once its last word is gone.
TRAILING_PUNCTUATION = re.compile(r"[\s,;:·–—-]+$")
# Video titles are file names: "Smart City, Seoul_smart city policies".
UNDERSCORES = re.compile(r"\s*_+\s*")
TITLE_SEPARATOR = " – "
# A login of the old CMS ("seoulsolution"), which signed every post it published:
# lower-case Latin letters, digits and login punctuation, no space. A byline is a
# person's or a department's name: it has a capital, a space or Hangul.
ACCOUNT_NAME = re.compile(r"^[a-z][a-z0-9_.-]*$")


def tidy_title(title: str, *, cut: bool) -> str:
    """The title without file-name underscores; a ``cut`` one (the source ended it
    with "..") loses the word it was cut in and ends with an ellipsis.

    Whether the last word was whole cannot be told, so it always goes: one word
    less is better than half of one, and the post stays flagged for review.
    """
    title = UNDERSCORES.sub(TITLE_SEPARATOR, title).strip()
    if not cut:
        return title
    shorter = TRAILING_PUNCTUATION.sub("", LAST_WORD.sub("", title))
    return (shorter or title) + ELLIPSIS


def byline(author: str) -> str:
    """The author line as visitors may read it: "" for a CMS account's login."""
    return "" if ACCOUNT_NAME.match(author) else author
