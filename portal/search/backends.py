"""Ranked matching on each database, behind one interface.

Both backends embed the ORM's own ``published()`` query, so what may be found is
decided in one place (``PublishableQuerySet``). A term matches anywhere inside a
word in either language, case-insensitively; every term must match. Ranking: one
point per term found in the title, then the most recently added first. Only titles
are read to rank: scoring summaries and bodies of thousands of matches cost 3-10
times more (see docs/performance.md).
"""

from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from portal.models import Post, Program
from portal.prepared import prepared

# FTS5's trigram index only serves terms of three characters or more; PostgreSQL's
# gram index (migration 0006) holds pieces of up to three characters.
TRIGRAM = 3
# Counting, and so paging, stops here: a word found in nearly every post is "more
# than 100 results", ten pages. Counting to 1,000 cost 5-14 ms at 100,000 posts,
# more than finding a page; a visitor narrows a search rather than reading page 50.
MAX_COUNTED = 100


@dataclass(frozen=True)
class Ranked:
    kind: str  # "post" or "program"
    pk: int
    score: int

    @classmethod
    def from_rowid(cls, rowid: int, in_title: bool, terms) -> "Ranked":
        kind = "post" if rowid > 0 else "program"
        return cls(kind, abs(rowid), len(terms) if in_title else 0)


@prepared
def _published_posts(now):
    return Post.objects.published(now).order_by().values("pk")


@prepared
def _published_programs(now):
    return Program.objects.published(now).order_by().values("pk")


def _visible() -> tuple[str, list]:
    """Only published items, for index rows where rowid = post id or -programme id.

    EXISTS rather than ``rowid IN (subquery)``: on SQLite's virtual table the latter
    was 50 times slower.
    """
    now = timezone.now()
    post_sql, post_params = _published_posts.sql(now)
    program_sql, program_params = _published_programs.sql(now)
    return (
        f"((s.rowid > 0 AND EXISTS (SELECT 1 FROM ({post_sql}) v "
        f"WHERE v.pk = s.rowid)) OR (s.rowid < 0 AND EXISTS "
        f"(SELECT 1 FROM ({program_sql}) w WHERE w.pk = -s.rowid)))",
        [*post_params, *program_params],
    )


class TieredBackend:
    """Titles holding every term first, then the rest; newest added first in each.

    Subclasses say which index table to read and how terms become conditions on it.
    """

    table: str
    # Where the title tier is read, when titles have an index of their own.
    title_table: str | None = None

    def conditions(self, terms) -> dict[str, tuple[str, list]]:
        """SQL conditions (with parameters) for "title", "rest" and "all"."""
        raise NotImplementedError

    def ranked(self, terms, *, limit, offset) -> tuple[list[Ranked], int]:
        visible, visible_params = _visible()
        conditions = {
            name: (f"{sql} AND {visible}", [*params, *visible_params])
            for name, (sql, params) in self.conditions(terms).items()
        }

        def rowids(cursor, name, count, skip=0) -> list[int]:
            sql, params = conditions[name]
            table = (name == "title" and self.title_table) or self.table
            cursor.execute(
                f"SELECT s.rowid FROM {table} s WHERE {sql} "
                "ORDER BY s.rowid DESC LIMIT %s OFFSET %s",
                [*params, count, skip],
            )
            return [rowid for (rowid,) in cursor.fetchall()]

        with connection.cursor() as cursor:
            # Title matches only as far as this page reaches: counting the whole
            # tier read every match of a common word (14 ms at 100,000 posts).
            titles = rowids(cursor, "title", offset + limit)
            rows = [Ranked.from_rowid(rowid, True, terms) for rowid in titles[offset:]]
            if len(titles) < offset + limit:
                skip = max(0, offset - len(titles))
                rows += [
                    Ranked.from_rowid(rowid, False, terms)
                    for rowid in rowids(cursor, "rest", limit - len(rows), skip)
                ]
            if 0 < len(rows) < limit:
                return rows, offset + len(rows)  # the matches end on this page
            sql, params = conditions["all"]
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {self.table} s WHERE {sql} "
                "LIMIT %s) AS hits",
                [*params, MAX_COUNTED + 1],
            )
            return rows, cursor.fetchone()[0]


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

    table = "portal_search_index"
    title_table = "portal_search_title"
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
            "title": ("portal_search_title MATCH %s", [everything]),
            "rest": (match, [f"({everything}) NOT title : ({everything})"]),
            "all": (match, [everything]),
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
        visible, params = _visible()
        clauses, clause_params = [visible], list(params)
        if long_terms:
            clauses.insert(0, "portal_search_index MATCH %s")
            clause_params.insert(0, " AND ".join(map(self._quoted, long_terms)))
        for term in short_terms:
            # Hangul has no case: skip lower() when the term cannot change under it.
            column = "{}" if term == term.upper() else "lower({})"
            clauses.append(
                "("
                + " OR ".join(
                    f"instr({column.format('s.' + name)}, %s) > 0"
                    for name in ("title", "summary", "body")
                )
                + ")"
            )
            clause_params += [term] * 3
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT s.rowid, s.title FROM portal_search_index s "
                f"WHERE {' AND '.join(clauses)}",
                clause_params,
            )
            return [
                (rowid, all(term in title.casefold() for term in terms))
                for rowid, title in cursor.fetchall()
            ]


def _lexeme(gram: str) -> str:
    return "'" + gram.replace("\\", "\\\\").replace("'", "''") + "'"


class PostgresBackend(TieredBackend):
    """The gram index of migration 0006.

    A term of up to three characters is one lexeme, matched exactly; a longer one
    needs all its trigrams, then ``strpos`` confirms the whole term.
    """

    table = "portal_search_document"

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
        sql = f"s.{grams} @@ %s::tsquery" + "".join(
            f" AND strpos(s.{text}, %s) > 0" for _term in long_terms
        )
        return sql, [query, *long_terms]

    def conditions(self, terms):
        title_sql, title_params = self._match(terms, "title_grams", "title")
        all_sql, all_params = self._match(terms, "grams", "content")
        return {
            "title": (title_sql, title_params),
            "rest": (f"{all_sql} AND NOT ({title_sql})", [*all_params, *title_params]),
            "all": (all_sql, all_params),
        }


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
