"""The glossary translators work with: each recurring term and its agreed
translation in every language.

Names that recur across content are entries without being typed twice: a
department's, a published programme's and a policy field's own translations are
the agreed ones. Editors add the other terms as approved ``GlossaryTerm`` rows.
``entries()`` reads them all, one query per model; ``matches()`` finds those
that occur in a source text (translation files); ``glossary_for()`` does it for
an object's every field (the admin's panel).
"""

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple, TypeVar

from django.db import models

from portal.freshness import source_language, source_languages, tracked_fields
from portal.languages import (
    direction,
    language_codes,
    language_name,
    localized,
    localized_all,
    script,
)
from portal.models import Department, GlossaryTerm, PolicyField, Program
from portal.models.public import public_models
from portal.text.rich import text_of

T = TypeVar("T")


class Term(NamedTuple):
    """A term in one language, as a template shows it."""

    lang: str
    text: str

    @property
    def dir(self) -> str:
        return direction(self.lang)

    @property
    def language(self) -> str:
        return language_name(self.lang)


@dataclass(frozen=True)
class Entry:
    """One term: its text per language code (only languages that have one), what
    it means, and where it comes from ("Glossary", "Department", "Program",
    "Policy field")."""

    texts: dict[str, str]
    note: str
    origin: str

    @property
    def source(self) -> Term | None:
        """The term translators translate from: in the first source language
        that has it (portal.freshness)."""
        for code in source_languages():
            if self.texts.get(code):
                return Term(code, self.texts[code])
        return None

    @property
    def translations(self) -> list[Term]:
        source = self.source
        return [
            Term(code, text)
            for code, text in self.texts.items()
            if source is None or code != source.lang
        ]

    @property
    def origin_label(self) -> str:
        """The origin in the reader's language: the model's verbose name."""
        return next(
            source.model._meta.verbose_name
            for source in SOURCES
            if source.origin == self.origin
        )


@dataclass(frozen=True)
class Source:
    origin: str
    model: type[models.Model]
    field: str

    def rows(self) -> models.QuerySet:
        if self.model is GlossaryTerm:
            return GlossaryTerm.objects.approved()
        if self.model is Program:
            # A draft programme's name is not agreed yet.
            return Program.objects.published()
        return self.model._default_manager.all()


# In order of precedence when two give the same source text: an Editor's term
# says how a name is to be translated, whatever a page wrote.
SOURCES = (
    Source("Glossary", GlossaryTerm, "term"),
    Source("Department", Department, "name"),
    Source("Program", Program, "name"),
    Source("Policy field", PolicyField, "name"),
)


