"""Parse documents scraped from the policy-sharing portal into plain records.

Text in, records out: no ORM and no settings, so the format can be tested on small
inline samples. Every problem names the file and line, what was found and what was
expected; lines that are understood but skipped become warnings, never silence.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from portal.seeds.bodies import structure_body
from portal.seeds.date_lines import EXPECTED, is_date_line, parse_date, split_date_line
from portal.seeds.debris import byline, is_page_chrome, partner_name, tidy_title
from portal.seeds.kinds import is_publication, marked_kind
from portal.seeds.normal_text import normal
from portal.seeds.records import (
    FAQRecord,
    Origin,
    ParseResult,
    PartnerRecord,
    PostRecord,
    ProgramRecord,
)
from portal.values.dates import YEARS

# A scraped page's body is one long line, a few thousand characters at most.
MAX_LINE = 100_000
LONG_GAP = re.compile(r"\s{3,}")
BULLET = re.compile(r"^\s*•\s*(?P<title>.*?)\s*$")
# The old site cut long titles with "..", some captures with "…" or "...".
# Tried from the first dot of a run only: from each of its dots in turn, a long
# run inside a title took time quadratic in its length.
CUT_OFF = re.compile(r"\s*(?:(?<!\.)\.{2,}|…)\s*$")
# A line that is only the item's address on the old site (a Drupal node), as a
# capture of a detail page or a scraper's "URL:" line shows it.
ADDRESS_LINE = re.compile(
    r"^(?:(?:url|link|source|address|permalink|주소|원문|출처|링크)\s*[:：]?\s*)?"
    r"(?P<address>(?:https?://[\w.-]+(?::\d+)?)?/?(?:[a-z]{2,3}(?:-[a-z]+)?/)?"
    r"(?:node|content)/\d{1,12}/?(?:[?#]\S*)?)$",
    re.IGNORECASE,
)
# A hard-wrapped line goes on with a lower-case word.
CONTINUED = re.compile(r"^[a-z]")
NAME_AND_FULL_NAME = re.compile(r"^(?P<short>[^–—-]+?)\s+[–—-]\s+(?P<full>.+)$")
PROGRAM_TITLE = re.compile(
    r"^(?P<before>[^()]*?)\s*\((?P<english>[^()]*[A-Za-z][^()]*)\)\s*(?P<after>.*)$"
)
# A Korean question "…은?" / "…는?" / "…이란?": the particle is not part of the name.
QUESTION_TAIL = re.compile(r"\s*(?:은|는|이란|란)?\s*\?$")

MAX_TITLE = 300
MAX_AUTHOR = 100
MAX_NAME = 200


class SeedFormatError(Exception):
    """A seed document that cannot be imported, with where and why."""

    def __init__(self, path: str, line: int, found: str, expected: str):
        self.path, self.line, self.found, self.expected = path, line, found, expected
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: found {self.found}; expected {self.expected}"


@dataclass
class _Entry:
    """One bullet and what follows it, before it is known what it is."""

    title: str
    line: int
    published_on: date | None = None
    author: str = ""
    body: list[str] = field(default_factory=list)
    paragraphs: list[list[str]] = field(default_factory=list)
    address: str = ""


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def read_document(path: Path) -> str:
    """Read one seed document as text, refusing what cannot be one."""
    name = str(path)
    if not path.exists():
        raise SeedFormatError(name, 0, "no such file", "a path to a seed document")
    if path.is_dir():
        raise SeedFormatError(name, 0, "a directory", "a text file")
    data = path.read_bytes()
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise SeedFormatError(name, line, "binary data (a NUL byte)", "UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        raise SeedFormatError(
            name, line, f"the byte 0x{byte:02x}, which is not UTF-8", "UTF-8 text"
        ) from None
    if not text.strip():
        raise SeedFormatError(name, 0, "an empty file", "at least one • entry")
    return text


def _entries(text: str, path: str, warnings: list[str]) -> list[_Entry]:
    entries: list[_Entry] = []
    current: _Entry | None = None
    # after_bullet → body (dated) | paragraphs (undated); blank lines end a body.
    state = "start"
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if len(raw) > MAX_LINE:
            raise SeedFormatError(
                path,
                number,
                f"a line of {len(raw):,} characters",
                f"lines of at most {MAX_LINE:,} characters, as scraped pages have",
            )
        # Long runs of spaces carry nothing beyond "a gap" (two are as good as
        # twenty thousand), and several patterns below take time quadratic in a
        # run's length: collapsing first keeps every line's work linear.
        raw = LONG_GAP.sub("  ", normal(raw))
        line = raw.strip()
        bullet = BULLET.match(raw)
        address = ADDRESS_LINE.match(line) if current is not None else None
        if address:
            current.address = address.group("address")
        elif bullet:
            current = _Entry(title=bullet.group("title"), line=number)
            entries.append(current)
            state = "after_bullet"
        elif is_date_line(line, after_title=state == "after_bullet"):
            if current is None or state != "after_bullet":
                raise SeedFormatError(
                    path,
                    number,
                    f"a date line with no title above it: {_shorten(line)}",
                    "a '• TITLE' line right above each date line",
                )
            current.published_on, current.author = _date_line(line, path, number)
            state = "body"
        elif not line:
            state = {
                "body": "after_body",
                "after_bullet": "paragraphs",
                "paragraph_text": "paragraphs",
            }.get(state, state)
        elif state in ("body", "after_body") and is_page_chrome(line):
            warnings.append(
                f"{path}:{number}: skipped the page's own text: {_shorten(line)}"
            )
        elif state == "body" and current.body and CONTINUED.match(line):
            current.body[-1] = f"{current.body[-1]} {line}"
        elif state == "body":
            current.body.append(line)
        elif state == "after_body":
            # A detail page's body: paragraphs separated by blank lines.
            current.body.extend(["", line])
            state = "body"
        elif state in ("after_bullet", "paragraphs"):
            current.paragraphs.append([line])
            state = "paragraph_text"
        elif state == "paragraph_text":
            current.paragraphs[-1].append(line)
        else:
            warnings.append(
                f"{path}:{number}: skipped text before the first entry: "
                f"{_shorten(line)}"
            )
    return entries


def _date_line(line: str, path: str, number: int) -> tuple[date, str]:
    found = split_date_line(line)
    if found is None:
        raise SeedFormatError(path, number, _shorten(line), EXPECTED)
    try:
        published_on = parse_date(found.date_text)
    except ValueError:
        raise SeedFormatError(
            path,
            number,
            f"the date {found.date_text!r}",
            "a real date written YYYY-MM-DD, YYYY.MM.DD or YYYY/MM/DD",
        ) from None
    if published_on.year not in YEARS:
        raise SeedFormatError(
            path,
            number,
            f"the date {found.date_text!r}",
            f"a date between {YEARS.start} and {YEARS.stop - 1}",
        )
    author = byline(found.author)
    if len(author) > MAX_AUTHOR:
        raise SeedFormatError(
            path,
            number,
            f"an author of {len(author)} characters",
            f"at most {MAX_AUTHOR}",
        )
    return published_on, author


def _require_title(title: str, limit: int, origin: Origin) -> str:
    if not title:
        raise SeedFormatError(
            origin.path, origin.line, "a bullet with no title", "'• TITLE'"
        )
    if len(title) > limit:
        raise SeedFormatError(
            origin.path,
            origin.line,
            f"a title of {len(title)} characters",
            f"at most {limit}",
        )
    return title


def _post(entry: _Entry, origin: Origin) -> PostRecord:
    kind, title = marked_kind(entry.title)
    needs_review = bool(CUT_OFF.search(title))
    # The key and the kind are read from the title as scraped: cleaning it must
    # not change which row a post is.
    scraped = _require_title(CUT_OFF.sub("", title).strip(), MAX_TITLE, origin)
    text = "\n".join(entry.body).strip()
    if kind == "news" and is_publication(scraped, text):
        kind = "publication"
    summary, body = structure_body(text) if text else ("", "")
    return PostRecord(
        kind=kind,
        title=tidy_title(scraped, cut=needs_review),
        scraped_title=scraped,
        published_on=entry.published_on,
        author=entry.author,
        summary=summary,
        body=body,
        needs_review=needs_review,
        origin=origin,
        raw_body=text,
        address=entry.address,
    )


def _program(entry: _Entry, origin: Origin) -> ProgramRecord:
    """A Korean question block: the title is the first question, and every
    paragraph that is one line ending in "?" starts the next one."""
    title = _require_title(entry.title, MAX_NAME, origin)
    questions: list[tuple[str, list[str]]] = [(title, [])]
    for paragraph in entry.paragraphs:
        if len(paragraph) == 1 and paragraph[0].endswith("?"):
            questions.append((paragraph[0], []))
        else:
            questions[-1][1].append("\n".join(paragraph))
    match = PROGRAM_TITLE.match(QUESTION_TAIL.sub("", title))
    if match:
        name = " ".join(f"{match.group('before')} {match.group('after')}".split())
        english = match.group("english").strip()
    else:
        name, english = QUESTION_TAIL.sub("", title).strip(), ""
    faq = tuple(
        FAQRecord(question=question, answer="\n\n".join(answer))
        for question, answer in questions
    )
    return ProgramRecord(
        name=name or title, english_name=english, faq=faq, origin=origin
    )


def _partner(entry: _Entry, origin: Origin) -> PartnerRecord:
    # Captions add a few words to a name: a longer entry is refused before they
    # are looked for, which takes time quadratic in its length.
    entry_title = _require_title(entry.title, 2 * MAX_NAME, origin)
    name = _require_title(partner_name(entry_title), MAX_NAME, origin)
    short_name, full_name = "", ""
    if entry.paragraphs:
        match = NAME_AND_FULL_NAME.match(name)
        if match:
            short_name, full_name = match.group("short"), match.group("full")
    return PartnerRecord(
        name=short_name or name,
        short_name=short_name,
        full_name=full_name,
        description="\n\n".join("\n".join(p) for p in entry.paragraphs),
        origin=origin,
    )


def parse_document(text: str, path: str = "<text>") -> ParseResult:
    result = ParseResult(paths=[path])
    for entry in _entries(text, path, result.warnings):
        origin = Origin(path, entry.line)
        if entry.published_on is not None:
            result.add(_post(entry, origin))
        elif entry.paragraphs and entry.title.endswith("?"):
            result.add(_program(entry, origin))
        else:
            result.add(_partner(entry, origin))
    return result


def capture_order(path: Path) -> tuple[str, str]:
    """Documents are read in the order of their file names, whatever order they are
    given in: a later capture (a name that sorts later, as 002_… after 000_…) wins
    over an earlier one (docs/seed-format.md)."""
    return path.name, str(path)


def parse_paths(paths: Iterable[Path | str]) -> ParseResult:
    """Parse every document before anything is written; the first error stops all."""
    result = ParseResult()
    paths = sorted((Path(path) for path in paths), key=capture_order)
    if not paths:
        raise SeedFormatError("seeds/", 0, "no documents", "at least one *.txt file")
    for path in paths:
        result.extend(parse_document(read_document(path), str(path)))
    return result
