"""An uploaded image decoded and written again, inside the sandbox.

Runs in the limited child (portal/uploads/sandbox.py), so it imports no Django: the
web process turns the reasons given here into form errors (portal/uploads/checks.py).

The pixel count is read from the header before anything is decoded, so a
decompression bomb is refused cheaply. The accepted image is decoded, turned
upright and written again: that drops EXIF (GPS position, camera serial numbers),
XMP and text chunks from the stored original, which every rendition is made from.
Saving through Pillow writes none of them unless asked to; the ICC profile is kept
so colours stay right.
"""

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from portal.uploads.sandbox import Refused

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def has_too_many_pixels(image: Image.Image, max_pixels: int) -> bool:
    """Whether ``image`` holds more than ``max_pixels``, read from its header
    alone, before any pixel is decoded."""
    width, height = image.size
    return width * height > max_pixels


def rewrite(data: bytes, *, max_pixels: int) -> tuple[dict, bytes]:
    """The image without metadata, and its format and size; or Refused with
    ``invalid_image`` or ``too_many_pixels``."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS:
                raise Refused("invalid_image")
            if has_too_many_pixels(image, max_pixels):
                raise Refused("too_many_pixels")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Refused("too_many_pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise Refused("invalid_image") from None
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
    facts = {"format": image_format, "width": upright.width, "height": upright.height}
    return facts, buffer.getvalue()
