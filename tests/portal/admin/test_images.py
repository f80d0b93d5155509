"""The image library in the admin: upload, describe, choose, and PDF covers."""

import io

import pytest
from django.urls import reverse
from PIL import Image as Pillow

from portal.images.renditions import make_renditions
from portal.models import Image, Post
from tests.conftest import parse
from tests.factories import ImageFactory, PostFactory
from tests.portal.admin.test_roles import change_form_data
from tests.portal.images.support import (
    claimed_size_png,
    image_bytes,
    photo_with_gps,
    upload,
)

pytestmark = pytest.mark.django_db
ADD = "/admin/portal/image/add/"


def image_form(file, **fields):
    return {
        "file": file,
        "alt_text_ko": "한강 자전거길",
        "alt_text_en": "Cycling by the Han",
        "caption_ko": "",
        "caption_en": "",
        "credit_ko": "",
        "credit_en": "",
        "focal_x": "",
        "focal_y": "",
        **fields,
    }


def errors(response) -> str:
    return " ".join(e.get_text() for e in parse(response).select(".errorlist"))


def test_an_uploaded_photo_is_stored_without_gps_and_with_renditions(admin_client):
    response = admin_client.post(ADD, image_form(upload(photo_with_gps())))

    assert response.status_code == 302, errors(response)
    image = Image.objects.get()
    with image.file.open() as handle:
        stored = Pillow.open(handle)
        assert dict(stored.getexif()) == {}
    assert image.renditions["wide"]["webp"]
    assert image.alt_text_ko == "한강 자전거길"


def test_alt_text_is_required_unless_the_image_is_decorative(admin_client):
    missing = image_form(upload(image_bytes()), alt_text_ko="", alt_text_en="")

    response = admin_client.post(ADD, missing)
    assert response.status_code == 200
    assert Image.objects.count() == 0

    missing["file"] = upload(image_bytes())
    response = admin_client.post(ADD, {**missing, "is_decorative": "on"})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (claimed_size_png(60000, 60000), "bomb.png"),
        (claimed_size_png(9000, 9000), "big.png"),
        (image_bytes(image_format="GIF", mode="P", color=1), "moving.jpg"),
        (b"<svg onload=alert(1)>", "drawing.jpg"),
    ],
)
def test_bombs_and_other_formats_get_a_form_error_not_a_500(admin_client, data, name):
    response = admin_client.post(ADD, image_form(upload(data, name)))

    assert response.status_code == 200
    assert errors(response)
    assert Image.objects.count() == 0


def test_the_library_lists_thumbnails_and_finds_images_by_alt_text(admin_client):
    wanted = ImageFactory(alt_text_en="Night market in Gwangjang")
    wanted.renditions = make_renditions(wanted)
    wanted.save()
    ImageFactory(alt_text_en="A bus stop")

    page = parse(admin_client.get("/admin/portal/image/?q=Gwangjang"))

    rows = page.select("#result_list tbody tr")
    assert len(rows) == 1
    thumbnail = rows[0].select_one("img.portal-thumbnail")
    assert thumbnail["src"].endswith(".webp")


def test_the_post_form_chooses_its_lead_image_from_the_library(admin_client):
    post, image = PostFactory(), ImageFactory()
    url = reverse("admin:portal_post_change", args=[post.pk])

    form = parse(admin_client.get(url))
    lookup = form.select_one("#lookup_id_lead_image")
    assert lookup["href"].startswith("/admin/portal/image/")
    popup = admin_client.get(lookup["href"] + "&_popup=1")
    assert popup.status_code == 200

    response = admin_client.post(url, change_form_data(post, lead_image=image.pk))
    assert response.status_code == 302
    assert Post.objects.get(pk=post.pk).lead_image == image


def pdf_bytes(pages: int) -> bytes:
    first, *rest = [
        Pillow.new("RGB", (595, 842), (255, 255, 255)) for _ in range(pages)
    ]
    buffer = io.BytesIO()
    first.save(buffer, format="PDF", save_all=True, append_images=rest)
    return buffer.getvalue()


def test_a_publication_pdf_gets_its_page_count_size_and_a_cover(admin_client):
    post = PostFactory(kind=Post.Kind.PUBLICATION, title_en="Seoul in Numbers")
    data = pdf_bytes(3)
    pdf = upload(data, "report.pdf", "application/pdf")

    response = admin_client.post(
        reverse("admin:portal_post_change", args=[post.pk]),
        change_form_data(post, file=pdf),
    )

    assert response.status_code == 302, errors(response)
    post.refresh_from_db()
    assert (post.file_pages, post.file_size) == (3, len(data))
    assert post.cover_image.alt_text_en == "Cover of Seoul in Numbers"
    assert post.cover_image.renditions["wide"]["webp"]
    assert post.card_image == post.cover_image


def test_an_unreadable_pdf_still_saves_without_facts(admin_client):
    post = PostFactory(kind=Post.Kind.PUBLICATION)
    broken = upload(b"%PDF-1.4\nnot really a pdf", "broken.pdf", "application/pdf")

    response = admin_client.post(
        reverse("admin:portal_post_change", args=[post.pk]),
        change_form_data(post, file=broken),
    )

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.file_pages is None and post.cover_image is None


def test_translators_describe_images_but_cannot_add_them(translator_client):
    image = ImageFactory(alt_text_en="")

    assert translator_client.get(ADD).status_code == 403
    change = reverse("admin:portal_image_change", args=[image.pk])
    response = translator_client.post(
        change,
        {
            **image_form(""),
            "file": "",
            "alt_text_ko": image.alt_text_ko,
            "alt_text_en": "Described by a translator",
        },
    )
    assert response.status_code == 302, errors(response)
    image.refresh_from_db()
    assert image.alt_text_en == "Described by a translator"