def clean(text: str | None) -> str:
    """A term as compared: NFC, one space between words, no blanks around."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def folded(text: str) -> str:
    return clean(text).casefold()


def entries() -> list[Entry]:
    """Every entry, approved terms first, one per source text; a query per model."""
    return _read()


def _read() -> list[Entry]:
    found: dict[tuple[str, str], Entry] = {}
    codes = language_codes()
    for source in SOURCES:
        columns = localized_all(source.field)
        extra = ["note"] if source.model is GlossaryTerm else []
        for row in source.rows().values_list(*columns, *extra):
            texts = {
                code: clean(value)
                for code, value in zip(codes, row, strict=False)
                if clean(value)
            }
            entry = Entry(texts, row[len(codes)] if extra else "", source.origin)
            head = entry.source
            if head is not None:
                found.setdefault((head.lang, folded(head.text)), entry)
    return list(found.values())


def matches(
    source_text: str,
    source_language: str,
    target_language: str,
    entries: list[Entry] | None = None,
) -> list[tuple[str, str]]:
    """The (source term, approved translation) pairs whose term occurs in
    ``source_text``, longest term first.

    Pass ``entries`` when matching many texts: without it each call reads the
    glossary again. Rich text is matched on its words (``text_of``).
    """
    if entries is None:
        entries = _read()
    if source_language == target_language:
        return []
    pairs = [
        (entry.texts[source_language], entry.texts[target_language])
        for entry in entries
        if entry.texts.get(source_language) and entry.texts.get(target_language)
    ]
    return occurring(source_text, source_language, [(pair[0], pair) for pair in pairs])


def occurring(text: str, language: str, candidates: list[tuple[str, T]]) -> list[T]:
    """The values of the candidate terms found in ``text``, longest term first,
    each once; a term found inside a longer one that matched is not counted.

    Latin-script languages match whole words, ignoring case; Korean, Chinese
    and Arabic attach particles and affixes to a word, or use no spaces, so a
    term matches anywhere.
    """
    if not candidates or not text:
        return []
    if "<" in text:
        text = text_of(text)
    pattern, index = _compiled(language, tuple(term for term, _value in candidates))
    seen: dict[int, None] = {}
    for found in pattern.finditer(text):
        position = index.get(key(found.group()))
        if position is not None:
            seen.setdefault(position)
    ordered = sorted(seen, key=lambda position: -len(candidates[position][0]))
    return [candidates[position][1] for position in ordered]


@lru_cache(maxsize=32)
def _compiled(language: str, terms: tuple[str, ...]) -> tuple[re.Pattern, dict]:
    """One regular expression for every term, and where each term (as ``key``
    gives it) is in ``terms``.

    The terms share their prefixes, as in a trie ("서울(?:시(?:청)?|숲)"), so the
    engine walks each place of the text once rather than trying every term
    there: a few hundred terms cost little more than a few. Greedy optional
    tails make the longest term at a place win.
    """
    index: dict[str, int] = {}
    for position, term in enumerate(terms):
        index.setdefault(key(term), position)
    trie: dict = {}
    for term in index:
        node = trie
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}
    alternatives = _alternation(trie)
    if script(language) == "latn":
        alternatives = rf"(?<!\w){alternatives}(?!\w)"
    return re.compile(alternatives, re.IGNORECASE), index


def key(term: str) -> str:
    """A term as the pattern matches it: one space between words, lower case
    (the case folding ``re.IGNORECASE`` does)."""
    return clean(term).lower()


def _alternation(node: dict) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _alternation(child)
        for char, child in node.items()
        if char
    ]
    if not branches:
        return ""
    if "" not in node and len(branches) == 1:
        return branches[0]
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if "" in node else group


def glossary_for(
    obj: models.Model | None,
    *,
    first: tuple[str, ...] | list[str] = (),
    entries: list[Entry] | None = None,
) -> list[Entry]:
    """The entries whose term occurs in the source text of ``obj`` (each
    translated field in its own source language) and that have a translation,
    longest term first. In each, the source term comes first, then the
    languages of ``first`` (a translator's), then the others.
    """
    if obj is None or obj.pk is None or type(obj) not in public_models():
        return []
    sources: dict[str, list[str]] = {}
    for field in tracked_fields(type(obj)):
        code = source_language(lambda column: getattr(obj, column, ""), field)
        if code is not None:
            sources.setdefault(code, []).append(getattr(obj, localized(field, code)))
    if not sources:
        return []
    if entries is None:
        entries = _read()
    found: dict[int, Entry] = {}
    for code, texts in sources.items():
        candidates = [
            (entry.texts[code], entry)
            for entry in entries
            if entry.texts.get(code) and len(entry.texts) > 1
        ]
        for text in texts:
            for entry in occurring(text, code, candidates):
                found.setdefault(id(entry), entry)
    ordered = sorted(found.values(), key=lambda entry: -len(entry.source.text))
    return [_languages_first(entry, first) for entry in ordered]


def _languages_first(entry: Entry, first) -> Entry:
    order = [entry.source.lang, *first, *language_codes()]
    texts = {code: entry.texts[code] for code in order if code in entry.texts}
    return replace(entry, texts=texts)
