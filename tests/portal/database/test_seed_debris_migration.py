"""Migration 0023 cleans the scrape debris already imported, as the import now would.

Posts the import wrote and staff left alone come out as a re-import writes them
(whole words, no file-name underscores, no CMS login as byline), so the next import
finds them unchanged; posts staff edited keep their text, and every byline lands
in a translated column.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from portal.database import triggers
from portal.database.triggers import set_aside
from portal.models import Post
from portal.seeds import importer
from portal.seeds.bookkeeping import fingerprint
from portal.seeds.parser import parse_document

BEFORE = ("portal", "0022_publication_dates_and_indexes")
DOCUMENT = """\
• Bring your ID to clinics, starting from May 20, 20..
    등록일 2024-05-24 글쓴이 seoulsolution
    From May 20, everyone must present an ID.
• [Video] Smart City, Seoul_smart city policies
    등록일 2023-02-13 글쓴이 seoulsolution
• Research news
    등록일 2023-02-14 글쓴이 서울연구원
    The institute published a study.
"""
SEOUL = ZoneInfo("Asia/Seoul")


def migrate(target) -> None:
    # As the migrate command does (pre_migrate): SQLite rebuilds tables the
    # triggers name; install() puts them back at the end of the test.
    set_aside(connection)
    MigrationExecutor(connection).migrate([target])


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes("portal")[0]


@pytest.fixture
def at_0022(transactional_db):
    migrate(BEFORE)
    yield MigrationExecutor(connection).loader.project_state([BEFORE]).apps
    migrate(latest())
    triggers.install()


def old_import(old_post, record, number: int, *, edited: str = "") -> None:
    """The row as the import wrote it before debris was cleaned."""
    values = {
        "kind": record.kind,
        "title_en": record.scraped_title,
        "published_at": datetime.combine(
            record.published_on, datetime.min.time(), SEOUL
        ),
        "author": "seoulsolution" if record.author == "" else record.author,
        "needs_review": record.needs_review,
    }
    if record.body:
        values["body_en"] = importer._body_html(record.body)
    old_post.objects.create(
        slug=f"post-{number}",
        source_key=record.key,
        import_fingerprint=fingerprint(values),
        status="published",
        **{**values, "title_en": edited or values["title_en"]},
    )


def test_imported_debris_is_cleaned_and_the_next_import_finds_it_unchanged(at_0022):
    old_post = at_0022.get_model("portal", "Post")
    records = parse_document(DOCUMENT, "doc.txt").posts
    for number, record in enumerate(records):
        old_import(old_post, record, number)

    migrate(latest())
    report = importer.import_records(parse_document(DOCUMENT, "doc.txt"))

    assert report.kept == []
    assert report.tallies["posts"].unchanged == 3
    cut, video, research = Post.objects.order_by("slug")
    assert cut.title_en == "Bring your ID to clinics, starting from May 20…"
    assert cut.needs_review
    assert video.title_en == "Smart City, Seoul – smart city policies"
    assert (cut.author_ko, cut.author_en, cut.author) == (None, None, "")
    assert research.author_ko == "서울연구원"


def test_posts_staff_edited_keep_their_title_and_their_byline_is_translated(
    at_0022,
):
    old_post = at_0022.get_model("portal", "Post")
    [cut, _video, research] = parse_document(DOCUMENT, "doc.txt").posts
    old_import(old_post, cut, 0, edited="Bring your ID to clinics from May 20, 2024")
    old_import(old_post, research, 1, edited="Research news, edited")
    old_post.objects.create(
        slug="post-2",
        source_key="edited-english-byline",
        import_fingerprint="edited since",
        status="published",
        kind="news",
        title_en="Climate Card, edited",
        published_at=datetime(2024, 5, 20, tzinfo=SEOUL),
        author="Global Urban Policy Division",
    )

    migrate(latest())

    edited, edited_research, english = Post.objects.order_by("slug")
    assert edited.title_en == "Bring your ID to clinics from May 20, 2024"
    assert not edited.author_ko and not edited.author_en
    assert edited_research.author_ko == "서울연구원"
    # An English byline is English on English pages, not Korean on both.
    assert (english.author_en, english.author_ko) == (
        "Global Urban Policy Division",
        None,
    )
