"""Two captures of one post made into one record.

The old site showed each post on list pages, year after year, and on its own
detail page. A list page cut long titles ("… City's Com..") and showed the body's
first lines; the detail page has both whole. The rule (docs/seed-format.md): the
whole title and the fullest body win wherever they appear; where two copies
differ otherwise, the later capture wins.

Records in, a record out: no ORM, so the importer applies the same rule to a row
a previous run stored (importer.py).
"""

from dataclasses import replace
from functools import lru_cache

from portal.seeds.kinds import is_publication
from portal.seeds.normal_text import (
    extends,
    folded,
    is_teaser,
    letters,
    without_trailing_dots,
)

# Fewer letters than this prove nothing: every third title starts "Seoul …".
MIN_PREFIX = 12


# Titles are compared with every other title of their day, in the parse and
# against stored rows: each is folded once.
_title_folded = lru_cache(maxsize=16_384)(folded)
_title_letters = lru_cache(maxsize=16_384)(letters)


def same_title(whole: str, other: str, *, other_cut: bool) -> bool:
    """``other`` is the same title, or (``other_cut``) the start of it."""
    if _title_folded(whole) == _title_folded(other):
        return True
    if not other_cut:
        return False
    start = _title_letters(without_trailing_dots(other))
    return len(start) >= MIN_PREFIX and _title_letters(whole).startswith(start)


def matching_title(record) -> str:
    """The title to match a record by: a cut one as scraped, with the half word
    the site cut it in ("… for To"), which tells "for Tourists" from "for
    Citizens" where the tidied title ("… for…") cannot."""
    return record.scraped_title or record.title if record.needs_review else record.title


def same_post(a, b) -> bool:
    """Whether two records of the same day are one post: the same title however
    spelt, or a cut title and the whole one it begins."""
    return same_title(
        a.title, matching_title(b), other_cut=b.needs_review
    ) or same_title(b.title, matching_title(a), other_cut=a.needs_review)


def one_of(candidates: list, teaser_of) -> object | None:
    """The one candidate a record is, or None when it is none or ambiguous: a cut
    title that begins two posts' titles is the one whose body its text begins,
    and stays apart (flagged) when that does not tell them apart either."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    related = [candidate for candidate in candidates if teaser_of(candidate)]
    return related[0] if len(related) == 1 else None


def related_bodies(a: str, b: str) -> bool:
    """One body is the other's teaser (or the same text)."""
    return bool(a and b) and (
        extends(a, b, minimum=MIN_PREFIX) or extends(b, a, minimum=MIN_PREFIX)
    )


def fuller_body(earlier: str, later: str) -> str:
    """The later text, unless it is only the beginning (a teaser) of the earlier."""
    if not later:
        return earlier
    if earlier and is_teaser(earlier, later, minimum=MIN_PREFIX):
        return earlier
    return later


def merged_post(a, b):
    """One record of two copies of a post; ``b`` was read later."""
    if a.needs_review and not b.needs_review:
        titled = b
    elif b.needs_review and not a.needs_review:
        titled = a
    elif a.needs_review and b.needs_review:
        titled = max(a, b, key=lambda record: len(record.scraped_title))
    else:
        titled = b
    bodied = b if fuller_body(a.raw_body, b.raw_body) == b.raw_body else a
    kind = _kind(a, b, titled, bodied)
    keys = {a.key, b.key, *a.merged_keys, *b.merged_keys}
    result = replace(
        titled,
        kind=kind,
        summary=bodied.summary,
        body=bodied.body,
        raw_body=bodied.raw_body,
        author=b.author or a.author,
        address=b.address or a.address,
        origin=a.origin,
    )
    return replace(result, merged_keys=tuple(sorted(keys - {result.key})))


def _kind(a, b, titled, bodied) -> str:
    """A video stays a video (a detail page may drop the "[Video]" mark); a
    publication is one if either copy shows it."""
    kinds = {a.kind, b.kind}
    if "video" in kinds:
        return "video"
    if "publication" in kinds or is_publication(titled.scraped_title, bodied.raw_body):
        return "publication"
    return "news"
