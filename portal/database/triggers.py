"""Database triggers derived from the public-content declaration.

Two kinds, both written from ``portal.models.public`` and nothing else:

- **Content version.** Every insert, update and delete on a public table (its
  many-to-many tables included) raises the one number cached pages are filed
  under, whoever writes: the admin, ``import_seeds``, a shell or raw SQL.
- **Search.** Searchable models (and the children counted in their text) keep the
  search tables in step: SQLite's FTS5 tables of migrations 0005, 0009 and 0010,
  PostgreSQL's gram table of migration 0006. The text they write is folded as
  ``portal.search.fold`` declares (Arabic vowel marks and letter variants, Latin
  accents), as the query terms are.

``install()`` runs after every ``migrate`` (the app's post_migrate handler), so the
triggers always match the declaration in the code that migrated: a new public
model gets its triggers without a migration of its own. A trigger is ours when its
name starts with ``portal_``; ours that the declaration no longer names are
dropped. When the search triggers change, the search tables are refilled (so a
kind newly declared searchable finds the rows it already has) and the content
version is raised.
"""

import hashlib
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection as default_connection
from django.db import transaction

from portal.languages import localized_all
from portal.models.public import PUBLIC_CONTENT, Search, public_tables
from portal.search import fold

PREFIX = "portal_"
BUMP = "UPDATE portal_contentversion SET version = version + 1 WHERE id = 1"
VERSION_FUNCTION = "portal_bump_content_version"
# While a transaction sets this (PostgreSQL), its writes leave the version alone;
# version_bumped_at_end() raises it once instead.
AT_END = "portal.content_version_at_end"
# SQLite's search tables; each column ends with a space (migration 0009).
SQLITE_INDEX = "portal_search_index"
SQLITE_TITLES = "portal_search_title"
SQLITE_COLUMNS = "rowid, kind, title, summary, body"
POSTGRES_DOCUMENTS = "portal_search_document"


def _joined(expressions: list[str]) -> str:
    return " || ' ' || ".join(expressions) or "''"


def _text(alias: str, fields: tuple[str, ...]) -> str:
    """Each translated field in every language, one after the other."""
    return _joined(
        [f"coalesce({alias}.{column}, '')" for column in localized_all(*fields)]
    )


@dataclass(frozen=True)
class Searchable:
    """One searchable model's text, as SQL over a row aliased ``alias``."""

    table: str
    kind: str
    search: Search
    base: int  # PublicContent.search_base
    children: tuple[tuple[str, str, tuple[str, ...]], ...]  # table, foreign key, fields

    @classmethod
    def of(cls, entry) -> "Searchable":
        opts = entry.model._meta
        children = []
        for child in entry.search.children:
            relation = opts.get_field(child.related_name)
            children.append(
                (
                    relation.related_model._meta.db_table,
                    relation.field.column,
                    child.fields,
                )
            )
        return cls(
            opts.db_table,
            opts.model_name,
            entry.search,
            entry.search_base,
            tuple(children),
        )

    def key(self, alias: str, column: str = "id") -> str:
        """The index rowid of the row ``alias`` (or of the row ``column`` names)."""
        if not self.base:
            return f"{alias}.{column}"
        return f"({alias}.{column} - {-self.base})"

    @property
    def refresh_function(self) -> str:
        """PostgreSQL: the function writing one row's search document afresh."""
        return f"{PREFIX}{self.kind}_search_refresh"

    def title(self, alias: str) -> str:
        return _text(alias, (self.search.title,))

    def summary(self, alias: str) -> str:
        return _text(alias, self.search.summary)

    def body(self, alias: str, aggregate: str) -> str:
        """The body fields, then the children's text (``aggregate``: SQLite's
        group_concat or PostgreSQL's string_agg, which orders its rows)."""
        parts = [_text(alias, self.search.body)]
        for table, foreign_key, fields in self.children:
            text = _text("c", fields)
            if aggregate == "string_agg":
                joined = f"string_agg({text}, ' ' ORDER BY c.id)"
            else:
                joined = f"group_concat({text}, ' ')"
            parts.append(
                f"coalesce((SELECT {joined} FROM {table} c "
                f"WHERE c.{foreign_key} = {alias}.id), '')"
            )
        return _joined(parts)

    def columns(self) -> list[str]:
        """The model's own columns the search text reads."""
        fields = (self.search.title, *self.search.summary, *self.search.body)
        return localized_all(*fields)

    def title_columns(self) -> list[str]:
        return localized_all(self.search.title)


