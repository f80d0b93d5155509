"""Renditions of library images: made once with django-imagekit, then kept.

Each image gets two shapes in a few widths, each as WebP and in a fallback format
(JPEG, or PNG where the image has transparency):

- ``wide``: cropped to 16:9 around the focal point, for lead images and cards;
- ``fit``: the whole image scaled down, for images inside bodies.

imagekit names each file by a hash of its source and processing, writes it through
the default storage (local files or S3) and skips files that exist. What was made
is recorded on the image row, so a page shows renditions without touching storage.
"""

from django.core.files.storage import default_storage
from imagekit import ImageSpec
from imagekit.cachefiles import ImageCacheFile
from PIL import Image as Pillow
from pilkit.processors import ResizeToFill, ResizeToFit

WIDTHS = (400, 800, 1200)
WIDE = (16, 9)
QUALITY = {"WEBP": 80, "JPEG": 82, "PNG": None}
TYPES = {"WEBP": "image/webp", "JPEG": "image/jpeg", "PNG": "image/png"}


def _widths(source_width: int) -> list[int]:
    """The standard widths the source can fill, or its own width if it is smaller."""
    return [width for width in WIDTHS if width <= source_width] or [source_width]


def _shape_size(shape: str, width: int, source: tuple[int, int]) -> tuple[int, int]:
    if shape == "wide":
        return width, round(width * WIDE[1] / WIDE[0])
    return width, max(1, round(source[1] * width / source[0]))


def _has_alpha(image) -> bool:
    with image.file.open("rb") as handle, Pillow.open(handle) as opened:
        return opened.mode in ("RGBA", "LA", "PA") or "transparency" in opened.info


def _spec(image, shape, size, image_format) -> ImageSpec:
    spec = ImageSpec(source=image.file)
    if shape == "wide":
        anchor = (
            (image.focal_x / 100, image.focal_y / 100) if image.has_focal_point else "c"
        )
        spec.processors = [ResizeToFill(*size, anchor=anchor)]
    else:
        spec.processors = [ResizeToFit(*size, upscale=False)]
    spec.format = image_format
    quality = QUALITY[image_format]
    spec.options = {"quality": quality} if quality else {}
    return spec


def make_renditions(image) -> dict:
    """Write any rendition the image lacks; return the record to store on it."""
    source = (image.width, image.height)
    fallback = "PNG" if _has_alpha(image) else "JPEG"
    record = {}
    for shape in ("wide", "fit"):
        record[shape] = {"fallback_type": TYPES[fallback]}
        for key, image_format in (("webp", "WEBP"), ("fallback", fallback)):
            files = []
            for width in _widths(image.width):
                size = _shape_size(shape, width, source)
                made = ImageCacheFile(_spec(image, shape, size, image_format))
                # Asked of the storage itself: imagekit's cached "exists" would
                # miss a file lost since (a restore without CACHE/, a bucket move).
                if not made.storage.exists(made.name):
                    made.generate(force=True)
                files.append([size[0], size[1], made.name])
            record[shape][key] = files
    return record


def rendition_url(name: str) -> str:
    return default_storage.url(name)


def store_renditions(image) -> None:
    """Make what ``image`` lacks and record it on its row."""
    image.renditions = make_renditions(image)
    image.save(update_fields=["renditions"])
