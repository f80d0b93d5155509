"""An import in progress does not hold up the editors (PostgreSQL).

Every write to public content raises the content version, and the raised row stays
locked until its transaction commits. An import that raised it at its first row
made each admin save wait for the whole import, and the web's statement time limit
failed the save with a 500 (seen in ``make reliability`` on PostgreSQL). SQLite
locks the whole database for any write, so there an editor waits for the import
whatever the version does; docs/operations.md says so.
"""

import threading

import pytest
from django.db import connection, connections

from portal.models import ContentVersion, Post
from portal.seeds.importer import import_records
from portal.seeds.parser import parse_paths
from tests.benchmarks.generate_seed import entries
from tests.factories import PostFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks are PostgreSQL's; SQLite has one lock for the database",
    ),
]

# Far below the web's 10 s: a save that waited on the import would fail.
WEB_LIMIT_MS = 2000


class PausedImport(threading.Thread):
    """import_records in its own connection, stopped after its first chunk of
    posts is written and before it commits."""

    def __init__(self, path):
        super().__init__()
        self.path = path
        self.paused = threading.Event()
        self.go_on = threading.Event()
        self.error = None
        self.report = None

    def pause(self, _count):
        if not self.paused.is_set():
            self.paused.set()
            self.go_on.wait(timeout=30)

    def run(self):
        try:
            self.report = import_records(parse_paths([self.path]), progress=self.pause)
        except Exception as error:  # reported by the test, not lost in the thread
            self.error = error
        finally:
            connections.close_all()


def version() -> int:
    return ContentVersion.objects.get(pk=1).version


@pytest.fixture
def web_limit():
    with connection.cursor() as cursor:
        cursor.execute(f"SET statement_timeout = {WEB_LIMIT_MS}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET statement_timeout")


def test_an_editor_saves_while_an_import_is_half_way(tmp_path, web_limit):
    ContentVersion.objects.get_or_create(pk=1)
    document = tmp_path / "more.txt"
    document.write_text("\n".join(entries(300, seed=3)) + "\n", encoding="utf-8")
    importing = PausedImport(str(document))
    importing.start()
    try:
        assert importing.paused.wait(timeout=60), "the import never got going"
        before = version()

        PostFactory(slug="saved-during-the-import", title_en="Saved meanwhile")

        # The editor's save is public at once; the import's rows are not yet.
        assert version() > before
        assert Post.objects.count() == 1
    finally:
        importing.go_on.set()
        importing.join(timeout=120)
    assert importing.error is None
    imported = importing.report.tally("posts").created
    assert imported > 100
    assert Post.objects.count() == imported + 1
    # The import raised the version too, once it committed: its pages are new.
    assert version() > before + 1
