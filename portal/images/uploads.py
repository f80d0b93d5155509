"""Checks an uploaded image by its content, and rewrites it without metadata.

An image is judged by what it is, never by its name: JPEG, PNG or WebP, at most
MAX_IMAGE_BYTES and MAX_IMAGE_PIXELS. The pixel count is read from the header,
before anything is decoded, so a decompression bomb is refused cheaply with a form
error. The accepted image is decoded, turned upright and written again: that drops
EXIF (GPS position, camera serial numbers), XMP and text chunks from the stored
original, which is what every rendition is made from.
"""

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGE_BYTES = 20 * 1024 * 1024
# 50 million pixels: a 48-megapixel phone photo fits; decoding it takes ~150 MB.
MAX_IMAGE_PIXELS = 50_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def _refuse_bomb(limit: int = MAX_IMAGE_PIXELS):
    return ValidationError(
        _("This image has more than %(limit)s million pixels; upload a smaller one.")
        % {"limit": limit // 1_000_000},
        code="too_many_pixels",
    )


def _not_an_image():
    return ValidationError(_("Upload a JPEG, PNG or WebP image."), code="invalid_image")


def opened(file) -> Image.Image:
    """The decoded image, or a ValidationError saying what is wrong with it."""
    if file.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("This file is %(size)s; the limit is %(limit)s.")
            % {
                "size": filesizeformat(file.size),
                "limit": filesizeformat(MAX_IMAGE_BYTES),
            },
            code="too_large",
        )
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file)
            if image.format not in FORMATS:
                raise _not_an_image()
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise _refuse_bomb()
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse_bomb() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _not_an_image() from None
    finally:
        file.seek(0)
    return image


def without_metadata(image: Image.Image) -> ContentFile:
    """The image upright and re-encoded with its colour profile only.

    Saving through Pillow writes no EXIF, XMP or text chunks unless asked to; the
    ICC profile is kept so colours stay right.
    """
    image_format = image.format
    upright = ImageOps.exif_transpose(image)
    options = {"icc_profile": image.info.get("icc_profile")}
    if image_format == "JPEG":
        options |= {"quality": 90, "optimize": True}
        if upright.mode not in ("RGB", "L", "CMYK"):
            upright = upright.convert("RGB")
    elif image_format == "WEBP":
        options |= {"quality": 90}
    buffer = io.BytesIO()
    upright.save(buffer, format=image_format, **options)
    name = f"{uuid.uuid4().hex}.{FORMATS[image_format]}"
    return ContentFile(buffer.getvalue(), name=name)


def image_path(instance, filename: str) -> str:
    """A random name in the library's folder, keeping the checked extension."""
    extension = filename.rsplit(".", 1)[-1].lower()
    if extension not in FORMATS.values():
        extension = "img"
    return f"images/{uuid.uuid4().hex}.{extension}"
