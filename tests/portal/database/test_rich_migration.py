"""Migration 0016 turns the plain-text bodies into HTML without losing a word.

Every seed body is stored as the portal stored it before (plain text), shown as
the old pages showed it, migrated, and shown again: the text must be the same.
"""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.template import Context, Template
from django.utils import timezone

from portal.database import triggers
from portal.database.triggers import set_aside
from portal.management.commands.import_seeds import default_seed_paths
from portal.seeds import importer
from portal.seeds.bookkeeping import fingerprint
from portal.seeds.importer import language_of
from portal.seeds.parser import parse_document, parse_paths
from portal.text.plain import render_text
from portal.text.rich import text_of

BEFORE = ("portal", "0015_images_and_rich_bodies")
SHOWN = Template("{% load portal_tags %}{{ body|rich_body }}")


def words(markup: str) -> str:
    return re.sub(
        r"\s+", " ", BeautifulSoup(markup, "html.parser").get_text(" ")
    ).strip()


def migrate(target) -> None:
    # As the migrate command does (pre_migrate): SQLite rebuilds tables the
    # triggers name; install() puts them back at the end of the test.
    set_aside(connection)
    MigrationExecutor(connection).migrate([target])


@pytest.fixture
def at_0015(transactional_db):
    migrate(BEFORE)
    yield MigrationExecutor(connection).loader.project_state([BEFORE]).apps
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("portal")[0]
    migrate(latest)
    triggers.install()


def test_every_seed_body_reads_the_same_after_the_migration(at_0015):
    old_post = at_0015.get_model("portal", "Post")
    records = parse_paths(default_seed_paths()).posts
    before = {}
    for number, record in enumerate(records):
        lang = language_of(record.body or record.title)
        post = old_post.objects.create(
            slug=f"seed-{number}",
            kind=record.kind,
            published_at=timezone.now(),
            **{f"title_{lang}": record.title, f"body_{lang}": record.body},
        )
        before[post.pk] = (lang, words(render_text(record.body)))
    assert sum(1 for _lang, text in before.values() if text) >= 10

    after = ("portal", "0016_rich_bodies_from_plain_text")
    migrate(after)
    # The model as it was then: later migrations add columns it did not have.
    new_post = MigrationExecutor(connection).loader.project_state([after]).apps
    for post in new_post.get_model("portal", "Post").objects.filter(pk__in=before):
        lang, old_text = before[post.pk]
        body = getattr(post, f"body_{lang}")
        assert words(SHOWN.render(Context({"body": body}))) == old_text
        assert getattr(post, f"body_text_{lang}") == text_of(body)
        assert body == "" or body.startswith(("<p>", "<ul>", "<ol>", "<h2>"))


def test_posts_imported_before_the_migration_are_not_taken_for_staff_edits(at_0015):
    old_post = at_0015.get_model("portal", "Post")
    text = (
        "• Climate Card Sales Hit 1 Million\n"
        "    등록일 2024-04-11 글쓴이 seoulsolution\n"
        "    On Fri, Apr. 5, the Climate Card surpassed the milestone.\n"
    )
    [record] = parse_document(text, "doc.txt").posts
    # What the import wrote before bodies were HTML: plain text, fingerprinted.
    values = {
        "kind": record.kind,
        "title_en": record.title,
        "body_en": record.body,
        "published_at": datetime(2024, 4, 11, tzinfo=ZoneInfo("Asia/Seoul")),
        "author": record.author,
        "needs_review": record.needs_review,
    }
    old_post.objects.create(
        slug="climate",
        source_key=record.key,
        import_fingerprint=fingerprint(values),
        status="published",
        **values,
    )

    # Upgraded to today's schema, then imported again with today's code.
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("portal")[0])
    report = importer.import_records(parse_document(text, "doc.txt"))

    assert report.kept == []
    assert report.tallies["posts"].unchanged == 1
