"""Hostile and unusual uploads through the admin: a form error, or a publication
saved without a cover, never a 500, a dead worker or a file left behind."""

import resource
from contextlib import contextmanager

import pytest
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from PIL import Image as Pillow

from portal.admin import PostAdmin
from portal.admin.images import ImageAdmin
from portal.database.backup import stored_files
from portal.images.renditions import MAX_HEIGHT
from portal.models import Image, Partner, Post
from portal.uploads import sandbox
from tests.factories import PostFactory
from tests.portal.admin.test_images import errors, image_form, pdf_bytes
from tests.portal.admin.test_roles import change_form_data
from tests.portal.images.support import (
    image_bytes,
    progressive_jpeg_with_empty_scans,
    upload,
)
from tests.portal.test_uploads import add_partner
from tests.support import pdfs

pytestmark = pytest.mark.django_db
ADD_IMAGE = "/admin/portal/image/add/"


def pdf_upload(data: bytes):
    return upload(data, "report.pdf", "application/pdf")


def attach_pdf(client, post, data: bytes):
    return client.post(
        reverse("admin:portal_post_change", args=[post.pk]),
        change_form_data(post, file=pdf_upload(data)),
        follow=True,
    )


def warnings_shown(response) -> list[str]:
    return [
        str(message)
        for message in response.context["messages"]
        if message.level == messages.WARNING
    ]


@contextmanager
def address_space_capped(extra_bytes: int):
    """The test process may grow by ``extra_bytes`` at most while this runs.

    Drawing the bomb in this process (as the portal did) passes the cap within a
    second, and PDFium then aborts the process: the test fails loudly instead of
    taking the machine's memory.
    """
    with open("/proc/self/status") as status:
        size = next(
            int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:")
        )
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (size + extra_bytes, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def test_a_self_drawing_pdf_is_kept_without_a_cover_and_the_editor_is_told(
    admin_client,
):
    post = PostFactory(kind=Post.Kind.PUBLICATION)
    bomb = pdfs.self_drawing(depth=30)
    assert len(bomb) < 5000

    with address_space_capped(400 * 1024 * 1024):
        response = attach_pdf(admin_client, post, bomb)

    assert response.status_code == 200
    assert response.redirect_chain[0][1] == 302
    post.refresh_from_db()
    assert post.file and post.file_size == len(bomb)
    assert post.cover_image is None
    assert len(warnings_shown(response)) == 1
    assert Image.objects.count() == 0


def test_an_ordinary_pdf_still_gets_its_cover_and_page_count(admin_client):
    post = PostFactory(kind=Post.Kind.PUBLICATION)

    response = attach_pdf(admin_client, post, pdf_bytes(2))

    post.refresh_from_db()
    assert post.file_pages == 2
    assert post.cover_image.renditions["wide"]["webp"]
    assert warnings_shown(response) == []


@pytest.fixture
def one_cpu_second(monkeypatch):
    # The bomb takes about 6 s of CPU; a lower limit keeps the test short.
    monkeypatch.setattr(sandbox, "CPU_SECONDS", 1)


def test_a_jpeg_that_takes_too_long_to_decode_gets_a_form_error(
    admin_client, one_cpu_second
):
    slow = progressive_jpeg_with_empty_scans()

    response = admin_client.post(ADD_IMAGE, image_form(upload(slow)))

    assert response.status_code == 200
    assert errors(response)
    assert Image.objects.count() == 0


def test_a_logo_that_takes_too_long_to_decode_gets_a_form_error(
    editor_client, one_cpu_second
):
    slow = progressive_jpeg_with_empty_scans()

    response = add_partner(editor_client, upload(slow, "logo.jpg"))

    assert response.status_code == 200
    assert errors(response)
    assert Partner.objects.count() == 0


def test_a_tall_infographic_gets_renditions(admin_client):
    # Taller than WebP holds (16383 px) even at the smallest width, 400 px; the
    # infographic in the issue was 1200 x 16500, slower to encode for a test.
    tall = image_bytes(size=(400, 17000))

    response = admin_client.post(ADD_IMAGE, image_form(upload(tall)))

    assert response.status_code == 302, errors(response)
    fit = Image.objects.get().renditions["fit"]
    assert fit["webp"][0][:2] == fit["fallback"][0][:2] == [385, MAX_HEIGHT]
    with default_storage.open(fit["webp"][0][2]) as handle:
        assert Pillow.open(handle).size == (385, MAX_HEIGHT)


def test_a_tall_pdf_page_gives_its_top_as_the_cover(admin_client):
    post = PostFactory(kind=Post.Kind.PUBLICATION)

    response = attach_pdf(admin_client, post, pdfs.one_page(b"[0 0 600 40000]"))

    assert warnings_shown(response) == []
    post.refresh_from_db()
    assert (post.file_pages, post.cover_image.width) == (1, 1200)
    assert post.cover_image.height == 1800


@pytest.mark.parametrize(
    "data",
    [
        pdfs.one_page(kids=b"[2 0 R]"),  # the page tree is its own child
        pdfs.one_page(b"[0 0 1 800]"),  # a sliver
        pdfs.one_page(b"[0 0 600 0.5]"),
    ],
    ids=["looping page tree", "narrow page", "flat page"],
)
def test_a_first_page_that_makes_no_cover_is_skipped(admin_client, data):
    post = PostFactory(kind=Post.Kind.PUBLICATION)

    response = attach_pdf(admin_client, post, data)

    assert response.redirect_chain[0][1] == 302
    assert len(warnings_shown(response)) == 1
    post.refresh_from_db()
    assert post.file and post.cover_image is None
    assert Image.objects.count() == 0


@pytest.fixture(params=["local", "s3"])
def storage(request):
    """Local files, then a bucket on a real S3 server."""
    if request.param == "s3":
        request.getfixturevalue("s3_bucket")


@pytest.fixture
def staff_client(transactional_db):
    # A real commit or rollback, not the test's own transaction around it.
    user = get_user_model().objects.create_superuser(
        "chief", "chief@example.org", "a-long-test-password"
    )
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def fail_after_saving(*args, **kwargs):
    raise RuntimeError("the save fails after the files were written")


def test_an_image_save_that_fails_leaves_no_file_behind(
    storage, staff_client, monkeypatch
):
    monkeypatch.setattr(ImageAdmin, "log_addition", fail_after_saving)

    response = staff_client.post(ADD_IMAGE, image_form(upload(image_bytes())))

    assert response.status_code == 500
    assert Image.objects.count() == 0
    assert stored_files() == []


def test_a_publication_save_that_fails_leaves_no_file_or_cover_behind(
    storage, staff_client, monkeypatch
):
    post = PostFactory(kind=Post.Kind.PUBLICATION)
    monkeypatch.setattr(PostAdmin, "log_change", fail_after_saving)

    response = staff_client.post(
        reverse("admin:portal_post_change", args=[post.pk]),
        change_form_data(post, file=pdf_upload(pdf_bytes(1))),
    )

    assert response.status_code == 500
    assert Image.objects.count() == 0
    assert stored_files() == []


def test_a_saved_upload_stays(storage, staff_client):
    response = staff_client.post(ADD_IMAGE, image_form(upload(image_bytes())))

    assert response.status_code == 302
    image = Image.objects.get()
    assert image.file.name in stored_files()
    with image.file.open() as handle:
        assert Pillow.open(handle).size == (1600, 900)
