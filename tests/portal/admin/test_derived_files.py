"""When an image or a publication's file goes, whatever was made from it goes:
renditions under CACHE/, and the library image made as a PDF's cover.

Each test runs on local files and on a bucket of a real S3 server, where the
bucket must end holding exactly the files still in use.
"""

import urllib.error
import urllib.request

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from portal.images.renditions import store_renditions
from portal.models import Image, Post
from tests.factories import ImageFactory, PostFactory
from tests.portal.admin.test_images import image_form, pdf_bytes
from tests.portal.admin.test_roles import change_form_data
from tests.portal.images.support import image_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["local", "s3"])
def storage(request):
    """Which storage the uploads go to; the bucket's name on S3."""
    if request.param == "s3":
        return request.getfixturevalue("s3_bucket")
    return None


def status(client, name) -> tuple[int, bytes]:
    """What a visitor gets at the file's address: the site's, or the bucket's."""
    url = default_storage.url(name)
    if url.startswith("/"):
        response = client.get(url)
        # Read to the end, which closes the file through the test client: a
        # direct close() fires request_finished and drops the test's connection.
        body = b"".join(response.streaming_content) if response.streaming else b""
        return response.status_code, body
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def assert_bucket_holds(storage, *images_and_names):
    """On S3, the bucket holds exactly these files: nothing left behind."""
    if storage is None:
        return
    from tests.support.s3_server import S3Server

    expected = set()
    for item in images_and_names:
        expected |= {item} if isinstance(item, str) else set(files_of(item))
    endpoint = default_storage.endpoint_url
    assert S3Server(endpoint).keys(storage) == expected


def files_of(image) -> list[str]:
    """The image's original and every rendition recorded for it."""
    return [image.file.name] + [
        name
        for shape in image.renditions.values()
        for key in ("webp", "fallback")
        for _w, _h, name in shape[key]
    ]


def assert_gone(client, names):
    assert names
    for name in names:
        assert not default_storage.exists(name), name
        # A bucket refuses to say a file is missing to whoever cannot list it.
        assert status(client, name)[0] in (403, 404), name


def assert_served(client, names):
    for name in names:
        code, body = status(client, name)
        assert code == 200 and body, name


@pytest.fixture
def library_image():
    image = ImageFactory()
    store_renditions(image)
    return image


def test_a_deleted_image_takes_its_renditions_with_it(
    admin_client, client, library_image, django_capture_on_commit_callbacks, storage
):
    names = files_of(library_image)
    assert_served(client, names)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:portal_image_delete", args=[library_image.pk]),
            {"post": "yes"},
        )

    assert response.status_code == 302
    assert_gone(client, names)
    assert_bucket_holds(storage)


def test_images_deleted_from_the_list_take_their_renditions_too(
    admin_client, client, django_capture_on_commit_callbacks, storage
):
    images = [ImageFactory(), ImageFactory()]
    for image in images:
        store_renditions(image)
    names = [name for image in images for name in files_of(image)]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:portal_image_changelist"),
            {
                "action": "delete_selected",
                "_selected_action": [image.pk for image in images],
                "post": "yes",
            },
        )

    assert response.status_code == 302
    assert_gone(client, names)
    assert_bucket_holds(storage)


def test_a_replaced_image_file_takes_the_old_renditions_with_it(
    admin_client, client, library_image, django_capture_on_commit_callbacks, storage
):
    old = files_of(library_image)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:portal_image_change", args=[library_image.pk]),
            image_form(upload(image_bytes(color=(200, 30, 30)))),
        )

    assert response.status_code == 302
    assert_gone(client, old)
    library_image.refresh_from_db()
    assert_served(client, files_of(library_image))
    assert_bucket_holds(storage, library_image)


@pytest.fixture
def publication(admin_client, django_capture_on_commit_callbacks):
    post = PostFactory(kind=Post.Kind.PUBLICATION)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:portal_post_change", args=[post.pk]),
            change_form_data(post, file=upload(pdf_bytes(1), "a.pdf")),
        )
    post.refresh_from_db()
    assert post.cover_image is not None
    return post


def test_a_replaced_pdf_takes_its_old_cover_with_it(
    admin_client, client, publication, django_capture_on_commit_callbacks, storage
):
    old_cover = publication.cover_image
    old = [publication.file.name, *files_of(old_cover)]

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:portal_post_change", args=[publication.pk]),
            change_form_data(publication, file=upload(pdf_bytes(2), "b.pdf")),
        )

    assert_gone(client, old)
    assert not Image.objects.filter(pk=old_cover.pk).exists()
    publication.refresh_from_db()
    assert publication.file_pages == 2
    assert_served(client, files_of(publication.cover_image))
    assert_bucket_holds(storage, publication.file.name, publication.cover_image)


def test_a_cleared_pdf_takes_its_cover_with_it(
    admin_client, client, publication, django_capture_on_commit_callbacks, storage
):
    cover = publication.cover_image
    old = [publication.file.name, *files_of(cover)]

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:portal_post_change", args=[publication.pk]),
            change_form_data(publication, **{"file-clear": "on"}),
        )

    assert_gone(client, old)
    assert Image.objects.count() == 0
    assert_bucket_holds(storage)
    publication.refresh_from_db()
    assert publication.cover_image is None and publication.file_pages is None
    assert_bucket_holds(storage)


def test_a_deleted_publication_takes_its_cover_with_it(
    admin_client, client, publication, django_capture_on_commit_callbacks, storage
):
    old = [publication.file.name, *files_of(publication.cover_image)]

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:portal_post_delete", args=[publication.pk]),
            {"post": "yes"},
        )

    assert_gone(client, old)
    assert Image.objects.count() == 0
    assert_bucket_holds(storage)
