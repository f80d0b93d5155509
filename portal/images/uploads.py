"""Checks an uploaded image by its content, and rewrites it without metadata.

An image is judged by what it is, never by its name: JPEG, PNG or WebP, at most
MAX_IMAGE_BYTES and MAX_IMAGE_PIXELS. The decoding happens in the sandbox
(portal/images/decoding.py, in a child process with hard limits): a bomb, a file
that is no image, or one that takes too long or too much memory to read, becomes a
form error here, never a 500 or a dead worker.
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from portal.images import sandbox
from portal.images.decoding import FORMATS

MAX_IMAGE_BYTES = 20 * 1024 * 1024
# 50 million pixels: a 48-megapixel phone photo fits; decoding it takes ~150 MB.
MAX_IMAGE_PIXELS = 50_000_000


def _refusal(code: str, max_pixels: int) -> ValidationError:
    if code == "too_many_pixels":
        return ValidationError(
            _(
                "This image has more than %(limit)s million pixels; upload a "
                "smaller one."
            )
            % {"limit": max_pixels // 1_000_000},
            code="too_many_pixels",
        )
    return ValidationError(_("Upload a JPEG, PNG or WebP image."), code="invalid_image")


def rewritten(file, *, max_pixels: int = MAX_IMAGE_PIXELS) -> ContentFile:
    """The uploaded image upright and without metadata, under a random name; or a
    ValidationError saying what is wrong with it."""
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
    data = file.read()
    file.seek(0)
    try:
        outcome = sandbox.run("image", data, max_pixels=max_pixels)
    except sandbox.Refused as refusal:
        raise _refusal(refusal.code, max_pixels) from None
    except sandbox.LimitExceeded:
        raise ValidationError(
            _(
                "This image could not be read in the time and memory allowed; "
                "save it again in an image editor and upload that copy."
            ),
            code="too_costly",
        ) from None
    name = f"{uuid.uuid4().hex}.{FORMATS[outcome.facts['format']]}"
    return ContentFile(outcome.data, name=name)


def image_path(instance, filename: str) -> str:
    """A random name in the library's folder, keeping the checked extension."""
    extension = filename.rsplit(".", 1)[-1].lower()
    if extension not in FORMATS.values():
        extension = "img"
    return f"images/{uuid.uuid4().hex}.{extension}"
