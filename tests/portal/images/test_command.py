import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from portal.models import Image
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def test_make_renditions_fills_in_missing_renditions_and_keeps_the_others():
    done = ImageFactory(renditions={"wide": {"webp": []}})
    missing = ImageFactory()
    out = io.StringIO()

    call_command("make_renditions", "--missing", stdout=out)

    assert "1 images" in out.getvalue()
    assert Image.objects.get(pk=done.pk).renditions == {"wide": {"webp": []}}
    record = Image.objects.get(pk=missing.pk).renditions
    assert all(default_storage.exists(n) for _w, _h, n in record["wide"]["webp"])


def test_make_renditions_remakes_files_that_were_lost():
    image = ImageFactory()
    call_command("make_renditions", stdout=io.StringIO())
    name = Image.objects.get(pk=image.pk).renditions["fit"]["fallback"][0][2]
    default_storage.delete(name)

    call_command("make_renditions", stdout=io.StringIO())

    assert default_storage.exists(name)
