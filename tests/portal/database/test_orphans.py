"""Files that no row names (left by a host that died mid-upload) are swept, on
local files and on a real S3 bucket; files in use and fresh uploads stay."""

import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from portal.images.renditions import store_renditions
from portal.models import Image, Post
from tests.factories import ImageFactory, PartnerFactory, PostFactory
from tests.portal.admin.test_derived_files import files_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["local", "s3"])
def storage(request):
    if request.param == "s3":
        request.getfixturevalue("s3_bucket")


@pytest.fixture
def leftovers():
    """An image whose row never committed: its original and its renditions."""
    lost = ImageFactory()
    store_renditions(lost)
    names = files_of(lost)
    # In the test transaction django-cleanup never gets to delete the files
    # (it waits for a commit): as if the host died before the row committed.
    Image.objects.filter(pk=lost.pk).delete()
    pdf = default_storage.save(
        f"publications/{uuid.uuid4().hex}.pdf", ContentFile(b"%PDF-1.4")
    )
    return [*names, pdf]


def sweep(*arguments) -> str:
    from io import StringIO

    out = StringIO()
    call_command("delete_orphaned_files", *arguments, stdout=out)
    return out.getvalue()


def test_files_no_row_names_are_deleted_and_files_in_use_stay(leftovers):
    image = ImageFactory()
    store_renditions(image)
    partner = PartnerFactory(logo=ContentFile(b"\x89PNG logo", name="logo.png"))
    in_use = [*files_of(image), partner.logo.name]

    report = sweep("--older-than", "0")

    assert f"{len(leftovers)} orphaned files deleted." in report
    assert not any(default_storage.exists(name) for name in leftovers)
    assert all(default_storage.exists(name) for name in in_use)


def test_a_fresh_upload_may_still_be_committing_and_is_kept(leftovers):
    assert "0 orphaned files deleted." in sweep()
    assert all(default_storage.exists(name) for name in leftovers)


def test_a_dry_run_lists_them_and_deletes_nothing(leftovers):
    report = sweep("--older-than", "0", "--dry-run")

    assert set(report.splitlines()[:-1]) == set(leftovers)
    assert (
        report.splitlines()[-1] == f"{len(leftovers)} orphaned files would be deleted."
    )
    assert all(default_storage.exists(name) for name in leftovers)


def test_a_file_a_row_comes_to_name_during_the_sweep_is_kept(leftovers, monkeypatch):
    # A restore into a fresh database over the same bucket commits its records
    # first, then rewrites their files: the sweep, reading dates one request at
    # a time, may be half-way through when the rows appear.
    image_name, *_renditions, pdf = leftovers
    storage = default_storage.__class__  # the storage behind the lazy object
    asked = storage.get_modified_time

    def restored_meanwhile(self, name):
        if not Image.objects.exists():
            ImageFactory()  # any row; then one naming the image and the PDF
            Image.objects.update(file=image_name)
            PostFactory(kind=Post.Kind.PUBLICATION, file=pdf)
        return asked(self, name)

    monkeypatch.setattr(storage, "get_modified_time", restored_meanwhile)

    sweep("--older-than", "0")

    assert all(default_storage.exists(name) for name in leftovers)


def test_a_file_deleted_by_someone_else_during_the_sweep_is_passed_over(
    leftovers, monkeypatch
):
    # An editor's replaced image goes (django-cleanup) while the sweep, which
    # listed it a moment ago, is asking other files their dates.
    gone, *others = leftovers
    storage = default_storage.__class__
    asked = storage.get_modified_time

    def deleted_meanwhile(self, name):
        if default_storage.exists(gone):
            default_storage.delete(gone)
        return asked(self, name)

    monkeypatch.setattr(storage, "get_modified_time", deleted_meanwhile)

    report = sweep("--older-than", "0")

    assert f"{len(others)} orphaned files deleted." in report
    assert not any(default_storage.exists(name) for name in leftovers)
