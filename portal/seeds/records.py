"""Plain records produced by the seed parser: no ORM, no settings."""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def language_of(text: str) -> str:
    """``ko`` when the text holds any Hangul, else ``en``."""
    return "ko" if HANGUL.search(text) else "en"


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

    @property
    def key(self) -> str:
        return stable_key("post", self.kind, self.published_on.isoformat(), self.title)


@dataclass(frozen=True)
class PartnerRecord:
    name: str  # as written, minus image captions
    short_name: str
    full_name: str
    description: str
    origin: Origin

    @property
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

    @property
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
    _keys: set[str] = field(default_factory=set, repr=False)

    def add(self, record: Record) -> None:
        """Keep the first copy of each thing: the documents overlap."""
        if record.key in self._keys:
            self.duplicates += 1
            return
        self._keys.add(record.key)
        if isinstance(record, PostRecord):
            self.posts.append(record)
        elif isinstance(record, ProgramRecord):
            self.programs.append(record)
        else:
            self.partners.append(record)

    def extend(self, other: "ParseResult") -> None:
        for record in [*other.posts, *other.partners, *other.programs]:
            self.add(record)
        self.warnings.extend(other.warnings)
        self.paths.extend(other.paths)
        self.duplicates += other.duplicates

    @property
    def record_count(self) -> int:
        return len(self.posts) + len(self.partners) + len(self.programs)
