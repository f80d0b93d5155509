"""SQLite: titles get a search index of their own.

FTS5 keeps one list of rows per trigram, whatever the column, and applies a column
filter afterwards: "title : the" read every post whose body holds "the" to find the
few titles that do (10 ms at 100,000 posts). The title tier of a search
(portal/search/backends.py) reads this table instead, whose lists hold titles only.
Columns end with a space, as in migration 0009. PostgreSQL is unchanged: its title
grams have their own index (0006).
"""

import importlib

from django.db import migrations

first = importlib.import_module("portal.migrations.0005_search_index")


def _title(kind, t):
    expression = first.POST_TITLE if kind == "post" else first.PROGRAM_TITLE
    return f"({expression.format(t=t)}) || ' '"


def _triggers(model, rowid, fields):
    insert = (
        f"INSERT INTO portal_search_title (rowid, title) "
        f"VALUES ({rowid.format(t='NEW')}, {_title(model, 'NEW')})"
    )
    delete = f"DELETE FROM portal_search_title WHERE rowid = {rowid.format(t='OLD')}"
    return [
        f"CREATE TRIGGER portal_{model}_title_insert AFTER INSERT ON portal_{model} "
        f"BEGIN {insert}; END",
        f"CREATE TRIGGER portal_{model}_title_update AFTER UPDATE OF {fields} "
        f"ON portal_{model} BEGIN {delete}; {insert}; END",
        f"CREATE TRIGGER portal_{model}_title_delete AFTER DELETE ON portal_{model} "
        f"BEGIN {delete}; END",
    ]


SQLITE = [
    "CREATE VIRTUAL TABLE portal_search_title USING fts5(title, tokenize = 'trigram')",
    "INSERT INTO portal_search_title (rowid, title) "
    f"SELECT p.id, {_title('post', 'p')} FROM portal_post p",
    "INSERT INTO portal_search_title (rowid, title) "
    f"SELECT -p.id, {_title('program', 'p')} FROM portal_program p",
    *_triggers("post", "{t}.id", "title_ko, title_en"),
    *_triggers("program", "-{t}.id", "name_ko, name_en"),
]
SQLITE_REVERSE = [
    *(
        f"DROP TRIGGER IF EXISTS portal_{model}_title_{event}"
        for model in ("post", "program")
        for event in ("insert", "update", "delete")
    ),
    "DROP TABLE IF EXISTS portal_search_title",
]


class Migration(migrations.Migration):
    dependencies = [("portal", "0009_search_index_trailing_space")]

    operations = [
        migrations.RunPython(
            first._run({"sqlite": SQLITE}), first._run({"sqlite": SQLITE_REVERSE})
        )
    ]