def _searchables() -> list[Searchable]:
    return [Searchable.of(entry) for entry in PUBLIC_CONTENT if entry.search]


# SQLite


def _sqlite_folded(text: str) -> str:
    """A column of SQLite's index: the text folded, ending with a space."""
    return f"{fold.sql(text, 'sqlite')} || ' '"


def _sqlite_row(item: Searchable, alias: str) -> str:
    return (
        f"{item.key(alias)}, '{item.kind}', {_sqlite_folded(item.title(alias))}, "
        f"{_sqlite_folded(item.summary(alias))}, "
        f"{_sqlite_folded(item.body(alias, 'group_concat'))}"
    )


def _sqlite_refresh(item: Searchable, row: str, column: str) -> str:
    """Statements writing afresh the index entry of the row whose id is in
    ``row.column`` (a child's foreign key)."""
    return (
        f"DELETE FROM {SQLITE_INDEX} WHERE rowid = {item.key(row, column)}; "
        f"INSERT INTO {SQLITE_INDEX} ({SQLITE_COLUMNS}) "
        f"SELECT {_sqlite_row(item, 'p')} "
        f"FROM {item.table} p WHERE p.id = {row}.{column};"
    )


def _sqlite_search_triggers() -> dict[str, str]:
    triggers = {}
    for item in _searchables():
        name, table = f"{PREFIX}{item.kind}", item.table
        insert = (
            f"INSERT INTO {SQLITE_INDEX} ({SQLITE_COLUMNS}) "
            f"VALUES ({_sqlite_row(item, 'NEW')});"
        )
        delete = f"DELETE FROM {SQLITE_INDEX} WHERE rowid = {item.key('OLD')};"
        title = _sqlite_folded(item.title("NEW"))
        title_insert = (
            f"INSERT INTO {SQLITE_TITLES} (rowid, title) "
            f"VALUES ({item.key('NEW')}, {title});"
        )
        title_delete = f"DELETE FROM {SQLITE_TITLES} WHERE rowid = {item.key('OLD')};"
        triggers |= {
            f"{name}_search_insert": f"AFTER INSERT ON {table} BEGIN {insert} END",
            f"{name}_search_update": (
                f"AFTER UPDATE OF {', '.join(item.columns())} ON {table} "
                f"BEGIN {delete} {insert} END"
            ),
            f"{name}_search_delete": f"AFTER DELETE ON {table} BEGIN {delete} END",
            f"{name}_title_insert": f"AFTER INSERT ON {table} BEGIN {title_insert} END",
            f"{name}_title_update": (
                f"AFTER UPDATE OF {', '.join(item.title_columns())} ON {table} "
                f"BEGIN {title_delete} {title_insert} END"
            ),
            f"{name}_title_delete": f"AFTER DELETE ON {table} BEGIN {title_delete} END",
        }
        for child, foreign_key, _fields in item.children:
            triggers |= {
                f"{child}_search_insert": (
                    f"AFTER INSERT ON {child} "
                    f"BEGIN {_sqlite_refresh(item, 'NEW', foreign_key)} END"
                ),
                f"{child}_search_update": (
                    f"AFTER UPDATE ON {child} BEGIN "
                    f"{_sqlite_refresh(item, 'OLD', foreign_key)} "
                    f"{_sqlite_refresh(item, 'NEW', foreign_key)} END"
                ),
                f"{child}_search_delete": (
                    f"AFTER DELETE ON {child} "
                    f"BEGIN {_sqlite_refresh(item, 'OLD', foreign_key)} END"
                ),
            }
    return {name: f"CREATE TRIGGER {name} {body}" for name, body in triggers.items()}


def _sqlite_version_triggers() -> dict[str, str]:
    return {
        f"{table}_version_{event.lower()}": (
            f"CREATE TRIGGER {table}_version_{event.lower()} AFTER {event} ON {table} "
            f"BEGIN {BUMP}; END"
        )
        for table in public_tables()
        for event in ("INSERT", "UPDATE", "DELETE")
    }


