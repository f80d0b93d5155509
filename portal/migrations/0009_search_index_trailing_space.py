"""SQLite's search index: a vocabulary table, and every column ends with a space.

Terms shorter than a trigram (two Hangul syllables, "AI") are found through the
index's vocabulary (``portal_search_vocab``): the trigrams that start with the term
(portal/search/backends.py). A term at the very end of a column starts no trigram;
the trailing space gives it one. Triggers are recreated and the index is refilled.
PostgreSQL is unchanged.
"""

import importlib

from django.db import migrations

first = importlib.import_module("portal.migrations.0005_search_index")

TEXT = {
    "post": (first.POST_TITLE, first.POST_SUMMARY, first.POST_BODY),
    "program": (first.PROGRAM_TITLE, first.PROGRAM_SUMMARY, first.PROGRAM_BODY),
}
DROP_TRIGGERS = first.SQLITE_REVERSE[:-1]  # all but dropping the table
CREATE_VOCAB = (
    "CREATE VIRTUAL TABLE portal_search_vocab "
    "USING fts5vocab(portal_search_index, row)"
)


def _row(kind, t, trailing):
    sign = "" if kind == "post" else "-"
    columns = [
        f"({expression.format(t=t)}){trailing}" for expression in TEXT[kind]
    ]
    return f"{sign}{t}.id, '{kind}', " + ", ".join(columns)


def _statements(trailing):
    post = lambda t: _row("post", t, trailing)  # noqa: E731
    program = lambda t: _row("program", t, trailing)  # noqa: E731
    columns = first.COLUMNS
    return [
        *DROP_TRIGGERS,
        "DELETE FROM portal_search_index",
        f"INSERT INTO portal_search_index ({columns}) SELECT {post('p')} FROM portal_post p",
        f"INSERT INTO portal_search_index ({columns}) "
        f"SELECT {program('p')} FROM portal_program p",
        f"CREATE TRIGGER portal_post_search_insert AFTER INSERT ON portal_post BEGIN "
        f"INSERT INTO portal_search_index ({columns}) VALUES ({post('NEW')}); END",
        f"CREATE TRIGGER portal_post_search_update AFTER UPDATE OF {first.POST_TEXT} "
        f"ON portal_post BEGIN DELETE FROM portal_search_index WHERE rowid = OLD.id; "
        f"INSERT INTO portal_search_index ({columns}) VALUES ({post('NEW')}); END",
        "CREATE TRIGGER portal_post_search_delete AFTER DELETE ON portal_post BEGIN "
        "DELETE FROM portal_search_index WHERE rowid = OLD.id; END",
        f"CREATE TRIGGER portal_program_search_insert AFTER INSERT ON portal_program "
        f"BEGIN INSERT INTO portal_search_index ({columns}) VALUES ({program('NEW')}); "
        f"END",
        f"CREATE TRIGGER portal_program_search_update AFTER UPDATE OF "
        f"{first.PROGRAM_TEXT} ON portal_program BEGIN DELETE FROM portal_search_index "
        f"WHERE rowid = -OLD.id; "
        f"INSERT INTO portal_search_index ({columns}) VALUES ({program('NEW')}); END",
        "CREATE TRIGGER portal_program_search_delete AFTER DELETE ON portal_program "
        "BEGIN DELETE FROM portal_search_index WHERE rowid = -OLD.id; END",
        *(
            f"CREATE TRIGGER portal_faqentry_search_{event.split()[0].lower()} "
            f"AFTER {event} ON portal_faqentry BEGIN "
            f"DELETE FROM portal_search_index WHERE rowid = -{row}.program_id; "
            f"INSERT INTO portal_search_index ({columns}) "
            f"SELECT {program('p')} FROM portal_program p "
            f"WHERE p.id = {row}.program_id; END"
            for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD"))
        ),
    ]


def _on_sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0008_post_category_index")]

    operations = [
        migrations.RunPython(
            _on_sqlite([*_statements(" || ' '"), CREATE_VOCAB]),
            _on_sqlite([*_statements(""), "DROP TABLE IF EXISTS portal_search_vocab"]),
        )
    ]
