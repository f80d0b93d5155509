"""Ranked matching on each database, behind one interface.

Both backends embed the ORM's own ``published()`` query, so what may be found is
decided in one place (``PublishableQuerySet``). A term matches anywhere inside a
word in either language, case-insensitively; every term must match. Ranking: a
match in the title counts 10, in the summary 3, in the body 1; then newest first.
"""

from dataclasses import dataclass

from django.db import connection

from portal.models import Post, Program

TITLE, SUMMARY, BODY = 10, 3, 1
# FTS5's trigram index only serves terms of three characters or more.
TRIGRAM = 3


@dataclass(frozen=True)
class Ranked:
    kind: str  # "post" or "program"
    pk: int
    score: int


def _published(model) -> tuple[str, list]:
    sql, params = model.objects.published().values("pk").query.sql_with_params()
    return sql, list(params)


class SqliteBackend:
    """FTS5 with the trigram tokenizer (see migration 0005)."""

    def _where(self, terms: list[str]) -> tuple[str, list]:
        post_sql, post_params = _published(Post)
        program_sql, program_params = _published(Program)
        clauses = [
            f"((s.rowid > 0 AND s.rowid IN ({post_sql})) "
            f"OR (s.rowid < 0 AND -s.rowid IN ({program_sql})))"
        ]
        params = [*post_params, *program_params]
        long_terms = [term for term in terms if len(term) >= TRIGRAM]
        if long_terms:
            clauses.append("portal_search_index MATCH %s")
            params.append(
                " AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms)
            )
        for term in terms:
            if len(term) < TRIGRAM:
                clauses.append(
                    "instr(lower(s.title || ' ' || s.summary || ' ' || s.body), %s) > 0"
                )
                params.append(term)
        return " AND ".join(clauses), params

    def ranked(self, terms, *, limit, offset) -> tuple[list[Ranked], int]:
        where, params = self._where(terms)
        score = " + ".join(
            f"(instr(lower(s.title), %s) > 0) * {TITLE} "
            f"+ (instr(lower(s.summary), %s) > 0) * {SUMMARY} "
            f"+ (instr(lower(s.body), %s) > 0) * {BODY}"
            for _term in terms
        )
        score_params = [term for term in terms for _field in range(3)]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM portal_search_index s WHERE {where}", params
            )
            total = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT s.rowid, {score} AS score, CASE WHEN s.rowid > 0 "
                "THEN (SELECT published_at FROM portal_post WHERE id = s.rowid) "
                "ELSE (SELECT published_at FROM portal_program WHERE id = -s.rowid) "
                f"END AS published_at FROM portal_search_index s WHERE {where} "
                "ORDER BY score DESC, published_at DESC, s.rowid DESC "
                "LIMIT %s OFFSET %s",
                [*score_params, *params, limit, offset],
            )
            rows = cursor.fetchall()
        return [
            Ranked("post" if rowid > 0 else "program", abs(rowid), score)
            for rowid, score, _published_at in rows
        ], total


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
    """pg_trgm GIN indexes (migration 0005) serve LIKE on the lower-cased text."""

    def _select(self, kind, table, everything, title, summary, body, terms):
        published_sql, params = _published(Post if kind == "post" else Program)
        score = " + ".join(
            f"(CASE WHEN lower({title}) LIKE %s THEN {TITLE} ELSE 0 END) "
            f"+ (CASE WHEN lower({summary}) LIKE %s THEN {SUMMARY} ELSE 0 END) "
            f"+ (CASE WHEN lower({body}) LIKE %s THEN {BODY} ELSE 0 END)"
            for _term in terms
        )
        score_params = [_like(term) for term in terms for _field in range(3)]
        matches = " AND ".join(f"lower({everything}) LIKE %s" for _term in terms)
        sql = (
            f"SELECT '{kind}' AS kind, {table}.id AS pk, {score} AS score, "
            f"{table}.published_at FROM {table} "
            f"WHERE {table}.id IN ({published_sql}) AND {matches}"
        )
        return sql, [*score_params, *params, *(_like(term) for term in terms)]

    def ranked(self, terms, *, limit, offset) -> tuple[list[Ranked], int]:
        posts, post_params = self._select(
            "post", "portal_post", POST_ALL, POST_TITLE, POST_SUMMARY, POST_BODY, terms
        )
        programs, program_params = self._select(
            "program",
            "portal_program",
            PROGRAM_ALL,
            PROGRAM_TITLE,
            PROGRAM_SUMMARY,
            PROGRAM_BODY,
            terms,
        )
        union = f"({posts}) UNION ALL ({programs})"
        params = [*post_params, *program_params]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({union}) AS hits", params)
            total = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT kind, pk, score FROM ({union}) AS hits "
                "ORDER BY score DESC, published_at DESC, pk DESC LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
            rows = cursor.fetchall()
        return [Ranked(kind, pk, score) for kind, pk, score in rows], total


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
