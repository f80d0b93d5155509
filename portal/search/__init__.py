"""Search over published posts and programmes, in both languages at once.

    results = search("공유 도시", page="2")

``query.py`` turns input into terms, ``backends.py`` ranks matches on SQLite or
PostgreSQL, ``highlight.py`` marks them; this module puts a results page together.
"""

from dataclasses import dataclass, field
from math import ceil

from django.utils.safestring import SafeString

from portal.content.i18n import Shown, current_language, language_codes, shown_field
from portal.models import Post, Program
from portal.pages.params import whole_number
from portal.search.backends import MAX_COUNTED, backend
from portal.search.highlight import contains_any, highlight, snippet
from portal.search.query import parse_query

PER_PAGE = 10


@dataclass
class Hit:
    obj: Post | Program
    title: Shown
    title_html: SafeString
    snippet_html: SafeString
    snippet_lang: str


@dataclass
class SearchPage:
    query: str
    terms: list[str]
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    number: int = 1

    @property
    def more_than_counted(self) -> bool:
        """True when there were too many results to count: show "more than N"."""
        return self.total > MAX_COUNTED

    @property
    def max_counted(self) -> int:
        return MAX_COUNTED

    @property
    def num_pages(self) -> int:
        return ceil(min(self.total, MAX_COUNTED) / PER_PAGE)

    @property
    def first_index(self) -> int:
        return (self.number - 1) * PER_PAGE + 1

    @property
    def previous_page_number(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next_page_number(self) -> int | None:
        return self.number + 1 if self.number < self.num_pages else None


def _page_number(raw) -> int:
    number = whole_number(raw or "1")
    return number if number and number < 1_000_000 else 1


# Per model: its heading field, and the fields a snippet may quote, in that order.
TITLE_FIELD = {Post: "title", Program: "name"}
SNIPPET_FIELDS = {Post: ("summary", "body"), Program: ("summary", "description")}


def _faq(obj) -> list:
    return list(obj.faq_entries.all()) if isinstance(obj, Program) else []


def _texts(obj) -> list[tuple[str, str]]:
    """(language, text) pairs a snippet may come from, page language first."""
    current = current_language()
    order = [current, *(code for code in language_codes() if code != current)]
    texts = [
        (code, obj.translation_value(name, code))
        for code in order
        for name in SNIPPET_FIELDS[type(obj)]
    ]
    others = [(entry, name) for entry in _faq(obj) for name in ("answer", "question")]
    others.append((obj, TITLE_FIELD[type(obj)]))
    texts += [
        (code, source.translation_value(name, code))
        for source, name in others
        for code in order
    ]
    return [(code, text) for code, text in texts if text.strip()]


def _hit(obj, terms: list[str]) -> Hit:
    title = shown_field(obj, TITLE_FIELD[type(obj)])
    texts = _texts(obj)
    lang, text = next(
        ((code, text) for code, text in texts if contains_any(text, terms)),
        texts[0] if texts else (title.lang, ""),
    )
    return Hit(obj, title, highlight(title.text, terms), snippet(text, terms), lang)


def search(raw_query: str, page=1) -> SearchPage:
    terms = parse_query(raw_query)
    results = SearchPage(query=(raw_query or "")[:200], terms=terms)
    if not terms:
        return results
    engine = backend()
    # Pages stop where counting does.
    number = min(_page_number(page), ceil(MAX_COUNTED / PER_PAGE))
    ranked, total = engine.ranked(terms, limit=PER_PAGE, offset=(number - 1) * PER_PAGE)
    if not ranked and total:
        # A page past the end shows the last one rather than nothing.
        number = ceil(min(total, MAX_COUNTED) / PER_PAGE)
        ranked, total = engine.ranked(
            terms, limit=PER_PAGE, offset=(number - 1) * PER_PAGE
        )
    post_ids = [r.pk for r in ranked if r.kind == "post"]
    posts = Post.objects.in_bulk(post_ids) if post_ids else {}
    programs = Program.objects.prefetch_related("faq_entries").in_bulk(
        [r.pk for r in ranked if r.kind == "program"]
    )
    objects = {"post": posts, "program": programs}
    results.hits = [
        _hit(objects[r.kind][r.pk], terms) for r in ranked if r.pk in objects[r.kind]
    ]
    results.total, results.number = total, number
    return results
