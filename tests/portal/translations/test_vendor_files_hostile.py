"""What a hostile pass over the vendor-file pages found, kept found: another
translator's file, a crash half-way, a file that drops its rich-text flag or
spells a unit id two ways, characters no database column may hold."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from portal.admin.vendor_files import applying
from portal.models import Post, TranslationUpload
from tests.conftest import translator
from tests.portal.translations.test_vendor_files import (
    UPLOAD,
    edit_po,
    export,
    post,
    preview,
    preview_url,
    uid,
    upload,
)

pytestmark = pytest.mark.django_db
NS = "urn:oasis:names:tc:xliff:document:2.0"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def xliff(units: str, source: str = "ko", target: str = "es") -> bytes:
    return (
        f'<?xml version="1.0"?><xliff xmlns="{NS}" version="2.0" srcLang="{source}" '
        f'trgLang="{target}"><file id="f">{units}</file></xliff>'
    ).encode()


def test_another_translators_file_can_be_neither_read_nor_applied():
    spanish = logged_in(translator("t-es", ["es"]))
    french = logged_in(translator("t-fr", ["fr"]))
    item = post()
    row = upload(spanish, edit_po(export(spanish), {uid(item, "title"): "Nuevo"}))

    assert french.get(preview_url(row)).status_code == 403
    assert french.post(preview_url(row)).status_code == 403
    row.refresh_from_db()
    assert row.applied_at is None

    spanish.post(preview_url(row))
    item.refresh_from_db()
    assert item.title_es == "Nuevo"


def test_a_file_that_fails_half_way_can_be_applied_again(admin_client, monkeypatch):
    first, second = post(), post()
    edits = {uid(first, "title"): "Primero", uid(second, "title"): "Segundo"}
    row = upload(admin_client, edit_po(export(admin_client), edits))
    save = Post.save

    def fails_on_the_second(self, *args, **kwargs):
        if self.pk == second.pk:
            raise RuntimeError("the database went away")
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Post, "save", fails_on_the_second)
    with pytest.raises(RuntimeError):
        admin_client.post(preview_url(row))
    monkeypatch.setattr(Post, "save", save)
    row.refresh_from_db()
    assert row.applied_at is None

    admin_client.post(preview_url(row))
    second.refresh_from_db()
    assert second.title_es == "Segundo"


def test_broken_markup_is_refused_even_when_the_file_drops_the_rich_flag(
    admin_client,
):
    item = post()
    catalog = polib.pofile(export(admin_client).decode())
    for entry in catalog:
        if entry.msgctxt == uid(item, "body"):
            entry.flags = []
            entry.msgstr = "<p>roto <strong>sin cerrar</p><li>suelto"
    result = preview(admin_client, upload(admin_client, str(catalog).encode()))

    body = next(row for row in result.rows if row.unit_id == uid(item, "body"))
    assert body.outcome == applying.REJECTED
    assert "<strong>" in body.reason  # the tag left open is named


def test_a_unit_id_is_read_in_the_one_spelling_the_export_writes(admin_client):
    item = post()
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {"Language": "es", "X-Source-Language": "ko"}
    for spelling in (uid(item, "title"), uid(item, "title").replace("post", "POST")):
        catalog.append(
            polib.POEntry(msgctxt=spelling, msgid=item.title_ko, msgstr=spelling)
        )
    result = preview(admin_client, upload(admin_client, str(catalog).encode()))

    outcomes = {row.unit_id: row.outcome for row in result.rows}
    assert outcomes[uid(item, "title")] == applying.CHANGED
    assert outcomes[uid(item, "title").replace("post", "POST")] == applying.REJECTED


def test_nul_characters_are_dropped_before_anything_is_stored(admin_client):
    item = post()
    unit = (
        f'<unit id="{uid(item, "summary")}"><segment><source>{item.summary_ko}'
        '</source><target>a<cp hex="0"/>b</target></segment></unit>'
    )
    response = admin_client.post(
        UPLOAD, {"file": SimpleUploadedFile("n\x00.xlf", xliff(unit))}
    )

    assert response.status_code == 302
    row = TranslationUpload.objects.get()
    assert "\x00" not in row.filename
    assert row.units[0][2] == "ab"


def test_a_file_whose_source_language_the_site_does_not_have_is_refused(
    admin_client,
):
    response = admin_client.post(
        UPLOAD, {"file": SimpleUploadedFile("x.xlf", xliff("", source="x" * 40))}
    )

    assert response.status_code == 200
    assert "x" * 40 in response.content.decode()  # the language it names
    assert not TranslationUpload.objects.exists()
