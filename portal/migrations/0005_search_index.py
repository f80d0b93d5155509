"""Full-text search structures, per database.

SQLite: an FTS5 table with the trigram tokenizer (substring matches, so Korean words
are found inside longer words and before particles), kept in step with posts,
programmes and FAQ entries by triggers. Posts use rowid = id, programmes rowid = -id.
PostgreSQL: pg_trgm GIN indexes on the same text, searched with ILIKE.
"""

from django.db import migrations

POST_TITLE = "coalesce({t}.title_ko, '') || ' ' || coalesce({t}.title_en, '')"
POST_SUMMARY = "coalesce({t}.summary_ko, '') || ' ' || coalesce({t}.summary_en, '')"
POST_BODY = "coalesce({t}.body_ko, '') || ' ' || coalesce({t}.body_en, '')"
PROGRAM_TITLE = "coalesce({t}.name_ko, '') || ' ' || coalesce({t}.name_en, '')"
PROGRAM_SUMMARY = "coalesce({t}.summary_ko, '') || ' ' || coalesce({t}.summary_en, '')"
PROGRAM_BODY = (
    "coalesce({t}.description_ko, '') || ' ' || coalesce({t}.description_en, '') || ' ' || "
    "coalesce((SELECT group_concat(coalesce(f.question_ko, '') || ' ' || "
    "coalesce(f.question_en, '') || ' ' || coalesce(f.answer_ko, '') || ' ' || "
    "coalesce(f.answer_en, ''), ' ') FROM portal_faqentry f WHERE f.program_id = {t}.id), '')"
)


def _post_row(t):
    return (
        f"{t}.id, 'post', {POST_TITLE.format(t=t)}, {POST_SUMMARY.format(t=t)}, "
        f"{POST_BODY.format(t=t)}"
    )


def _program_row(t):
    return (
        f"-{t}.id, 'program', {PROGRAM_TITLE.format(t=t)}, "
        f"{PROGRAM_SUMMARY.format(t=t)}, {PROGRAM_BODY.format(t=t)}"
    )


COLUMNS = "rowid, kind, title, summary, body"
POST_TEXT = "title_ko, title_en, summary_ko, summary_en, body_ko, body_en"
PROGRAM_TEXT = "name_ko, name_en, summary_ko, summary_en, description_ko, description_en"

def sqlite_fill(post_row=_post_row, program_row=_program_row):
    """Statements copying every post and programme into the index."""
    return [
        f"INSERT INTO portal_search_index ({COLUMNS}) SELECT {post_row('p')} "
        f"FROM portal_post p",
        f"INSERT INTO portal_search_index ({COLUMNS}) "
        f"SELECT {program_row('p')} FROM portal_program p",
    ]


def sqlite_triggers(post_row=_post_row, program_row=_program_row):
    """Triggers keeping the index in step; migration 0009 passes other row builders."""
    return [
        # Posts
        f"CREATE TRIGGER portal_post_search_insert AFTER INSERT ON portal_post BEGIN "
        f"INSERT INTO portal_search_index ({COLUMNS}) VALUES ({post_row('NEW')}); END",
        f"CREATE TRIGGER portal_post_search_update AFTER UPDATE OF {POST_TEXT} "
        f"ON portal_post "
        f"BEGIN DELETE FROM portal_search_index WHERE rowid = OLD.id; "
        f"INSERT INTO portal_search_index ({COLUMNS}) VALUES ({post_row('NEW')}); END",
        "CREATE TRIGGER portal_post_search_delete AFTER DELETE ON portal_post BEGIN "
        "DELETE FROM portal_search_index WHERE rowid = OLD.id; END",
        # Programmes
        f"CREATE TRIGGER portal_program_search_insert AFTER INSERT ON portal_program "
        f"BEGIN "
        f"INSERT INTO portal_search_index ({COLUMNS}) VALUES ({program_row('NEW')}); "
        f"END",
        f"CREATE TRIGGER portal_program_search_update AFTER UPDATE OF {PROGRAM_TEXT} "
        f"ON portal_program BEGIN DELETE FROM portal_search_index WHERE rowid = -OLD.id; "
        f"INSERT INTO portal_search_index ({COLUMNS}) VALUES ({program_row('NEW')}); "
        f"END",
        "CREATE TRIGGER portal_program_search_delete AFTER DELETE ON portal_program "
        "BEGIN "
        "DELETE FROM portal_search_index WHERE rowid = -OLD.id; END",
        # FAQ entries are part of their programme's text.
        *(
            f"CREATE TRIGGER portal_faqentry_search_{event.split()[0].lower()} "
            f"AFTER {event} ON portal_faqentry BEGIN "
            f"DELETE FROM portal_search_index WHERE rowid = -{row}.program_id; "
            f"INSERT INTO portal_search_index ({COLUMNS}) "
            f"SELECT {program_row('p')} FROM portal_program p "
            f"WHERE p.id = {row}.program_id; "
            f"END"
            for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD"))
        ),
    ]


SQLITE = [
    "CREATE VIRTUAL TABLE portal_search_index USING fts5("
    "kind UNINDEXED, title, summary, body, tokenize = 'trigram')",
    *sqlite_fill(),
    *sqlite_triggers(),
]
SQLITE_REVERSE = [
    *(
        f"DROP TRIGGER IF EXISTS portal_{name}_search_{event}"
        for name in ("post", "program", "faqentry")
        for event in ("insert", "update", "delete")
    ),
    "DROP TABLE IF EXISTS portal_search_index",
]

# PostgreSQL: the same expressions, lower-cased, indexed for ILIKE / LIKE.
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX portal_post_search_trgm ON portal_post USING gin ((lower("
    + " || ' ' || ".join(
        [POST_TITLE.format(t="portal_post"), POST_SUMMARY.format(t="portal_post"),
         POST_BODY.format(t="portal_post")]
    )
    + ")) gin_trgm_ops)",
    "CREATE INDEX portal_post_title_trgm ON portal_post USING gin ((lower("
    + POST_TITLE.format(t="portal_post")
    + ")) gin_trgm_ops)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS portal_post_search_trgm",
    "DROP INDEX IF EXISTS portal_post_title_trgm",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor, [])
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_upload_checks")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