def _sqlite_fill() -> list[str]:
    statements = [f"DELETE FROM {SQLITE_INDEX}", f"DELETE FROM {SQLITE_TITLES}"]
    for item in _searchables():
        statements += [
            f"INSERT INTO {SQLITE_INDEX} ({SQLITE_COLUMNS}) "
            f"SELECT {_sqlite_row(item, 'p')} FROM {item.table} p",
            f"INSERT INTO {SQLITE_TITLES} (rowid, title) "
            f"SELECT {item.key('p')}, {_sqlite_folded(item.title('p'))} "
            f"FROM {item.table} p",
        ]
    return statements


def _install_sqlite(cursor) -> None:
    cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    existing = {name: sql for name, sql in cursor.fetchall() if name.startswith(PREFIX)}
    search = _sqlite_search_triggers()
    wanted = {**_sqlite_version_triggers(), **search}
    for name in existing.keys() - wanted.keys():
        cursor.execute(f"DROP TRIGGER {name}")
    changed = [name for name, sql in wanted.items() if existing.get(name) != sql]
    for name in changed:
        cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(wanted[name])
    if any(name in search for name in changed):
        for statement in _sqlite_fill():
            cursor.execute(statement)
        cursor.execute(BUMP)  # see _install_postgres


# PostgreSQL


def _postgres_text(item: Searchable, alias: str) -> tuple[str, str]:
    """(title, everything) for portal_search_store(), folded."""
    title = fold.sql(item.title(alias), "postgresql")
    rest = _joined([item.summary(alias), item.body(alias, "string_agg")])
    return title, f"{title} || ' ' || {fold.sql(rest, 'postgresql')}"


def _postgres_search() -> dict[str, tuple[str, list[str]]]:
    """Trigger name -> (table, statements creating its function and trigger)."""
    triggers = {}
    for item in _searchables():
        name = f"{PREFIX}{item.kind}_search"
        refresh = item.refresh_function
        title, content = _postgres_text(item, "p")
        functions = [
            # Dropped first: OR REPLACE cannot rename a parameter, and migration
            # 0006 named this one's differently.
            f"DROP FUNCTION IF EXISTS {refresh}(bigint)",
            f"CREATE FUNCTION {refresh}(row_id bigint) RETURNS void "
            f"LANGUAGE sql AS $$ SELECT portal_search_store({item.key('p')}, {title}, "
            f"{content}) FROM {item.table} p WHERE p.id = row_id $$",
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ "
            f"BEGIN IF TG_OP = 'DELETE' THEN DELETE FROM {POSTGRES_DOCUMENTS} "
            f"WHERE rowid = {item.key('OLD')}; ELSE PERFORM {refresh}(NEW.id); END IF; "
            f"RETURN NULL; END $$",
        ]
        triggers[name] = (
            item.table,
            [
                *functions,
                f"CREATE OR REPLACE TRIGGER {name} AFTER INSERT OR DELETE OR UPDATE OF "
                f"{', '.join(item.columns())} ON {item.table} FOR EACH ROW "
                f"EXECUTE FUNCTION {name}()",
            ],
        )
        for child, foreign_key, _fields in item.children:
            child_name = f"{child}_search"
            triggers[child_name] = (
                child,
                [
                    f"CREATE OR REPLACE FUNCTION {child_name}() RETURNS trigger "
                    f"LANGUAGE plpgsql AS $$ BEGIN "
                    f"IF TG_OP <> 'INSERT' THEN PERFORM {refresh}(OLD.{foreign_key}); "
                    f"END IF; IF TG_OP <> 'DELETE' THEN "
                    f"PERFORM {refresh}(NEW.{foreign_key}); END IF; "
                    "RETURN NULL; END $$",
                    f"CREATE OR REPLACE TRIGGER {child_name} AFTER INSERT OR DELETE OR "
                    f"UPDATE ON {child} FOR EACH ROW EXECUTE FUNCTION {child_name}()",
                ],
            )
    return triggers


def _postgres_version() -> dict[str, tuple[str, list[str]]]:
    function = (
        f"CREATE OR REPLACE FUNCTION {VERSION_FUNCTION}() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        f"IF current_setting('{AT_END}', true) IS DISTINCT FROM 'on' THEN {BUMP}; "
        "END IF; RETURN NULL; END $$"
    )
    # Once per statement: a bulk import bumps the version once, not per row.
    return {
        f"{table}_version": (
            table,
            [
                function,
                f"CREATE OR REPLACE TRIGGER {table}_version AFTER INSERT OR UPDATE OR "
                f"DELETE OR TRUNCATE ON {table} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION {VERSION_FUNCTION}()",
            ],
        )
        for table in public_tables()
    }


