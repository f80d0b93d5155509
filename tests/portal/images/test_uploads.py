"""Uploaded images are judged by content and stored without their metadata."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from portal.uploads.checks import MAX_IMAGE_BYTES, rewritten
from tests.portal.images.support import (
    GPS_IFD,
    claimed_size_png,
    image_bytes,
    photo_with_gps,
    upload,
)


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_are_accepted(image_format):
    stored = rewritten(upload(image_bytes(image_format=image_format), "x.bin"))

    assert Image.open(stored).format == image_format


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (image_bytes(image_format="GIF", mode="P", color=1), "animation.jpg"),
        (image_bytes(image_format="BMP"), "bitmap.png"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "logo.png"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "report.jpg"),
        (b"\xff\xd8\xff\xe0 truncated jpeg", "cut.jpg"),
        (b"", "empty.jpg"),
    ],
)
def test_anything_else_is_refused_whatever_its_name(data, name):
    with pytest.raises(ValidationError) as error:
        rewritten(upload(data, name))

    assert error.value.code == "invalid_image"


def test_a_file_over_20_mb_is_refused_before_it_is_opened():
    big = upload(b"\xff\xd8" + b"\0" * (MAX_IMAGE_BYTES + 1))

    with pytest.raises(ValidationError) as error:
        rewritten(big)

    assert error.value.code == "too_large"


@pytest.mark.parametrize(("width", "height"), [(8000, 8000), (60000, 60000)])
def test_a_decompression_bomb_is_refused_from_its_header(width, height):
    bomb = upload(claimed_size_png(width, height), "bomb.png", "image/png")
    assert bomb.size < 200

    with pytest.raises(ValidationError) as error:
        rewritten(bomb)

    assert error.value.code == "too_many_pixels"


def test_metadata_is_stripped_and_the_photo_turned_upright():
    original = Image.open(io.BytesIO(photo_with_gps()))
    assert original.getexif().get_ifd(GPS_IFD)

    stored = rewritten(upload(photo_with_gps()))
    image = Image.open(io.BytesIO(stored.read()))

    assert dict(image.getexif()) == {}
    assert "exif" not in image.info and "xmp" not in image.info
    # Orientation 6 was applied to the pixels: 800 x 600 became 600 x 800.
    assert image.size == (600, 800)
    assert stored.name.endswith(".jpg")
