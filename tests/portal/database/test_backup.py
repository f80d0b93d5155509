"""Backup and restore: a round trip brings back every record in both languages,
the edit history, staff accounts and uploaded files."""

import io
import re
import tarfile

import pytest
import reversion
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from reversion.models import Version

from portal.models import Consent, ContentVersion, Inquiry, Page, PageFeedback, Post
from portal.models.public import public_models
from portal.models.starting_pages import create_starting_pages
from tests.factories import (
    FAQEntryFactory,
    ImageFactory,
    PartnerFactory,
    PolicyFieldFactory,
    PostFactory,
    ProgramFactory,
)
from tests.portal.test_uploads import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)

SNAPSHOT_APPS = ["auth.user", "auth.group", "reversion", "admin"]
WHOLE_SECOND = re.compile(r"(T\d\d:\d\d:\d\d)\.000(?=Z|[+-])")


def snapshot() -> str:
    out = io.StringIO()
    call_command(
        "dumpdata",
        *(model._meta.label_lower for model in public_models()),
        *SNAPSHOT_APPS,
        natural_foreign=True,
        natural_primary=True,
        indent=1,
        stdout=out,
    )
    return same_instants(out.getvalue())


def same_instants(dumped: str) -> str:
    """``dumped`` with each time written to the whole second where it can be.

    Django writes times to the millisecond: one written as ".000" (under a
    millisecond past the second) loads back as the whole second and is then
    written without fraction; the same instant, whichever way it is written.
    """
    return WHOLE_SECOND.sub(r"\1", dumped)


