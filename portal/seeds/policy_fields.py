"""Which policy field an imported post belongs to, from a curated keyword map.

The map is part of ``curated.toml``: each policy field lists keywords in English
and Korean, and ``[post_policy_fields]`` names the field of particular posts by
their title as written (or ``""`` for none). A post scores three for each keyword
in its title and one for each in its summary and body; the best score wins, ties
going to the field listed first. A post that matches nothing gets no field, and
the import report lists it so the map can be extended.
"""

import re
from dataclasses import dataclass

from portal.seeds.records import PostRecord

TITLE_WEIGHT = 3


@dataclass(frozen=True)
class FieldMatcher:
    patterns: dict[str, re.Pattern]  # slug -> any of its keywords, in file order
    overrides: dict[str, str]  # title as written -> slug ("" for none)

    @classmethod
    def from_curated(cls, policy_fields: list[dict], overrides: dict[str, str]):
        patterns = {}
        for facts in policy_fields:
            words = [*facts.get("keywords_en", []), *facts.get("keywords_ko", [])]
            if words:
                patterns[facts["slug"]] = re.compile(
                    "|".join(_pattern(word) for word in words), re.IGNORECASE
                )
        return cls(patterns, dict(overrides))

    def field_for(self, record: PostRecord) -> str | None:
        if record.title in self.overrides:
            return self.overrides[record.title] or None
        text = f"{record.summary}\n{record.body}"
        best, best_score = None, 0
        for slug, pattern in self.patterns.items():
            score = TITLE_WEIGHT * len(pattern.findall(record.title))
            score += len(pattern.findall(text))
            if score > best_score:
                best, best_score = slug, score
        return best


def _pattern(word: str) -> str:
    """English keywords match at the start of a word ("transport" finds
    "transportation"); Korean ones anywhere, since particles attach to words."""
    escaped = re.escape(word).replace(r"\ ", r"\s+")
    return rf"\b{escaped}" if word[:1].isascii() else escaped
