"""Ranked matching on each database, behind one interface.

Both backends embed the ORM's own ``published()`` query, so what may be found is
decided in one place (``PublishableQuerySet``). A term matches anywhere inside a
word in any language, with case, accents and Arabic marks folded on both sides
(``portal.search.fold``); every term must match. Ranking: one
point per term found in the title, then the most recently added first. Only titles
are read to rank: scoring summaries and bodies of thousands of matches cost
several times more (docs/performance.md, "Search").
"""

from dataclasses import dataclass
from functools import cached_property, reduce
from operator import or_

from django.db import connection
from django.db.models import BooleanField, Exists, OuterRef, Q
from django.db.models.expressions import RawSQL

from portal.models.public import SEARCH_SPAN, publishable_models, searchable
from portal.models.search import SearchDocument, SearchIndexRow, SearchTitleRow

# FTS5's trigram index only serves terms of three characters or more; PostgreSQL's
# gram index (migration 0006) holds pieces of up to three characters.
TRIGRAM = 3
# Counting, and so paging, stops here: a word found in nearly every post is "more
# than 100 results", ten pages. A visitor narrows a search rather than reading
# page 50 (docs/performance.md has what counting further cost).
MAX_COUNTED = 100


@dataclass(frozen=True)
class Ranked:
    kind: int  # the position of its kind in searchable()
    pk: int
    score: int

    @classmethod
    def from_rowid(cls, rowid: int, in_title: bool, terms) -> "Ranked":
        # The inverse of PublicContent.search_base: ids lie between 0 and the span.
        kind = -(rowid // SEARCH_SPAN)
        return cls(kind, rowid + kind * SEARCH_SPAN, len(terms) if in_title else 0)


def condition(sql: str, params: list) -> RawSQL:
    """A WHERE condition on a search table's own columns."""
    return RawSQL(sql, params, output_field=BooleanField())


def visible() -> Q:
    """Only rows visitors may see, of whichever kind each index row belongs to.

    Each kind's rowids lie in a span of their own (PublicContent.search_base). A
    row in the span of a kind with drafts is kept if that kind's ``public_rows()``
    hold its id; every row of a kind without drafts is public (the triggers remove
    deleted ones), and asking would only cost time. EXISTS rather than ``rowid IN
    (subquery)``: on SQLite's virtual table the latter was far slower
    (docs/performance.md, "Search").
    """
    with_drafts = publishable_models()
    kinds = []
    for entry in searchable():
        base = entry.search_base
        # The span first: a row's kind is settled before any subquery runs. Raw
        # SQL, as for the other conditions on the index's own columns: a lookup
        # costs the ORM more to compile than the database to run.
        kind = Q(condition("rowid > %s AND rowid < %s", [base, base + SEARCH_SPAN]))
        if entry.model in with_drafts:
            rowid = OuterRef("rowid") - base if base else OuterRef("rowid")
            kind &= Q(Exists(entry.public_rows().filter(pk=rowid)))
        kinds.append(kind)
    return reduce(or_, kinds)


class TieredBackend:
    """Titles holding every term first, then the rest; newest added first in each.

    Subclasses say which index table to read and how terms become conditions on it.
    """

    model: type
    # Where the title tier is read, when titles have an index of their own.
    title_model: type | None = None

    def conditions(self, terms) -> dict[str, RawSQL]:
        """Conditions for "title", "rest" and "all"."""
        raise NotImplementedError

    @cached_property
    def visible(self) -> Q:
        """visible(), built once for the several queries of a search."""
        return visible()

    def matching(self, name: str, where: RawSQL):
        model = (name == "title" and self.title_model) or self.model
        rows = model.objects.filter(where).filter(self.visible)
        return rows.order_by("-rowid").values_list("rowid", flat=True)

    def ranked(self, terms, *, limit, offset) -> tuple[list[Ranked], int]:
        conditions = self.conditions(terms)
        # Title matches only as far as this page reaches: counting the whole tier
        # read every match of a common word.
        titles = list(self.matching("title", conditions["title"])[: offset + limit])
        rows = [Ranked.from_rowid(rowid, True, terms) for rowid in titles[offset:]]
        if len(titles) < offset + limit:
            skip = max(0, offset - len(titles))
            rest = self.matching("rest", conditions["rest"])
            rows += [
                Ranked.from_rowid(rowid, False, terms)
                for rowid in rest[skip : skip + limit - len(rows)]
            ]
        if 0 < len(rows) < limit:
            return rows, offset + len(rows)  # the matches end on this page
        everything = self.matching("all", conditions["all"])
        return rows, everything[: MAX_COUNTED + 1].count()


class SqliteBackend(TieredBackend):
    """FTS5 with the trigram tokenizer (migrations 0005 and 0009).

    Terms of three characters or more are phrases of trigrams. Titles are also
    indexed on their own (migration 0010), so that the title tier reads only the
    rows of titles holding a term. A shorter term (two
    Hangul syllables are a whole word) stands for the trigrams that start with it,
    read from the index's vocabulary; every column ends with a space, so a term at
    its end starts one too. A term starting too many trigrams (one common letter)
    narrows nothing, and the rows are scanned instead.
    """

    model = SearchIndexRow
    title_model = SearchTitleRow
    MAX_EXPANSION = 64

    def __init__(self):
        self.expansions: dict[str, list[str]] = {}

    @staticmethod
    def _quoted(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    def _starting_with(self, term: str) -> list[str] | None:
        """Trigrams of the index that begin with ``term``; None when too many."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term FROM portal_search_vocab WHERE term >= %s AND term < %s "
                "LIMIT %s",
                [term, term + "\U0010ffff", self.MAX_EXPANSION + 1],
            )
            grams = [gram for (gram,) in cursor.fetchall()]
        return None if len(grams) > self.MAX_EXPANSION else grams

    def _everything(self, terms: list[str]) -> str:
        pieces = []
        for term in terms:
            if term in self.expansions:
                grams = self.expansions[term]
                pieces.append("(" + " OR ".join(map(self._quoted, grams)) + ")")
            else:
                pieces.append(self._quoted(term))
        return " AND ".join(pieces)

    def conditions(self, terms):
        everything = self._everything(terms)
        match = "portal_search_index MATCH %s"
        return {
            "title": condition("portal_search_title MATCH %s", [everything]),
            "rest": condition(match, [f"({everything}) NOT title : ({everything})"]),
            "all": condition(match, [everything]),
        }

    def ranked(self, terms, *, limit, offset) -> tuple[list[Ranked], int]:
        self.expansions = {}
        for term in terms:
            if len(term) < TRIGRAM:
                grams = self._starting_with(term)
                if grams is None:
                    return self._ranked_by_scan(terms, limit=limit, offset=offset)
                if not grams:
                    return [], 0  # nothing in the index starts with it
                self.expansions[term] = grams
        return super().ranked(terms, limit=limit, offset=offset)

    def _ranked_by_scan(self, terms, *, limit, offset) -> tuple[list[Ranked], int]:
        rowids = self._scan(terms)
        # Title matches first, then the most recently added.
        rowids.sort(key=lambda row: (not row[1], -row[0]))
        page = rowids[offset : offset + limit]
        ranked = [Ranked.from_rowid(rowid, in_title, terms) for rowid, in_title in page]
        return ranked, min(len(rowids), MAX_COUNTED + 1)

    def _scan(self, terms) -> list[tuple[int, bool]]:
        long_terms = [term for term in terms if len(term) >= TRIGRAM]
        short_terms = [term for term in terms if len(term) < TRIGRAM]
        rows = SearchIndexRow.objects.filter(self.visible)
        if long_terms:
            match = " AND ".join(map(self._quoted, long_terms))
            rows = rows.filter(condition("portal_search_index MATCH %s", [match]))
        for term in short_terms:
            # Hangul has no case: skip lower() when the term cannot change under it.
            column = "{}" if term == term.upper() else "lower({})"
            found = " OR ".join(
                f"instr({column.format(name)}, %s) > 0"
                for name in ("title", "summary", "body")
            )
            rows = rows.filter(condition(found, [term] * 3))
        return [
            (rowid, all(term in title.casefold() for term in terms))
            for rowid, title in rows.order_by().values_list("rowid", "title")
        ]


def _lexeme(gram: str) -> str:
    return "'" + gram.replace("\\", "\\\\").replace("'", "''") + "'"


class PostgresBackend(TieredBackend):
    """The gram index of migration 0006.

    A term of up to three characters is one lexeme, matched exactly; a longer one
    needs all its trigrams, then ``strpos`` confirms the whole term.
    """

    model = SearchDocument

    @staticmethod
    def _match(terms, grams: str, text: str) -> tuple[str, list]:
        pieces: list[str] = []
        for term in terms:
            if len(term) <= TRIGRAM:
                pieces.append(term)
            else:
                pieces += [term[i : i + TRIGRAM] for i in range(len(term) - 2)]
        query = " & ".join(_lexeme(piece) for piece in dict.fromkeys(pieces))
        long_terms = [term for term in terms if len(term) > TRIGRAM]
        sql = f"{grams} @@ %s::tsquery" + "".join(
            f" AND strpos({text}, %s) > 0" for _term in long_terms
        )
        return sql, [query, *long_terms]

    def conditions(self, terms):
        title_sql, title_params = self._match(terms, "title_grams", "title")
        all_sql, all_params = self._match(terms, "grams", "content")
        return {
            "title": condition(title_sql, title_params),
            "rest": condition(
                f"{all_sql} AND NOT ({title_sql})", [*all_params, *title_params]
            ),
            "all": condition(all_sql, all_params),
        }


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
