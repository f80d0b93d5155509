"""Files for translation vendors, through the admin pages: export a selection,
edit the file as a vendor's tool would (polib, lxml), upload, preview, apply."""

import io
import json
import zipfile

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from lxml import etree
from reversion.models import Version

from portal.admin.change_messages import describe_change
from portal.admin.vendor_files import applying, selection
from portal.exchange import units as exchange_units
from portal.exchange import xliff
from portal.languages import language_codes, localized
from portal.models import Post, StaleTranslation, TranslationUpload
from portal.text.rich import sanitize
from portal.uploads import checks
from tests.conftest import translator
from tests.factories import (
    DepartmentFactory,
    FAQEntryFactory,
    ImageFactory,
    PageFactory,
    PartnerFactory,
    PolicyCaseFactory,
    PolicyFieldFactory,
    PostFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db

EXPORT = reverse("admin:portal_vendor_export")
UPLOAD = reverse("admin:portal_vendor_upload")
BODY_KO = sanitize(
    '<p>따릉이는 <strong>서울</strong>의 <a href="https://example.org/a?b=1&amp;c=2">자전거</a>입니다.</p><ul><li>하나</li></ul>'
)
BODY_ES = sanitize(
    '<p>Ttareungyi es la <strong>bicicleta</strong> de <a href="https://example.org/a?b=1&amp;c=2">Seúl</a>.</p><ul><li>Uno</li></ul>'
)


def post(**values):
    defaults = {
        "title_ko": "서울 자전거",
        "title_es": "Bicicletas de Seúl",
        "summary_ko": "요약입니다.",
        "summary_es": "Resumen breve.",
        "author_es": "Instituto de Seúl",
        "body_ko": BODY_KO,
        "body_es": BODY_ES,
    }
    return PostFactory(**{**defaults, **values})


def export(client, *, languages=("es",), file_format="po", **params) -> bytes:
    query = {
        "models": params.pop("models", ["portal.Post"]),
        "status": params.pop("status", "all"),
        "state": params.pop("state", "all"),
        "languages": list(languages),
        "file_format": file_format,
        **params,
    }
    response = client.get(EXPORT, query)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content


def upload(client, data: bytes, name: str = "returned.po") -> TranslationUpload:
    response = client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return TranslationUpload.objects.latest("pk")


def preview_url(upload_row) -> str:
    return reverse("admin:portal_vendor_preview", args=[upload_row.pk])


def preview(client, upload_row):
    response = client.get(preview_url(upload_row))
    assert response.status_code == 200
    return response.context["preview"]


def edit_po(data: bytes, edits: dict[str, str]) -> bytes:
    catalog = polib.pofile(data.decode())
    for entry in catalog:
        if entry.msgctxt in edits:
            entry.msgstr = edits[entry.msgctxt]
    return str(catalog).encode()


def uid(obj, field: str) -> str:
    return selection.unit_id(obj, field)


def test_po_edited_with_polib_is_applied_as_one_revision_per_object(admin_client):
    first, second = post(), post()
    first.title_ko = "서울 공공자전거"  # the Spanish title is now out of date
    first.save()
    assert StaleTranslation.objects.of(first).filter(language="es").exists()
    data = export(admin_client)

    edited = edit_po(
        data,
        {
            uid(first, "title"): "Bicicletas públicas de Seúl",
            uid(second, "body"): BODY_ES.replace("Uno", "Una"),
            uid(second, "summary"): "Resumen.\nSegunda línea\x07",
        },
    )
    row = upload(admin_client, edited, "portal-es.po")
    result = preview(admin_client, row)
    assert result.counts[applying.CHANGED] == 3
    assert result.counts[applying.REJECTED] == 0
    before = {
        obj.pk: Version.objects.get_for_object(obj).count() for obj in (first, second)
    }

    response = admin_client.post(preview_url(row))

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.title_es == "Bicicletas públicas de Seúl"
    assert "Una" in second.body_es
    assert "Una" in second.body_text_es  # what search and feeds read
    # Control characters go; line breaks stay in a multi-line field.
    assert second.summary_es == "Resumen.\nSegunda línea"
    assert not StaleTranslation.objects.of(first).filter(language="es").exists()
    for obj in (first, second):
        versions = Version.objects.get_for_object(obj)
        assert versions.count() == before[obj.pk] + 1
        comment = versions.first().revision.comment
        assert json.loads(comment)[0]["translation_import"]["file"] == "portal-es.po"
        assert "portal-es.po" in describe_change(comment, Post)
        assert versions.first().revision.user.username == "admin"
    row.refresh_from_db()
    assert row.applied_at is not None and row.applied_units == 3


def test_a_second_apply_changes_nothing(admin_client):
    item = post()
    data = edit_po(export(admin_client), {uid(item, "title"): "Primera"})
    row = upload(admin_client, data)
    admin_client.post(preview_url(row))
    item.title_es = "Cambiada a mano"
    item.save()

    admin_client.post(preview_url(row))

    item.refresh_from_db()
    assert item.title_es == "Cambiada a mano"


def test_xliff_edited_with_lxml_is_applied(admin_client):
    item = post(title_ar="")
    data = export(admin_client, languages=["ar"], file_format="xliff")
    tree = etree.fromstring(data)
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    unit = tree.find(f".//x:unit[@id='{uid(item, 'title')}']", ns)
    segment = unit.find("x:segment", ns)
    target = etree.SubElement(segment, "{urn:oasis:names:tc:xliff:document:2.0}target")
    target.text = "دراجات سيول"

    row = upload(admin_client, etree.tostring(tree, xml_declaration=True), "ar.xlf")
    assert row.file_format == "xliff" and row.target_language == "ar"
    assert preview(admin_client, row).counts[applying.CHANGED] == 1
    admin_client.post(preview_url(row))

    item.refresh_from_db()
    assert item.title_ar == "دراجات سيول"


def every_translated_column() -> dict:
    """Every translated column of every row of every exportable model."""
    snapshot = {}
    for entry in selection.exportable():
        model = entry.model
        columns = [
            localized(name, code)
            for name in model.translated_field_names()
            for code in language_codes()
        ]
        for values in model._default_manager.order_by("pk").values("pk", *columns):
            snapshot[(entry.label, values["pk"])] = values
    return snapshot


def mixed_content():
    field = PolicyFieldFactory(name_ar="الطاقة", name_zh_hans="能源")
    case = PolicyCaseFactory(
        policy_field=field, title_zh_hans="政策案例", summary_ar="ملخص\u200f"
    )
    case.milestones.create(year=2020, text_ko="시작", text_ar="البداية")
    program = ProgramFactory(name_zh_hans="项目", description_ko=BODY_KO)
    FAQEntryFactory(program=program, answer_zh_hans="回答")
    DepartmentFactory(name_ar="قسم")
    PartnerFactory(description_ko="협력기관 설명 & <특별>\n둘째 줄")
    ImageFactory(caption_ko="사진 설명", caption_zh_hans="照片说明")
    PageFactory(body_ar="<p>نص <em>الصفحة</em></p>", body_zh_hans="<p>页面</p>")
    post(
        policy_field=field,
        title_ar="دراجات سيول",
        title_zh_hans="首尔自行车 🚲",
        body_zh_hans="<p>首尔<strong>自行车</strong></p>",
        summary_en='Seoul\'s "bikes" & <fares>\r\nline two',
    )


@pytest.mark.parametrize("file_format", ["po", "xliff"])
def test_a_round_trip_without_edits_leaves_the_database_as_it_was(
    admin_client, file_format
):
    mixed_content()
    before = every_translated_column()
    versions = Version.objects.count()
    targets = [code for code in language_codes() if code != "ko"]
    archive = export(
        admin_client,
        languages=targets,
        file_format=file_format,
        models=[entry.label for entry in selection.exportable()],
    )

    with zipfile.ZipFile(io.BytesIO(archive)) as bundle:
        names = bundle.namelist()
        assert len(names) == len(targets)
        for name in names:
            row = upload(admin_client, bundle.read(name), name)
            result = preview(admin_client, row)
            assert result.counts[applying.CHANGED] == 0, result.of(applying.CHANGED)
            assert result.counts[applying.REJECTED] == 0, result.of(applying.REJECTED)
            admin_client.post(preview_url(row))

    assert every_translated_column() == before
    assert Version.objects.count() == versions


def test_broken_markup_refuses_that_unit_only(admin_client):
    first, second = post(), post()
    data = edit_po(
        export(admin_client),
        {
            uid(first, "body"): "<p>Sin <strong>cierre</p>",
            uid(second, "body"): BODY_ES.replace("Uno", "Una"),
        },
    )
    row = upload(admin_client, data)
    result = preview(admin_client, row)

    [rejected] = result.of(applying.REJECTED)
    assert rejected.unit_id == uid(first, "body") and rejected.reason
    assert [r.unit_id for r in result.of(applying.CHANGED)] == [uid(second, "body")]
    admin_client.post(preview_url(row))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.body_es == BODY_ES
    assert "Una" in second.body_es


def test_a_source_changed_since_export_is_rejected(admin_client):
    item = post()
    data = edit_po(
        export(admin_client),
        {uid(item, "title"): "Nuevo", uid(item, "summary"): "Resumen"},
    )
    item.title_ko = "서울 자전거 안내"
    item.save()

    result = preview(admin_client, upload(admin_client, data))

    [rejected] = result.of(applying.REJECTED)
    assert rejected.unit_id == uid(item, "title")
    assert rejected.reason == str(applying.SOURCE_CHANGED)
    assert [r.unit_id for r in result.of(applying.CHANGED)] == [uid(item, "summary")]


def test_unknown_ids_and_the_source_language_are_rejected(admin_client):
    item = post()
    catalog = polib.pofile(export(admin_client).decode())
    for msgctxt in ("portal.post.999999.title", f"portal.post.{item.pk}.body_text"):
        catalog.append(polib.POEntry(msgctxt=msgctxt, msgid="x", msgstr="y"))
    catalog.append(
        polib.POEntry(msgctxt=f"auth.user.{item.pk}.title", msgid="x", msgstr="y")
    )
    result = preview(admin_client, upload(admin_client, str(catalog).encode()))
    reasons = {row.unit_id: row.reason for row in result.of(applying.REJECTED)}
    assert set(reasons.values()) == {str(applying.UNKNOWN)}
    assert len(reasons) == 3

    catalog.metadata["Language"] = "ko"
    result = preview(admin_client, upload(admin_client, str(catalog).encode()))
    assert {row.reason for row in result.of(applying.REJECTED)} >= {
        str(applying.SAME_LANGUAGE)
    }
    assert result.counts[applying.CHANGED] == 0


def test_a_translator_imports_into_their_languages_only(admin_client):
    item = post(title_fr="Vélos de Séoul")
    spanish = edit_po(export(admin_client), {uid(item, "title"): "Nuevo título"})
    french = edit_po(
        export(admin_client, languages=["fr"]), {uid(item, "title"): "Nouveau titre"}
    )
    client = Client()
    client.force_login(translator("vendor-es", ["es"]))

    refused = preview(client, upload(client, french, "fr.po"))
    allowed = preview(client, upload(client, spanish, "es.po"))

    assert refused.counts[applying.CHANGED] == 0
    assert {row.reason for row in refused.of(applying.REJECTED)} == {
        str(applying.NOT_ALLOWED)
    }
    assert allowed.counts[applying.CHANGED] == 1
    form = client.get(EXPORT).context["form"]
    assert [code for code, _name in form.fields["languages"].choices] == ["es"]


def test_out_of_date_selection_exports_exactly_the_stale_translations(admin_client):
    posts = [post() for _ in range(3)]
    posts[1].title_ko = "고친 제목"
    posts[1].save()
    posts[2].body_ko = "<p>고친 본문</p>"
    posts[2].save()

    data = export(admin_client, state="stale", file_format="xliff")

    ids = [unit.id for unit in xliff.read(data).units]
    assert ids == [uid(posts[1], "title"), uid(posts[2], "body")]


def test_missing_selection_and_filters(admin_client):
    field = PolicyFieldFactory()
    draft = post(title_es="", policy_field=field, status=Post.Status.DRAFT)
    post(title_es="", policy_field=field)
    post(title_es="")

    data = export(admin_client, state="missing", status="draft", policy_field=field.pk)

    ids = [entry.msgctxt for entry in polib.pofile(data.decode())]
    assert ids == [uid(draft, "title")]


def test_an_oversized_file_is_refused_with_the_limit(admin_client, monkeypatch):
    monkeypatch.setattr(exchange_units, "MAX_FILE_BYTES", 1024 * 1024)

    response = admin_client.post(
        UPLOAD, {"file": SimpleUploadedFile("big.po", b"#" * (1024 * 1024 + 1))}
    )

    assert response.status_code == 200
    assert "1 MB" in str(response.context["form"].errors["file"])
    assert not TranslationUpload.objects.exists()


def test_the_largest_file_allowed_is_not_refused_by_the_request_limit():
    assert checks.MAX_REQUEST_BYTES > exchange_units.MAX_FILE_BYTES
    assert checks.MAX_TRANSLATION_FILE_BYTES == exchange_units.MAX_FILE_BYTES


def test_the_dashboard_links_to_the_vendor_pages(editor_client):
    response = editor_client.get(reverse("translation_dashboard"))

    assert EXPORT in response.content.decode()
    assert UPLOAD in response.content.decode()


def test_exported_files_carry_the_glossary_terms_the_source_uses(admin_client):
    DepartmentFactory(
        name_ko="기후환경본부", name_es="Oficina de Clima y Medio Ambiente"
    )
    post(summary_ko="기후환경본부가 운영합니다.")

    entries = {
        entry.msgctxt: entry for entry in polib.pofile(export(admin_client).decode())
    }
    summary = next(e for key, e in entries.items() if key.endswith(".summary"))
    assert "기후환경본부 → Oficina de Clima y Medio Ambiente" in summary.comment

    document = etree.fromstring(export(admin_client, file_format="xliff"))
    terms = document.xpath(
        "//*[local-name()='glossEntry']/*[local-name()='term']/text()"
    )
    assert "기후환경본부" in terms
