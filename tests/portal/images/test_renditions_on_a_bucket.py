"""Making an image's renditions on a real S3 bucket: every request is a network
round trip at a provider, so the original is downloaded once, not once per
rendition, and nothing is asked twice."""

from collections import Counter

import pytest
from django.core.files.storage import default_storage

from portal.images.renditions import store_renditions
from tests.factories import ImageFactory
from tests.portal.admin.test_derived_files import files_of

pytestmark = pytest.mark.django_db


def calls_to_the_bucket() -> Counter:
    """The S3 operations the storage's client calls from now on, by name."""
    calls = Counter()
    events = default_storage.connection.meta.client.meta.events
    events.register(
        "before-call.s3",
        lambda model, **kwargs: calls.update([model.name]),
    )
    return calls


def test_renditions_download_the_original_once_and_write_each_file_once(s3_bucket):
    image = ImageFactory()
    calls = calls_to_the_bucket()

    store_renditions(image)

    renditions = len(files_of(image)) - 1
    assert renditions == 12
    assert calls["GetObject"] == 1
    assert calls["PutObject"] == renditions
    # Whether each rendition is there already (a restore may have brought it),
    # and the original's, as django-storages opens it and as boto3 downloads it.
    assert calls["HeadObject"] == renditions + 2
    assert set(calls) == {"GetObject", "PutObject", "HeadObject"}


def test_renditions_already_in_the_bucket_are_not_made_again(s3_bucket):
    image = ImageFactory()
    store_renditions(image)
    calls = calls_to_the_bucket()

    store_renditions(image)

    assert calls["PutObject"] == 0
    assert calls["GetObject"] == 1
