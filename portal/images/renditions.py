"""Renditions of library images: made once with django-imagekit, then kept.

Each image gets two shapes in a few widths, each as WebP and in a fallback format
(JPEG, or PNG where the image has transparency):

- ``wide``: cropped to 16:9 around the focal point, for lead images and cards;
- ``fit``: the whole image scaled down, for images inside bodies. WebP holds at
  most 16383 pixels a side, so a tall image (an infographic) is scaled to that
  height, narrower than asked, in both formats: one set of sizes for srcset.

imagekit names each file by a hash of its source and processing, writes it through
the default storage (local files or S3) and skips files that exist. What was made
is recorded on the image row, so a page shows renditions without touching storage.
"""

import posixpath

from django.conf import settings
from django.core.files.storage import default_storage
from imagekit import ImageSpec
from imagekit.cachefiles import ImageCacheFile
from PIL import Image as Pillow
from pilkit.processors import Resize, ResizeToFill, ResizeToFit

WIDTHS = (400, 800, 1200)
WIDE = (16, 9)
QUALITY = {"WEBP": 80, "JPEG": 82, "PNG": None}
TYPES = {"WEBP": "image/webp", "JPEG": "image/jpeg", "PNG": "image/png"}
MAX_HEIGHT = 16383


def _widths(source_width: int) -> list[int]:
    """The standard widths the source can fill, or its own width if it is smaller."""
    return [width for width in WIDTHS if width <= source_width] or [source_width]


def _resizing(shape: str, width: int, image) -> tuple[tuple[int, int], object]:
    """The size of ``image``'s rendition in ``shape`` at ``width``, and the pilkit
    processor that makes it."""
    if shape == "wide":
        size = (width, round(width * WIDE[1] / WIDE[0]))
        anchor = (
            (image.focal_x / 100, image.focal_y / 100) if image.has_focal_point else "c"
        )
        return size, ResizeToFill(*size, anchor=anchor)
    height = max(1, round(image.height * width / image.width))
    if height <= MAX_HEIGHT:
        return (width, height), ResizeToFit(width, height, upscale=False)
    # Too tall for WebP: scaled to its height limit, narrower than asked.
    size = (max(1, round(image.width * MAX_HEIGHT / image.height)), MAX_HEIGHT)
    return size, Resize(*size)


def _has_alpha(source) -> bool:
    """Whether the open ``source`` has transparency; leaves it open."""
    source.seek(0)
    with Pillow.open(source) as opened:
        return opened.mode in ("RGBA", "LA", "PA") or "transparency" in opened.info


def _spec(image, processor, image_format) -> ImageSpec:
    spec = ImageSpec(source=image.file)
    spec.processors = [processor]
    spec.format = image_format
    quality = QUALITY[image_format]
    spec.options = {"quality": quality} if quality else {}
    return spec


def make_renditions(image) -> dict:
    """Write any rendition the image lacks; return the record to store on it."""
    # Open once for all: imagekit reopens a closed source for every rendition,
    # and on S3 each opening is a download (13 for one photo).
    with image.file.open("rb") as source:
        return _renditions(image, fallback="PNG" if _has_alpha(source) else "JPEG")


def _renditions(image, fallback: str) -> dict:
    record = {}
    for shape in ("wide", "fit"):
        record[shape] = {"fallback_type": TYPES[fallback]}
        for key, image_format in (("webp", "WEBP"), ("fallback", fallback)):
            files = []
            # Widths capped by the height limit can come out the same: made once.
            resizings = dict(
                _resizing(shape, width, image) for width in _widths(image.width)
            )
            for size, processor in resizings.items():
                made = ImageCacheFile(_spec(image, processor, image_format))
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


def renditions_folder(source_name: str) -> str:
    """Where imagekit puts every rendition of ``source_name``: its namer
    (source_name_as_path) makes one folder per original, named after it."""
    stem = posixpath.splitext(source_name)[0]
    return posixpath.join(settings.IMAGEKIT_CACHEFILE_DIR, stem)


def delete_renditions(source_name: str) -> None:
    """Delete every rendition ever made of ``source_name``.

    The folder, not the image's record: when a file is replaced the record
    already lists the new file's renditions, and a save that failed half-way
    may have written some it never recorded.
    """
    folder = renditions_folder(source_name)
    try:
        _folders, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in names:
        default_storage.delete(posixpath.join(folder, name))
