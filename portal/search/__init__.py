"""Search over every public kind of content, in all languages at once.

    results = search("공유 도시", page="2")

Which kinds are searched, and which of their fields, is declared once in
``portal.models.public``. ``query.py`` turns input into terms, ``backends.py`` ranks
matches on SQLite or PostgreSQL, ``highlight.py`` marks them; this module puts a
results page together.
"""

from dataclasses import dataclass, field
from datetime import datetime
from math import ceil
from urllib.parse import urlencode

from django.db import models
from django.utils.safestring import SafeString
from django.utils.text import capfirst

from portal.languages import Shown, current_language, fallback_chain, shown_field
from portal.models.public import PublicContent, searchable
from portal.pagination import Window, counted_window, page_number
from portal.search.backends import MAX_COUNTED, backend
from portal.search.highlight import contains_any, highlight, snippet
from portal.search.query import parse_query

PER_PAGE = 10


@dataclass
class Hit:
    obj: models.Model
    kind: str  # what the object is, in the page's language ("News", "Partner")
    date: datetime | None
    title: Shown
    title_html: SafeString
    # The text is highlighted HTML; its language is the page's or a fallback.
    snippet: Shown


@dataclass
class SearchPage:
    query: str
    terms: list[str]
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: Window = field(default_factory=lambda: Window([], 1, False, 0))

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
    def number(self) -> int:
        return self.page.number

    @property
    def first_index(self) -> int:
        return (self.number - 1) * PER_PAGE + 1

    @property
    def query_prefix(self) -> str:
        """What pagination links put before ``page=``."""
        return urlencode({"q": self.query}) + "&"


def _entry_of(obj) -> PublicContent:
    return next(entry for entry in searchable() if isinstance(obj, entry.model))


def _texts(obj) -> list[tuple[str, str]]:
    """(language, text) pairs a snippet may come from, in the order the page
    falls back (the text a visitor is shown first): the summary and body, then the
    children's text (the later field first: answers make better snippets than
    questions), then the title."""
    current = current_language()
    order = [current, *fallback_chain(current)]
    spec = _entry_of(obj).search
    texts = [
        (code, obj.translation_value(name, code))
        for code in order
        for name in (*spec.summary, *spec.body)
    ]
    others = [
        (child, name)
        for children in spec.children
        for child in getattr(obj, children.related_name).all()
        for name in reversed(children.fields)
    ]
    others.append((obj, spec.title))
    texts += [
        (code, source.translation_value(name, code))
        for source, name in others
        for code in order
    ]
    return [(code, text) for code, text in texts if text.strip()]


def _kind(entry: PublicContent, obj) -> str:
    if entry.search.kind_label:
        return getattr(obj, entry.search.kind_label)
    # A string, not a lazy one: hits are cached, and a lazy capfirst cannot be pickled.
    return str(capfirst(entry.model._meta.verbose_name))


def _hit(obj, terms: list[str]) -> Hit:
    entry = _entry_of(obj)
    title = shown_field(obj, entry.search.title)
    # The title shown is not repeated as its own snippet.
    texts = [(code, text) for code, text in _texts(obj) if text != title.text]
    lang, text = next(
        ((code, text) for code, text in texts if contains_any(text, terms)),
        texts[0] if texts else (title.lang, ""),
    )
    return Hit(
        obj,
        kind=_kind(entry, obj),
        date=getattr(obj, entry.search.date) if entry.search.date else None,
        title=title,
        title_html=highlight(title.text, terms),
        snippet=Shown(snippet(text, terms), lang, lang != current_language()),
    )


def search(raw_query: str, page=1) -> SearchPage:
    terms = parse_query(raw_query)
    results = SearchPage(query=(raw_query or "")[:200], terms=terms)
    if not terms:
        return results
    engine = backend()
    # Pages stop where counting does.
    number = page_number(page, last=ceil(MAX_COUNTED / PER_PAGE))
    ranked, total = engine.ranked(terms, limit=PER_PAGE, offset=(number - 1) * PER_PAGE)
    results.total = total
    results.page = counted_window([], number, results.num_pages)
    objects = {}
    for kind, entry in enumerate(searchable()):
        children = [children.related_name for children in entry.search.children]
        rows = entry.model._default_manager.prefetch_related(*children)
        objects[kind] = rows.in_bulk([r.pk for r in ranked if r.kind == kind])
    results.hits = [
        _hit(objects[r.kind][r.pk], terms) for r in ranked if r.pk in objects[r.kind]
    ]
    results.page.object_list = results.hits
    return results