@pytest.fixture
def site_content(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # As migrated; earlier transactional tests may have flushed the row away.
    ContentVersion.objects.get_or_create(pk=1)
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    field = PolicyFieldFactory(name_ko="환경", name_en="Environment")
    with reversion.create_revision():
        reversion.set_user(editor)
        post = PostFactory(
            title_ko="서울의 기후 정책",
            title_en="Seoul's climate policy",
            body_ko="본문",
            body_en="Body",
            policy_field=field,
            kind=Post.Kind.PUBLICATION,
        )
    with reversion.create_revision():
        reversion.set_user(editor)
        post.title_en = "Seoul's climate policy, revised"
        post.file.save("report.pdf", ContentFile(b"%PDF-1.7 report"), save=True)
    programme = ProgramFactory(name_ko="정책 연수", name_en="Policy training")
    FAQEntryFactory(program=programme, question_ko="누가?", question_en="Who?")
    programme.related_posts.add(post)
    partner = PartnerFactory(name_ko="세계은행", name_en="World Bank")
    partner.logo.save("logo.png", ContentFile(image_bytes("PNG")), save=True)
    LogEntry.objects.log_actions(editor.pk, [post], 2, change_message="edited")
    return settings.MEDIA_ROOT


def wipe(media_root):
    for model in (LogEntry, Version, *public_models()):
        model.objects.all().delete()
    get_user_model().objects.all().delete()
    for path in media_root.rglob("*"):
        if path.is_file():
            path.unlink()


def test_round_trip_restores_records_history_accounts_and_files(site_content, tmp_path):
    before = snapshot()
    files_before = {
        p.relative_to(site_content): p.read_bytes()
        for p in site_content.rglob("*")
        if p.is_file()
    }
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    wipe(site_content)
    assert Post.objects.count() == 0 and not list(site_content.rglob("*.pdf"))
    version_before = ContentVersion.objects.get().version

    call_command("restore", str(archive), verbosity=0)

    assert snapshot() == before
    restored = {
        p.relative_to(site_content): p.read_bytes()
        for p in site_content.rglob("*")
        if p.is_file()
    }
    assert restored == files_before
    assert len(files_before) == 2
    post = Post.objects.get()
    assert post.title_ko == "서울의 기후 정책"
    assert post.title_en == "Seoul's climate policy, revised"
    assert post.file.read() == b"%PDF-1.7 report"
    history = Version.objects.get_for_object(post)
    assert [v.field_dict["title_en"] for v in history] == [
        "Seoul's climate policy, revised",
        "Seoul's climate policy",
    ]
    assert history[0].revision.user.username == "editor"
    assert get_user_model().objects.get().check_password("pw")
    # Cached pages from before the restore are retired.
    assert ContentVersion.objects.get().version > version_before


def test_restored_site_is_searchable(site_content, tmp_path, client):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    wipe(site_content)

    call_command("restore", str(archive), verbosity=0)

    response = client.get("/ko/search/?q=기후")
    assert f'href="/ko/posts/{Post.objects.get().slug}/"' in response.content.decode()


def test_restore_refuses_to_mix_with_existing_content(site_content, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    before = snapshot()

    with pytest.raises(CommandError, match="already holds content"):
        call_command("restore", str(archive), verbosity=0)
    assert snapshot() == before

    PostFactory(title_en="Written after the backup")
    call_command("restore", str(archive), replace=True, verbosity=0)
    assert snapshot() == before


def test_restore_with_replace_brings_back_the_answers_visitors_gave(
    site_content, tmp_path
):
    PageFeedback.objects.create(path="/ko/", language="ko", rating=5)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    PageFeedback.objects.create(path="/ko/", language="ko", rating=1)

    call_command("restore", str(archive), replace=True, verbosity=0)

    assert list(PageFeedback.objects.values_list("rating", flat=True)) == [5]


def test_restore_with_replace_brings_back_requests_as_they_were(site_content, tmp_path):
    consent = Consent.accepted(version="t", language="en", text="We keep it.")
    kept = Inquiry.objects.create(
        kind="consulting",
        country="FR",
        language="en",
        answer_language="en",
        consent=consent,
        token="before",
        name="Camille",
        email="c@example.org",
    )
    kept.notes.create(text="Call back on Monday.")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    kept.destroy_personal_data()
    Inquiry.objects.create(
        kind="other",
        country="JP",
        language="en",
        answer_language="en",
        consent=consent,
        token="after",
    )

    call_command("restore", str(archive), replace=True, verbosity=0)

    [restored] = Inquiry.objects.all()
    assert (restored.token, restored.name) == ("before", "Camille")
    assert [note.text for note in restored.notes.all()] == ["Call back on Monday."]


def as_freshly_migrated(media_root) -> None:
    """What migrations leave in a new database: the starting pages (0019), each
    with a first version (0021)."""
    wipe(media_root)
    create_starting_pages(Page)
    for page in Page.objects.all():
        with reversion.create_revision():
            reversion.add_to_revision(page)


def test_restore_goes_into_a_freshly_migrated_database(site_content, tmp_path):
    Page.objects.create(slug="visiting", title_en="Visiting us", status="published")
    before = snapshot()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    as_freshly_migrated(site_content)

    call_command("restore", str(archive), verbosity=0)

    # The archive's pages and history, not the starting pages beside them.
    assert snapshot() == before
    assert Page.objects.filter(slug="visiting").exists()


def restore_into_a_fresh_database(archive, media_root) -> int:
    """Restore as into a database a migration has just made; its version after."""
    as_freshly_migrated(media_root)
    ContentVersion.objects.update(version=0)
    call_command("restore", str(archive), verbosity=0)
    return ContentVersion.objects.get().version


def test_a_restored_site_never_reuses_the_page_cache_of_the_site_it_replaces(
    site_content, tmp_path, client
):
    PostFactory(title_en="Said before the backup")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    # The old site, after the backup, cached its news list under the very number
    # a restore reaches by counting its writes from a fresh database's.
    counted = restore_into_a_fresh_database(archive, site_content)
    PostFactory(title_en="Said after the backup, lost with the old database")
    ContentVersion.objects.update(version=counted)
    old_page = client.get("/en/news/")

    restore_into_a_fresh_database(archive, site_content)
    new_page = client.get("/en/news/")

    assert b"lost with the old database" in old_page.content
    assert new_page.headers["X-Cache"] == "miss"
    assert b"Said before the backup" in new_page.content
    assert b"lost with the old database" not in new_page.content


def test_an_edited_starting_page_is_content_a_restore_will_not_overwrite(
    site_content, tmp_path
):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    as_freshly_migrated(site_content)
    page = Page.objects.first()
    with reversion.create_revision():
        page.title_en = "Our own privacy policy"
        page.save()
    before = snapshot()

    with pytest.raises(CommandError, match="already holds content"):
        call_command("restore", str(archive), verbosity=0)
    assert snapshot() == before


def test_restore_refuses_what_is_not_a_backup(db, tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not a tar file")
    traversal = tmp_path / "evil.tar.gz"
    with tarfile.open(traversal, "w:gz") as archive:
        for name, payload in (
            ("manifest.json", b'{"format": 1, "posts": 0, "files": 1, "created": ""}'),
            ("data.json", b"[]"),
            ("../../escaped.txt", b"x"),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))

    with pytest.raises(CommandError, match="is not a portal backup"):
        call_command("restore", str(bogus), verbosity=0)
    with pytest.raises(CommandError, match=r"\.\./\.\./escaped\.txt is not a kind"):
        call_command("restore", str(traversal), verbosity=0)
    assert not (tmp_path.parent / "escaped.txt").exists()


def test_restore_with_replace_keeps_each_publications_cover(site_content, tmp_path):
    # Replacing deletes the old posts; deleting a publication takes its cover
    # image, which must not take the cover the archive has just brought back.
    post = Post.objects.get()
    cover = ImageFactory(alt_text_en="Cover of the report")
    post.cover_image = cover
    post.save(update_fields=["cover_image"])
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), verbosity=0)

    call_command("restore", str(archive), replace=True, verbosity=0)

    restored = Post.objects.get()
    assert restored.cover_image_id == cover.pk
    assert restored.cover_image.file.storage.exists(restored.cover_image.file.name)
