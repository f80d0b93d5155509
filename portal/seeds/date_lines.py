"""The line under a post's title: when it was registered and who wrote it.

Captures of the site from different years write it differently:

- ``등록일 2024-03-05 글쓴이 seoulsolution`` (the list pages);
- ``등록일 2024.03.05 …`` and ``등록일 2024/03/05 …`` (older list pages);
- ``… 글쓴이 서울연구원 조회수 1,234 READS`` (2017: a view counter after the author,
  which belongs to neither the author nor the body);
- ``Date 2024-03-05 Writer NAME`` (English detail pages).
"""

import re
from dataclasses import dataclass
from datetime import date

# The scraped format's own markers: 등록일 = registration date, 글쓴이 = author,
# 조회수 = views.
KOREAN_MARK = "등록일"
KOREAN_LINE = re.compile(r"^등록일\s+(?P<date>\S+)\s+글쓴이\s+(?P<author>\S.*?)\s*$")
ENGLISH_LINE = re.compile(r"^Date\s+(?P<date>\S+)\s+Writer\s+(?P<author>\S.*?)\s*$")
VIEWS = re.compile(
    r"\s+(?:조회수|조회|Views?|Hits)\s*:?\s*(?P<views>\d[\d,]*)(?:\s*READS)?\s*$",
    re.IGNORECASE,
)
DATE = re.compile(r"^(?P<year>\d{4})[-./](?P<month>\d{1,2})[-./](?P<day>\d{1,2})\.?$")
EXPECTED = (
    f"'{KOREAN_MARK} YYYY-MM-DD 글쓴이 AUTHOR' or 'Date YYYY-MM-DD Writer AUTHOR'"
)


@dataclass(frozen=True)
class DateLine:
    date_text: str
    author: str
    views: int | None


def is_date_line(line: str, *, after_title: bool) -> bool:
    """A Korean date line anywhere (so a misplaced one is an error); the English
    form only right under a title, where body text cannot start with "Date"."""
    if line.startswith(KOREAN_MARK):
        return True
    return after_title and bool(ENGLISH_LINE.match(line))


def split_date_line(line: str) -> DateLine | None:
    match = KOREAN_LINE.match(line) or ENGLISH_LINE.match(line)
    if not match:
        return None
    author, views = match.group("author"), None
    counter = VIEWS.search(author)
    if counter:
        author = author[: counter.start()].strip()
        views = int(counter.group("views").replace(",", ""))
    return DateLine(match.group("date"), author, views)


def parse_date(text: str) -> date:
    """``2024-03-05``, ``2024.03.05`` or ``2024/03/05``; ValueError otherwise,
    impossible dates included."""
    match = DATE.match(text)
    if not match:
        raise ValueError(text)
    return date(int(match["year"]), int(match["month"]), int(match["day"]))
