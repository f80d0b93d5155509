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
    def post(t):
        return _row("post", t, trailing)

    def program(t):
        return _row("program", t, trailing)

    return [
        *DROP_TRIGGERS,
        "DELETE FROM portal_search_index",
        *first.sqlite_fill(post, program),
        *first.sqlite_triggers(post, program),
    ]


class Migration(migrations.Migration):
    dependencies = [("portal", "0008_post_category_index")]

    operations = [
        migrations.RunPython(
            first._run({"sqlite": [*_statements(" || ' '"), CREATE_VOCAB]}),
            first._run(
                {"sqlite": [*_statements(""), "DROP TABLE IF EXISTS portal_search_vocab"]}
            ),
        )
    ]
