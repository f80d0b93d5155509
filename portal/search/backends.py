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

from portal.models import Post, Program

# FTS5's trigram index only serves terms of three characters or more.
TRIGRAM = 3


@dataclass(frozen=True)
class Ranked:
    kind: str  # "post" or "program"
    pk: int
    score: int


def _published(model) -> tuple[str, list]:
    query = model.objects.published().order_by().values("pk").query
    sql, params = query.sql_with_params()
    return sql, list(params)


class SqliteBackend:
    """FTS5 with the trigram tokenizer (see migration 0005).

    Published items are kept with EXISTS: ``rowid IN (subquery)`` on the virtual
    table was 50 times slower. Terms of three characters or more use the trigram
    index; shorter ones (two Hangul syllables are a whole word) need one scan.
    """

    def _visible(self) -> tuple[str, list]:
        post_sql, post_params = _published(Post)
        program_sql, program_params = _published(Program)
        return (
            f"((s.rowid > 0 AND EXISTS (SELECT 1 FROM ({post_sql}) v "
            f"WHERE v.pk = s.rowid)) OR (s.rowid < 0 AND EXISTS "
            f"(SELECT 1 FROM ({program_sql}) w WHERE w.pk = -s.rowid)))",
            [*post_params, *program_params],
        )

    @staticmethod
    def _phrases(terms: list[str]) -> str:
        return " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)

    def ranked(self, terms, *, limit, offset) -> tuple[list[Ranked], int]:
        visible, params = self._visible()
        long_terms = [term for term in terms if len(term) >= TRIGRAM]
        short_terms = [term for term in terms if len(term) < TRIGRAM]
        with connection.cursor() as cursor:
            if short_terms:
                rowids = self._scan(cursor, visible, params, long_terms, short_terms)
            else:
                return self._indexed(cursor, visible, params, terms, limit, offset)
        # Title matches first, then the most recently added.
        rowids.sort(key=lambda row: (not row[1], -row[0]))
        page = rowids[offset : offset + limit]
        return [self._ranked(rowid, in_title, terms) for rowid, in_title in page], len(
            rowids
        )

    def _indexed(self, cursor, visible, params, terms, limit, offset):
        everything = self._phrases(terms)
        in_title = f"title : ({everything})"
        rest = f"({everything}) NOT title : ({everything})"
        base = (
            "FROM portal_search_index s "
            f"WHERE portal_search_index MATCH %s AND {visible}"
        )
        counts = {}
        for name, query in (("title", in_title), ("all", everything)):
            cursor.execute(f"SELECT count(*) {base}", [query, *params])
            counts[name] = cursor.fetchone()[0]
        rows = []
        if offset < counts["title"]:
            cursor.execute(
                f"SELECT s.rowid {base} ORDER BY s.rowid DESC LIMIT %s OFFSET %s",
                [in_title, *params, limit, offset],
            )
            rows += [(rowid, True) for (rowid,) in cursor.fetchall()]
        if len(rows) < limit:
            cursor.execute(
                f"SELECT s.rowid {base} ORDER BY s.rowid DESC LIMIT %s OFFSET %s",
                [rest, *params, limit - len(rows), max(0, offset - counts["title"])],
            )
            rows += [(rowid, False) for (rowid,) in cursor.fetchall()]
        return [self._ranked(r, t, terms) for r, t in rows], counts["all"]

    def _scan(self, cursor, visible, params, long_terms, short_terms):
        clauses, clause_params = [visible], list(params)
        if long_terms:
            clauses.insert(0, "portal_search_index MATCH %s")
            clause_params.insert(0, self._phrases(long_terms))
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
        cursor.execute(
            f"SELECT s.rowid, s.title FROM portal_search_index s "
            f"WHERE {' AND '.join(clauses)}",
            clause_params,
        )
        terms = [*long_terms, *short_terms]
        return [
            (rowid, all(term in title.casefold() for term in terms))
            for rowid, title in cursor.fetchall()
        ]

    @staticmethod
    def _ranked(rowid: int, in_title: bool, terms) -> Ranked:
        kind = "post" if rowid > 0 else "program"
        return Ranked(kind, abs(rowid), len(terms) if in_title else 0)


