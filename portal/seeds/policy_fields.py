"""Which policy field an imported post belongs to, from a curated keyword map.

The map is part of ``curated.toml``: each policy field lists keywords in English
and Korean, and ``[post_policy_fields]`` names the field of particular posts by
their title as written (or ``""`` for none). A post scores three for each keyword
in its title and one for each in its summary and body; the best score wins, ties
going to the field listed first. A post that matches nothing gets no field, and
the import report lists it so the map can be extended.

English keywords match the start of a word or words ("famil" finds "families",
"climate card" finds "Climate Cards"); Korean ones match anywhere, since particles
attach to words. Text is read word by word, once, so the cost grows with its length
and not with the number of keywords (a regular expression of all of them took a
third of a 10,000-post import).
"""

import re
from collections import Counter
from dataclasses import dataclass

from portal.seeds.records import HANGUL, PostRecord

TITLE_WEIGHT = 3
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


@dataclass(frozen=True)
class FieldMatcher:
    # One-word English keywords by their first three letters; longer ones by their
    # first word (whole), with the words that must follow; Korean keyword -> slug.
    words: dict[str, list[tuple[str, str]]]
    phrases: dict[str, list[tuple[tuple[str, ...], str]]]
    korean: dict[str, str]
    order: dict[str, int]  # slug -> its place in the file, for ties
    overrides: dict[str, str]  # title as written -> slug ("" for none)

    @classmethod
    def from_curated(
        cls,
        policy_fields: list[dict],
        overrides: dict[str, str],
        languages: tuple[str, str],
    ):
        """``languages``: the seeds' Korean and Latin-script language, whose
        ``keywords_<language>`` lists are read."""
        hangul, latin = languages
        words: dict[str, list] = {}
        phrases: dict[str, list] = {}
        korean: dict[str, str] = {}
        for facts in policy_fields:
            slug = facts["slug"]
            for keyword in facts.get(f"keywords_{latin}", []):
                first, *rest = WORD.findall(keyword.casefold())
                if rest:
                    phrases.setdefault(first, []).append((tuple(rest), slug))
                else:
                    words.setdefault(first[:3], []).append((first, slug))
            for keyword in facts.get(f"keywords_{hangul}", []):
                korean[keyword] = slug
        order = {facts["slug"]: index for index, facts in enumerate(policy_fields)}
        return cls(words, phrases, korean, order, dict(overrides))

    def field_for(self, record: PostRecord) -> str | None:
        if record.title in self.overrides:
            return self.overrides[record.title] or None
        scores = self._scores(record.title, TITLE_WEIGHT)
        scores.update(self._scores(f"{record.summary}\n{record.body}", 1))
        if not scores:
            return None
        return min(scores, key=lambda slug: (-scores[slug], self.order[slug]))

    def _scores(self, text: str, weight: int) -> Counter:
        scores: Counter = Counter()
        words = WORD.findall(text.casefold())
        for index, word in enumerate(words):
            for keyword, slug in self.words.get(word[:3], ()):
                if word.startswith(keyword):
                    scores[slug] += weight
            for rest, slug in self.phrases.get(word, ()):
                if _followed_by(words, index, rest):
                    scores[slug] += weight
        if HANGUL.search(text):
            for keyword, slug in self.korean.items():
                if found := text.count(keyword):
                    scores[slug] += weight * found
        return scores


def _followed_by(words: list[str], index: int, rest: tuple[str, ...]) -> bool:
    """Whether ``rest`` follows ``words[index]``: every word whole but the last,
    which may go on ("climate card" at "climate cards")."""
    following = words[index + 1 : index + 1 + len(rest)]
    if len(following) < len(rest):
        return False
    *whole, last = rest
    return following[:-1] == whole and following[-1].startswith(last)