def _fingerprint(statements: list[str]) -> str:
    return hashlib.sha256("\n".join(statements).encode()).hexdigest()


def _install_postgres(cursor) -> None:
    cursor.execute(
        "SELECT t.tgname, c.relname, obj_description(t.oid, 'pg_trigger') "
        "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE NOT t.tgisinternal AND t.tgname LIKE %s",
        [PREFIX + "%"],
    )
    existing = {name: (table, comment) for name, table, comment in cursor.fetchall()}
    search = _postgres_search()
    wanted = {**_postgres_version(), **search}
    for name in existing.keys() - wanted.keys():
        cursor.execute(f"DROP TRIGGER {name} ON {existing[name][0]}")
    changed = []
    for name, (table, statements) in wanted.items():
        fingerprint = _fingerprint(statements)
        if existing.get(name) == (table, fingerprint):
            continue
        for statement in statements:
            cursor.execute(statement)
        # The comment records what the trigger was made from, so an unchanged
        # declaration costs one query on the next migrate.
        cursor.execute(f"COMMENT ON TRIGGER {name} ON {table} IS %s", [fingerprint])
        changed.append(name)
    if any(name in search for name in changed):
        cursor.execute(f"DELETE FROM {POSTGRES_DOCUMENTS}")
        for item in _searchables():
            cursor.execute(f"SELECT {item.refresh_function}(p.id) FROM {item.table} p")
        # Search results are cached under the content version: those of the old
        # index (a kind not searched before) must go.
        cursor.execute(BUMP)


def _ready(connection) -> bool:
    """True once the migrations that make the tables have run (not while an
    operator migrates back past them)."""
    tables = set(connection.introspection.table_names())
    search = SQLITE_INDEX if connection.vendor == "sqlite" else POSTGRES_DOCUMENTS
    return {"portal_contentversion", search, *public_tables()} <= tables


def install(connection=default_connection) -> None:
    """Make the database's triggers match the declaration."""
    if connection.vendor not in ("sqlite", "postgresql") or not _ready(connection):
        return
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _install_sqlite(cursor)
        else:
            _install_postgres(cursor)


@contextmanager
def version_bumped_at_end(connection=default_connection):
    """Raise the content version once, when a long write is done, not at its start.

    For imports and restores, inside their ``transaction.atomic()``. The first
    write of a transaction locks the version row until the transaction commits.
    An import that took that lock at its first row held every admin save behind
    it for its whole run, and the web's statement time limit failed them. Here
    the row is locked only for the end of the transaction.

    On every database the version has gone up once the block is done, even if
    the block wrote nothing public (a restore into a flushed database). SQLite
    locks the whole database for any write, so there its triggers bump as usual.
    If the block raises or marks its transaction for rollback, the setting goes
    with the rollback.
    """
    postgresql = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgresql:
            cursor.execute("SELECT set_config(%s, 'on', true)", [AT_END])
    yield
    if transaction.get_rollback(using=connection.alias):
        return  # a dry run: nothing to make public
    with connection.cursor() as cursor:
        if postgresql:
            cursor.execute("SELECT set_config(%s, 'off', true)", [AT_END])
        cursor.execute(BUMP)


def set_aside(connection=default_connection) -> None:
    """Drop our SQLite triggers, for a migration that rebuilds a public table.

    SQLite rebuilds a table to add a foreign key (new table, copy, drop, rename),
    and the rename fails while another table's trigger names the dropped one.
    ``install()`` puts every trigger back after the migrate; PostgreSQL alters
    tables in place and keeps its triggers.
    """
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        for (name,) in cursor.fetchall():
            if name.startswith(PREFIX):
                cursor.execute(f"DROP TRIGGER {name}")


def installed_version_tables(connection=default_connection) -> set[str]:
    """Tables that carry a content-version trigger (for the tests and checks)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' "
                "AND sql LIKE %s",
                [f"%{BUMP}%"],
            )
        else:
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_proc p ON p.oid = t.tgfoid WHERE p.proname = %s",
                [VERSION_FUNCTION],
            )
        return {table for (table,) in cursor.fetchall()}
