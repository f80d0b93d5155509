"""Renditions: made once in WebP and a fallback format, cropped around the focal
point, and written through whichever storage is configured."""

from types import SimpleNamespace

import pytest
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.utils import translation
from PIL import Image

from portal.images.pictures import picture_of
from portal.images.renditions import MAX_HEIGHT, WIDTHS, _resizing, make_renditions
from tests.factories import ImageFactory
from tests.portal.images.support import halves, image_bytes, upload

pytestmark = pytest.mark.django_db


def opened_rendition(name):
    with default_storage.open(name) as handle:
        image = Image.open(handle)
        image.load()
        return image


def test_each_shape_comes_in_webp_and_jpeg_at_every_width_the_source_fills():
    image = ImageFactory(file=upload(image_bytes(size=(1000, 800))))

    record = make_renditions(image)

    wide, fit = record["wide"], record["fit"]
    assert [w for w, _h, _n in wide["webp"]] == [400, 800]  # 1200 would upscale
    assert [(w, h) for w, h, _n in wide["fallback"]] == [(400, 225), (800, 450)]
    assert [(w, h) for w, h, _n in fit["fallback"]] == [(400, 320), (800, 640)]
    assert wide["fallback_type"] == "image/jpeg"
    for width, height, name in wide["webp"]:
        made = opened_rendition(name)
        assert (made.format, made.size) == ("WEBP", (width, height))
    assert opened_rendition(fit["fallback"][-1][2]).format == "JPEG"


def test_a_transparent_png_falls_back_to_png():
    data = image_bytes(
        size=(500, 500), image_format="PNG", mode="RGBA", color=(0, 0, 0, 0)
    )
    image = ImageFactory(file=upload(data, "logo.png", "image/png"))

    record = make_renditions(image)

    assert record["wide"]["fallback_type"] == "image/png"
    assert opened_rendition(record["wide"]["fallback"][0][2]).format == "PNG"


def test_an_image_smaller_than_every_width_gets_its_own_width():
    image = ImageFactory(file=upload(image_bytes(size=(320, 240))))

    record = make_renditions(image)

    assert [(w, h) for w, h, _n in record["fit"]["webp"]] == [(320, 240)]


def test_a_tall_image_fits_webp_by_getting_narrower():
    # The infographic from the issue: 1200 x 16500, more than WebP's 16383.
    infographic = SimpleNamespace(width=1200, height=16500)

    sizes = [_resizing("fit", width, infographic)[0] for width in WIDTHS]

    assert sizes == [(400, 5500), (800, 11000), (1191, MAX_HEIGHT)]


def test_renditions_are_made_once_and_kept(monkeypatch):
    image = ImageFactory(file=upload(image_bytes()))
    first = make_renditions(image)
    saved = []
    monkeypatch.setattr(
        FileSystemStorage, "save", lambda *args, **kwargs: saved.append(args)
    )

    assert make_renditions(image) == first
    assert saved == []


@pytest.mark.parametrize(("focal_x", "colour"), [(0, "red"), (100, "blue")])
def test_the_crop_keeps_the_focal_point(focal_x, colour):
    # A square from a 16:9 picture's left or right end, as the focal point says.
    image = ImageFactory(
        file=upload(halves(size=(1600, 400)), "halves.png", "image/png"),
        focal_x=focal_x,
        focal_y=50,
    )
    record = make_renditions(image)

    crop = opened_rendition(record["wide"]["fallback"][0][2]).convert("RGB")
    red, _green, blue = crop.getpixel((crop.width // 2, crop.height // 2))
    assert (red > blue) == (colour == "red")


def test_renditions_go_through_the_configured_storage(settings, tmp_path):
    # The S3 option swaps the default storage; an in-memory one shows that nothing
    # assumes a local path.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    image = ImageFactory(file=upload(image_bytes()))
    record = make_renditions(image)

    memory = storages["default"]
    assert all(memory.exists(name) for _w, _h, name in record["wide"]["webp"])
    assert not (tmp_path / "media" / "CACHE").exists()


def test_the_picture_lists_sources_and_reserves_its_space():
    image = ImageFactory(file=upload(image_bytes(size=(2400, 1600))))
    image.renditions = make_renditions(image)

    with translation.override("en"):
        picture = picture_of(image, "wide")

    assert picture.webp_srcset.count("w,") == len(WIDTHS) - 1
    assert picture.srcset.endswith(" 1200w")
    assert (picture.width, picture.height) == (1200, 675)
    assert picture.alt.startswith("A view of Seoul") and picture.alt_lang == ""


def test_alt_text_falls_back_to_the_other_language_with_its_lang():
    image = ImageFactory(alt_text_en="", alt_text_ko="한강의 자전거")

    with translation.override("en"):
        picture = picture_of(image)

    assert (picture.alt, picture.alt_lang) == ("한강의 자전거", "ko")


def test_a_decorative_image_has_empty_alt_text():
    image = ImageFactory(is_decorative=True)

    assert picture_of(image).alt == ""