def _text(*columns: str) -> str:
    return " || ' ' || ".join(f"coalesce({column}, '')" for column in columns)


# Must stay identical to the indexed expressions of migration 0005.
POST_TITLE = _text("portal_post.title_ko", "portal_post.title_en")
POST_SUMMARY = _text("portal_post.summary_ko", "portal_post.summary_en")
POST_BODY = _text("portal_post.body_ko", "portal_post.body_en")
POST_ALL = " || ' ' || ".join([POST_TITLE, POST_SUMMARY, POST_BODY])
PROGRAM_TITLE = _text("portal_program.name_ko", "portal_program.name_en")
PROGRAM_SUMMARY = _text("portal_program.summary_ko", "portal_program.summary_en")
PROGRAM_BODY = (
    _text("portal_program.description_ko", "portal_program.description_en")
    + " || ' ' || coalesce((SELECT string_agg("
    + _text("f.question_ko", "f.question_en", "f.answer_ko", "f.answer_en")
    + ", ' ') FROM portal_faqentry f WHERE f.program_id = portal_program.id), '')"
)
PROGRAM_ALL = " || ' ' || ".join([PROGRAM_TITLE, PROGRAM_SUMMARY, PROGRAM_BODY])


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class PostgresBackend:
    """pg_trgm GIN indexes (migration 0005) serve LIKE on the lower-cased text.

    Same tiers and order as SqliteBackend: titles holding every term first, then
    the rest; within a tier the most recently added posts, then programmes.
    """

    TABLES = (
        ("post", Post, "portal_post", POST_ALL, POST_TITLE),
        ("program", Program, "portal_program", PROGRAM_ALL, PROGRAM_TITLE),
    )

    def _tier(self, terms, *, in_title: bool) -> tuple[str, list]:
        selects, params = [], []
        for kind, model, table, everything, title in self.TABLES:
            published_sql, published_params = _published(model)
            matches = " AND ".join(f"lower({everything}) LIKE %s" for _t in terms)
            titled = " AND ".join(f"lower({title}) LIKE %s" for _t in terms)
            condition = titled if in_title else f"{matches} AND NOT ({titled})"
            order = f"{table}.id" if kind == "post" else f"-{table}.id"
            selects.append(
                f"SELECT '{kind}' AS kind, {table}.id AS pk, {order} AS sort_key "
                f"FROM {table} WHERE {table}.id IN ({published_sql}) AND {condition}"
            )
            likes = [_like(term) for term in terms]
            params += [*published_params, *(likes if in_title else likes * 2)]
        return f"({selects[0]}) UNION ALL ({selects[1]})", params

    def ranked(self, terms, *, limit, offset) -> tuple[list[Ranked], int]:
        tiers = {
            name: self._tier(terms, in_title=name == "title")
            for name in ("title", "rest")
        }
        counts, rows = {}, []
        with connection.cursor() as cursor:
            for name, (sql, params) in tiers.items():
                cursor.execute(f"SELECT count(*) FROM ({sql}) AS hits", params)
                counts[name] = cursor.fetchone()[0]
            start = offset
            for name, (sql, params) in tiers.items():
                if len(rows) < limit and start < counts[name]:
                    cursor.execute(
                        f"SELECT kind, pk FROM ({sql}) AS hits ORDER BY sort_key DESC "
                        "LIMIT %s OFFSET %s",
                        [*params, limit - len(rows), start],
                    )
                    score = len(terms) if name == "title" else 0
                    rows += [Ranked(kind, pk, score) for kind, pk in cursor.fetchall()]
                start = max(0, start - counts[name])
        return rows, counts["title"] + counts["rest"]


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
