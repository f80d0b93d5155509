"""Restoring an old version touches that item alone, and keeps a file that has
gone since (issue 28, point 10)."""

import pytest
from django.urls import reverse
from reversion.models import Version

from portal.models import Image, Post
from tests.conftest import parse
from tests.factories import PostFactory
from tests.portal.admin.test_images import image_form, pdf_bytes
from tests.portal.admin.test_roles import change_form_data
from tests.portal.images.support import image_bytes, upload

pytestmark = pytest.mark.django_db


def attach_pdf(client, post, pages: int) -> None:
    pdf = upload(pdf_bytes(pages), "report.pdf", "application/pdf")
    response = client.post(
        reverse("admin:portal_post_change", args=[post.pk]),
        change_form_data(post, file=pdf),
    )
    assert response.status_code == 302
    post.refresh_from_db()


def test_restoring_a_publication_leaves_its_cover_description_alone(editor_client):
    post = PostFactory(kind=Post.Kind.PUBLICATION, title_en="Seoul in Numbers")
    attach_pdf(editor_client, post, 1)
    first = Version.objects.get_for_object(post).first()
    cover = post.cover_image
    editor_client.post(
        reverse("admin:portal_image_change", args=[cover.pk]),
        image_form("", alt_text_en="Bar charts on a white cover"),
    )
    editor_client.post(
        reverse("admin:portal_post_change", args=[post.pk]),
        change_form_data(post, title_en="Seoul in Figures"),
    )

    response = editor_client.post(
        reverse("admin:portal_post_revision", args=[post.pk, first.pk]),
        change_form_data(post, title_en="Seoul in Numbers"),
    )

    assert response.status_code == 302
    post.refresh_from_db()
    cover.refresh_from_db()
    assert post.title_en == "Seoul in Numbers"
    assert cover.alt_text_en == "Bar charts on a white cover"
    # The cover's first version is still in its own history.
    assert Version.objects.get_for_object(cover).count() == 2


def test_restoring_a_post_whose_file_is_gone_keeps_the_current_file(editor_client):
    post = PostFactory(kind=Post.Kind.PUBLICATION, title_en="Old title")
    attach_pdf(editor_client, post, 1)
    first = Version.objects.get_for_object(post).first()
    old_file = post.file.name
    attach_pdf(editor_client, post, 2)
    current = (post.file.name, post.file_pages, post.cover_image_id)
    post.file.storage.delete(old_file)
    url = reverse("admin:portal_post_revision", args=[post.pk, first.pk])

    shown = editor_client.get(url)
    response = editor_client.post(url, change_form_data(post, title_en="Old title"))

    assert shown.status_code == 200
    assert parse(shown).select(".messagelist .warning")
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.file.name, post.file_pages, post.cover_image_id) == current
    assert post.title_en == "Old title"


def test_restoring_an_image_whose_file_is_gone_keeps_the_current_file(editor_client):
    editor_client.post(
        "/admin/portal/image/add/",
        image_form(upload(image_bytes()), alt_text_en="First words"),
    )
    image = Image.objects.get()
    first = Version.objects.get_for_object(image).first()
    old_file = image.file.name
    change = reverse("admin:portal_image_change", args=[image.pk])
    editor_client.post(
        change,
        image_form(upload(image_bytes(size=(800, 600)), "b.jpg"), alt_text_en="New"),
    )
    image.refresh_from_db()
    current = (image.file.name, image.width, image.renditions)
    image.file.storage.delete(old_file)

    response = editor_client.post(
        reverse("admin:portal_image_revision", args=[image.pk, first.pk]),
        image_form("", alt_text_en="First words"),
    )

    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.file.name, image.width, image.renditions) == current
    assert image.alt_text_en == "First words"
