"""Backups of a site whose uploads live in an S3 bucket, on a real S3 server.

The archive holds the bucket's files; a restore writes them into another bucket
under the same names; and an archive of a site on local files moves it to a
bucket, its pages then showing images from there.
"""

import tarfile
import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from portal.images.covers import cover_from_pdf
from portal.images.renditions import store_renditions
from portal.models import Post
from tests.conftest import parse, use_bucket
from tests.factories import ImageFactory, PostFactory
from tests.portal.admin.test_images import pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site_with_files():
    """A post with a lead image and a publication with its PDF and cover."""
    image = ImageFactory()
    store_renditions(image)
    post = PostFactory(lead_image=image, title_en="Cycling by the Han")
    publication = PostFactory(kind=Post.Kind.PUBLICATION)
    publication.file.save("report.pdf", ContentFile(pdf_bytes(2)), save=True)
    assert cover_from_pdf(publication)
    return post


def archived_files(path) -> dict[str, bytes]:
    with tarfile.open(path) as archive:
        return {
            member.name.removeprefix("media/"): archive.extractfile(member).read()
            for member in archive
            if member.isfile() and member.name.startswith("media/")
        }


def bucket_files(server, bucket) -> dict[str, bytes]:
    client = server.client()
    return {
        key: client.get_object(Bucket=bucket, Key=key)["Body"].read()
        for key in server.keys(bucket)
    }


def test_a_backup_holds_the_buckets_files_and_restores_them_into_a_new_bucket(
    s3_server, s3_bucket, settings, tmp_path, site_with_files
):
    archive = tmp_path / "site.tar.gz"
    stored = bucket_files(s3_server, s3_bucket)

    call_command("backup", str(archive), verbosity=0)
    new_bucket = s3_server.new_bucket()
    use_bucket(settings, s3_server, new_bucket)
    call_command("restore", str(archive), "--replace", verbosity=0)

    # The original, its renditions, the PDF, its cover and the cover's renditions.
    assert len(stored) > 10
    assert archived_files(archive) == stored
    assert bucket_files(s3_server, new_bucket) == stored


def test_an_archive_of_local_files_moves_the_site_to_a_bucket(
    s3_server, settings, tmp_path, client, site_with_files
):
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    local = archived_files(archive)

    bucket = s3_server.new_bucket()
    use_bucket(settings, s3_server, bucket)
    call_command("restore", str(archive), "--replace", verbosity=0)

    assert bucket_files(s3_server, bucket) == local
    page = parse(client.get(site_with_files.get_absolute_url()))
    sources = [
        address.split()[0]
        for source in page.select("picture source")
        for address in source["srcset"].split(", ")
    ]
    assert sources
    for address in sources:
        assert address.startswith(f"{default_storage.endpoint_url}/{bucket}/")
        with urllib.request.urlopen(address, timeout=10) as response:
            assert response.status == 200
            assert response.read() == local[address.split(f"/{bucket}/", 1)[1]]


def test_a_file_deleted_while_the_backup_runs_leaves_the_rest_backed_up(
    s3_bucket, tmp_path, site_with_files
):
    # An editor replaces an image while the night's backup downloads the
    # bucket: django-cleanup deletes the old file, already on the list.
    storage = default_storage.__class__
    gone = f"images/{min(default_storage.listdir('images')[1])}"
    opened = storage.open

    def replaced_meanwhile(self, name, mode="rb"):
        if default_storage.exists(gone):
            default_storage.delete(gone)
        return opened(self, name, mode)

    archive = tmp_path / "site.tar.gz"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(storage, "open", replaced_meanwhile)
        call_command("backup", str(archive), verbosity=0)

    kept = archived_files(archive)
    assert gone not in kept
    assert len(kept) > 10
