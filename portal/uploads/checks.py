"""Checks and storage names for files staff upload: partner logos, publications
and the image library.

Files are judged by their content, never by their name: a logo must open as a PNG,
JPEG or WebP image (SVG is refused: it can carry scripts), a publication must start
like a PDF. Stored names are random, so uploads can neither collide nor climb out of
their folder whatever the original name was.

A library image is JPEG, PNG or WebP, at most MAX_IMAGE_BYTES and MAX_IMAGE_PIXELS,
and is rewritten without metadata. The decoding happens in the sandbox
(portal/uploads/decoding.py, in a child process with hard limits): a bomb, a file
that is no image, or one that takes too long or too much memory to read, becomes a
form error here, never a 500 or a dead worker.
"""

import uuid

from django.core.exceptions import RequestDataTooBig, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadhandler import FileUploadHandler
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from portal.uploads import sandbox
from portal.uploads.decoding import FORMATS, has_too_many_pixels

MAX_LOGO_BYTES = 2 * 1024 * 1024
# A logo never needs more; a small file claiming more is a decompression bomb,
# which would take gigabytes of memory to open.
MAX_LOGO_PIXELS = 25_000_000
MAX_PUBLICATION_BYTES = 50 * 1024 * 1024
MAX_IMAGE_BYTES = 20 * 1024 * 1024
# 50 million pixels: a 48-megapixel phone photo fits; decoding it takes ~150 MB.
MAX_IMAGE_PIXELS = 50_000_000
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
PDF_MAGIC = b"%PDF-"
# A translation vendor's file (portal.exchange.units.MAX_FILE_BYTES, which this
# layer may not import; a test keeps the two in step).
MAX_TRANSLATION_FILE_BYTES = 100 * 1024 * 1024
# The largest file plus the form around it: bigger requests are refused unread.
MAX_REQUEST_BYTES = max(MAX_PUBLICATION_BYTES, MAX_TRANSLATION_FILE_BYTES) + 1024 * 1024


class RequestSizeLimitHandler(FileUploadHandler):
    """Refuse an upload by its Content-Length, before any of the body is read.

    Django's own limits cover form fields; files would otherwise be streamed to
    disk in full before the field validators could say they are too big.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding):
        if content_length > MAX_REQUEST_BYTES:
            raise RequestDataTooBig(
                f"Upload of {content_length} bytes refused: the limit is "
                f"{MAX_REQUEST_BYTES}."
            )
        return None

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None


def _check_size(file, limit: int) -> None:
    if file.size > limit:
        raise ValidationError(
            _("This file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="too_large",
        )


def _too_many_pixels(limit: int) -> ValidationError:
    return ValidationError(
        _("This image has more than %(limit)s million pixels; upload a smaller one.")
        % {"limit": limit // 1_000_000},
        code="too_many_pixels",
    )


class TooManyPixels(Exception):
    pass


def _image_format(file) -> str | None:
    """The image's format, read from its content; None when it is no image.

    Raises TooManyPixels for an image larger than MAX_LOGO_PIXELS, which the
    header alone tells, before any pixel is decoded.
    """
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            if has_too_many_pixels(image, MAX_LOGO_PIXELS):
                raise TooManyPixels
            image.verify()
            return image.format
    except Image.DecompressionBombError as error:
        raise TooManyPixels from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        file.seek(position)


def validate_logo(file) -> None:
    _check_size(file, MAX_LOGO_BYTES)
    try:
        image_format = _image_format(file)
    except TooManyPixels:
        raise _too_many_pixels(MAX_LOGO_PIXELS) from None
    if image_format not in LOGO_FORMATS:
        raise ValidationError(
            _("Upload the logo as a PNG, JPEG or WebP image (SVG is not accepted)."),
            code="invalid_logo",
        )


def validate_publication(file) -> None:
    _check_size(file, MAX_PUBLICATION_BYTES)
    file.seek(0)
    head = file.read(len(PDF_MAGIC))
    file.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError(
            _("Upload the publication as a PDF file."), code="invalid_publication"
        )


def logo_path(instance, filename: str) -> str:
    try:
        extension = LOGO_FORMATS.get(_image_format(instance.logo) or "")
    except (ValueError, TooManyPixels):
        # FieldFile.save() asks for the name before it holds the file: trust a
        # known extension (the validators check the content on every form).
        extension = None
    if extension is None:
        suffix = filename.rsplit(".", 1)[-1].lower()
        extension = suffix if suffix in LOGO_FORMATS.values() else "img"
    return f"partners/{uuid.uuid4().hex}.{extension}"


def publication_path(instance, filename: str) -> str:
    return f"publications/{uuid.uuid4().hex}.pdf"


def rewritten(file, *, max_pixels: int = MAX_IMAGE_PIXELS) -> ContentFile:
    """The uploaded image upright and without metadata, under a random name; or a
    ValidationError saying what is wrong with it."""
    _check_size(file, MAX_IMAGE_BYTES)
    file.seek(0)
    data = file.read()
    file.seek(0)
    try:
        outcome = sandbox.run("image", data, max_pixels=max_pixels)
    except sandbox.Refused as refusal:
        if refusal.code == "too_many_pixels":
            raise _too_many_pixels(max_pixels) from None
        raise ValidationError(
            _("Upload a JPEG, PNG or WebP image."), code="invalid_image"
        ) from None
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
