"""Plain records produced by the seed parser: no ORM, no settings."""

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, lru_cache

from portal.seeds.merging import merged_post, one_of, related_bodies, same_post

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
LATIN = re.compile(r"[A-Za-z]")
# Korean text quotes English names and English text quotes Korean ones ("(따릉이)"):
# the share of Hangul among the letters decides. One syllable carries about as
# much as a short English word, so a Korean title naming "Smart City Week" is
# still Korean at a fifth of its letters.
KOREAN_SHARE = 0.2


@lru_cache(maxsize=4096)
def mostly_hangul(text: str) -> bool:
    """True when Hangul makes up at least KOREAN_SHARE of the letters."""
    hangul = len(HANGUL.findall(text))
    latin = len(LATIN.findall(text))
    return bool(hangul) and hangul / (hangul + latin) >= KOREAN_SHARE


def stable_key(*parts: str) -> str:
    """A key derived from content only, so file order never changes identity."""
    normalised = "\x1f".join(" ".join(part.split()).casefold() for part in parts)
    return hashlib.sha256(normalised.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Origin:
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class PostRecord:
    kind: str  # "news", "video" or "publication"
    title: str
    published_on: date
    author: str
    summary: str
    body: str
    needs_review: bool
    origin: Origin
    # The title as the source wrote it, scrape debris included (seeds/debris.py):
    # what identifies the post, so cleaning the title never changes its key.
    scraped_title: str = ""
    # The body's lines as captured, for telling a teaser from the whole text.
    raw_body: str = ""
    # The old site's address of the item, as the capture wrote it.
    address: str = ""
    # Keys of the copies merged into this one (a cut title, another kind).
    merged_keys: tuple[str, ...] = ()

    @cached_property
    def key(self) -> str:
        # Cached: the import asks for it at every step (records are frozen).
        return stable_key(
            "post", self.kind, self.published_on.isoformat(), self._key_title
        )

    @property
    def earlier_keys(self) -> list[str]:
        """The keys this post had if an earlier import read its kind differently,
        or stored a copy merged into it (a cut title) as a row of its own."""
        day = self.published_on.isoformat()
        kinds = [
            stable_key("post", kind, day, self._key_title)
            for kind in ("news", "video", "publication")
            if kind != self.kind
        ]
        return [*kinds, *(key for key in self.merged_keys if key != self.key)]

    @property
    def _key_title(self) -> str:
        return self.scraped_title or self.title


@dataclass(frozen=True)
class PartnerRecord:
    name: str  # as written, minus image captions
    short_name: str
    full_name: str
    description: str
    origin: Origin

    @cached_property
    def key(self) -> str:
        return stable_key("partner", self.short_name or self.name)


@dataclass(frozen=True)
class FAQRecord:
    question: str
    answer: str


@dataclass(frozen=True)
class ProgramRecord:
    name: str
    english_name: str  # from the parenthesised English, may be empty
    faq: tuple[FAQRecord, ...]
    origin: Origin

    @cached_property
    def key(self) -> str:
        return stable_key("program", self.name)


Record = PostRecord | PartnerRecord | ProgramRecord


@dataclass
class ParseResult:
    posts: list[PostRecord] = field(default_factory=list)
    partners: list[PartnerRecord] = field(default_factory=list)
    programs: list[ProgramRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    duplicates: int = 0
    # Every copy read of each record, by the record's key: the report says per
    # file what became of each.
    copies: dict[str, list[Origin]] = field(default_factory=dict)
    # Where each record sits in its list, by its key and every key merged into it.
    _index: dict[str, int] = field(default_factory=dict, repr=False)
    # Posts by day: a cut title finds its whole one among the same day's posts.
    _days: dict[date, list[int]] = field(default_factory=dict, repr=False)

    def add(self, record: Record, copies: list[Origin] | None = None) -> None:
        """Keep one record per thing: the documents overlap, and a later capture
        (read later, see parser.capture_order) holds the newer text. Posts merge
        (merging.py: the whole title and fullest body, else the later copy);
        partners and programmes are replaced by the later copy. The record keeps
        the place of its first copy."""
        copies = copies or [record.origin]
        records = self._list_for(record)
        index = self._index.get(record.key)
        if index is None and isinstance(record, PostRecord):
            index = self._same_post(record)
        if index is None:
            index = len(records)
            records.append(record)
            if isinstance(record, PostRecord):
                self._days.setdefault(record.published_on, []).append(index)
            self._index[record.key] = index
            self.copies[record.key] = list(copies)
            return
        self.duplicates += 1
        old = records[index]
        new = merged_post(old, record) if isinstance(record, PostRecord) else record
        new = replace(new, origin=old.origin)
        records[index] = new
        seen = self.copies.pop(old.key, [])
        self.copies[new.key] = [*seen, *copies]
        self._index[record.key] = self._index[new.key] = index

    def _same_post(self, record: "PostRecord") -> int | None:
        candidates = [
            index
            for index in self._days.get(record.published_on, ())
            if same_post(self.posts[index], record)
        ]
        return one_of(
            candidates,
            lambda index: related_bodies(self.posts[index].raw_body, record.raw_body),
        )

    def _list_for(self, record: Record) -> list:
        if isinstance(record, PostRecord):
            return self.posts
        if isinstance(record, ProgramRecord):
            return self.programs
        return self.partners

    def extend(self, other: "ParseResult") -> None:
        for record in [*other.posts, *other.partners, *other.programs]:
            self.add(record, other.copies.get(record.key))
        self.warnings.extend(other.warnings)
        self.paths.extend(other.paths)
        self.duplicates += other.duplicates

    @property
    def record_count(self) -> int:
        return len(self.posts) + len(self.partners) + len(self.programs)


# Policy cases come from a curated data file (policy_cases.toml, read by
# case_file.py), not from the scraped documents. Texts are keyed by their
# column, one per language written ("title_ko").


@dataclass(frozen=True)
class DepartmentRecord:
    slug: str
    texts: dict[str, str]


@dataclass(frozen=True)
class MilestoneRecord:
    year: int
    month: int | None
    texts: dict[str, str]


@dataclass(frozen=True)
class OutcomeRecord:
    texts: dict[str, str]


@dataclass(frozen=True)
class CaseRecord:
    slug: str
    origin: str  # the file and the entry, for messages: "policy_cases.toml, case x"
    texts: dict[str, str]
    policy_field: str = ""  # a slug from curated.toml
    goals: tuple[int, ...] = ()
    phase: str = ""
    start_year: int | None = None
    end_year: int | None = None
    department: str = ""  # a slug among the file's departments
    posts: tuple[str, ...] = ()  # titles, as [post_policy_fields] names posts
    programs: tuple[str, ...] = ()  # names as written in the seeds
    milestones: tuple[MilestoneRecord, ...] = ()
    outcomes: tuple[OutcomeRecord, ...] = ()

    @property
    def key(self) -> str:
        """The curated slug is the case's identity: staff may change the row's."""
        return stable_key("policy case", self.slug)


@dataclass(frozen=True)
class CaseFile:
    path: str
    departments: tuple[DepartmentRecord, ...] = ()
    cases: tuple[CaseRecord, ...] = ()
