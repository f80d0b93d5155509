import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.models import Partner, Post
from portal.uploads.checks import MAX_PUBLICATION_BYTES, validate_publication
from tests.conftest import parse
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def image_bytes(fmt: str, size=(40, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format=fmt)
    return buffer.getvalue()


def add_partner(client, upload):
    return client.post(
        "/admin/portal/partner/add/",
        {
            "name_en": "World Bank",
            "short_name": "WB",
            "slug": "world-bank",
            "group": "finance",
            "order": 1,
            "logo": upload,
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )


def logo_error(response) -> str:
    return (
        parse(response).select_one(".field-logo .errorlist").get_text(" ", strip=True)
    )


@pytest.mark.parametrize(
    "fmt,extension", [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")]
)
def test_real_logo_is_stored_under_a_random_name(
    editor_client, settings, fmt, extension
):
    upload = SimpleUploadedFile("../../etc/passwd.svg", image_bytes(fmt))

    response = add_partner(editor_client, upload)

    assert response.status_code == 302
    name = Partner.objects.get().logo.name
    assert name.startswith("partners/")
    assert name.endswith(f".{extension}")
    assert ".." not in name and "passwd" not in name
    stored = Image.open(settings.MEDIA_ROOT / name)
    assert (stored.format, stored.size) == (fmt, (40, 20))


def test_a_logo_is_stored_without_its_gps_position(editor_client, settings):
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (37.0, 33.0, 59.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, format="JPEG", exif=exif)
    assert Image.open(io.BytesIO(buffer.getvalue())).getexif()

    response = add_partner(
        editor_client, SimpleUploadedFile("logo.jpg", buffer.getvalue())
    )

    assert response.status_code == 302
    stored = Image.open(settings.MEDIA_ROOT / Partner.objects.get().logo.name)
    assert dict(stored.getexif()) == {}


def test_logo_saved_from_code_gets_a_random_name_too(settings):
    partner = PartnerFactory()

    partner.logo.save("../Logo.PNG", ContentFile(image_bytes("PNG")))

    assert partner.logo.name.startswith("partners/")
    assert partner.logo.name.endswith(".png") and "Logo" not in partner.logo.name


def test_logo_is_served_from_media(editor_client, client):
    add_partner(editor_client, SimpleUploadedFile("logo.png", image_bytes("PNG")))

    response = client.get(Partner.objects.get().logo.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == image_bytes("PNG")


@pytest.mark.parametrize(
    "name,content,message",
    [
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "SVG is not accepted",
        ),
        ("logo.png", b"this is not an image", "PNG, JPEG or WebP"),
        ("logo.gif", image_bytes("GIF"), "PNG, JPEG or WebP"),
        ("logo.png", image_bytes("BMP"), "PNG, JPEG or WebP"),
    ],
)
def test_bad_logos_are_refused_with_a_message(editor_client, name, content, message):
    response = add_partner(editor_client, SimpleUploadedFile(name, content))

    assert response.status_code == 200
    assert message in logo_error(response)
    assert Partner.objects.count() == 0


def test_oversized_logo_is_refused(editor_client):
    # A real PNG padded past 2 MB with a text chunk the decoder ignores.
    big = image_bytes("PNG")
    padding = b"\x00" * (2 * 1024 * 1024)
    upload = SimpleUploadedFile("big.png", big[:-12] + padding + big[-12:])

    response = add_partner(editor_client, upload)

    assert "the limit is 2.0" in logo_error(response)
    assert Partner.objects.count() == 0


def add_publication(client, upload):
    return client.post(
        "/admin/portal/post/add/",
        {
            "kind": "publication",
            "status": "draft",
            "title_en": "Research Digest",
            "slug": "research-digest",
            "published_at_0": "2024-05-01",
            "published_at_1": "09:00:00",
            "file": upload,
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_pdf_publication_is_stored_under_a_random_name(editor_client):
    pdf = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

    response = add_publication(editor_client, SimpleUploadedFile("digest.pdf", pdf))

    assert response.status_code == 302
    name = Post.objects.get().file.name
    assert name.startswith("publications/") and name.endswith(".pdf")
    assert "digest" not in name


def test_non_pdf_publication_is_refused(editor_client):
    fake = SimpleUploadedFile("digest.pdf", b"MZ\x90\x00 an executable")

    response = add_publication(editor_client, fake)

    errors = parse(response).select_one(".field-file .errorlist").get_text()
    assert "PDF" in errors
    assert Post.objects.count() == 0


def test_publication_over_50_mb_is_refused():
    upload = SimpleUploadedFile("digest.pdf", b"%PDF-1.7\n")
    upload.size = MAX_PUBLICATION_BYTES + 1

    with pytest.raises(ValidationError, match="the limit is 50.0"):
        validate_publication(upload)


class ExplodingStream(io.BytesIO):
    """A request body that fails the test if anyone reads past its first bytes."""

    def read(self, size=-1):
        if self.tell() > 0 or size == -1 or size > 64 * 1024:
            raise AssertionError("the oversized body was read")
        return super().read(size)


def test_an_upload_larger_than_any_allowed_file_is_refused_unread(editor_client):
    from portal.uploads.checks import MAX_REQUEST_BYTES

    boundary = "BoUnDaRy"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="huge.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-'
    ).encode()
    response = editor_client.generic(
        "POST",
        "/admin/portal/post/add/",
        HTTP_ACCEPT_LANGUAGE="en",
        CONTENT_TYPE=f"multipart/form-data; boundary={boundary}",
        CONTENT_LENGTH=str(MAX_REQUEST_BYTES + 1),
        **{"wsgi.input": ExplodingStream(body)},
    )

    assert response.status_code == 400
    text = response.content.decode()
    # The limit in megabytes ("101.0 MB"): the largest upload allowed, a
    # translation file, and a megabyte for the rest of the form.
    megabytes = f"{MAX_REQUEST_BYTES / 1024**2:.1f}"
    assert "too large" in text and megabytes in text
    assert Post.objects.count() == 0


def bomb_png(width: int, height: int) -> bytes:
    """A few dozen bytes whose header claims width × height pixels."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("size", [(20000, 20000), (6000, 6000)])
def test_a_decompression_bomb_gets_a_form_error_not_a_500(editor_client, size):
    upload = SimpleUploadedFile("logo.png", bomb_png(*size))
    assert len(upload) < 100

    response = add_partner(editor_client, upload)

    assert response.status_code == 200
    assert "million pixels" in logo_error(response)
    assert not Partner.objects.exists()


@pytest.fixture
def partner_with_logo(settings):
    partner = PartnerFactory(slug="bank")
    partner.logo.save("first.png", ContentFile(image_bytes("PNG")), save=True)
    return partner, settings.MEDIA_ROOT / partner.logo.name


def change_partner(client, partner, **changes):
    data = {
        "name_en": partner.name_en,
        "name_ko": partner.name_ko,
        "short_name": partner.short_name,
        "slug": partner.slug,
        "group": partner.group,
        "order": partner.order,
        **changes,
    }
    return client.post(f"/admin/portal/partner/{partner.pk}/change/", data)


def test_a_replaced_logo_leaves_no_file_behind(
    editor_client, partner_with_logo, django_capture_on_commit_callbacks
):
    partner, old_file = partner_with_logo
    assert old_file.exists()

    upload = SimpleUploadedFile("second.png", image_bytes("PNG", size=(50, 20)))
    with django_capture_on_commit_callbacks(execute=True):
        response = change_partner(editor_client, partner, logo=upload)

    assert response.status_code == 302
    partner.refresh_from_db()
    assert not old_file.exists()
    assert (
        partner.logo.name
        and (old_file.parent / partner.logo.name.split("/")[-1]).exists()
    )


def test_a_cleared_logo_leaves_no_file_behind(
    editor_client, partner_with_logo, django_capture_on_commit_callbacks
):
    partner, old_file = partner_with_logo

    with django_capture_on_commit_callbacks(execute=True):
        response = change_partner(editor_client, partner, **{"logo-clear": "on"})

    assert response.status_code == 302
    partner.refresh_from_db()
    assert not partner.logo
    assert not old_file.exists()


def test_a_change_that_is_rolled_back_keeps_the_old_file(
    partner_with_logo, django_capture_on_commit_callbacks
):
    from django.db import transaction

    partner, old_file = partner_with_logo
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            partner.logo.save("third.png", ContentFile(image_bytes("PNG")), save=True)
            raise RuntimeError("the save fails after the file changed")

    assert old_file.exists()
