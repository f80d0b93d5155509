"""The three thumbnailing libraries the issue names, doing the portal's job.

    .venv/bin/pip install easy-thumbnails sorl-thumbnail   # imagekit is a dependency
    .venv/bin/python tests/benchmarks/thumbnail_libraries.py

Each library makes the renditions of one 4000 x 2250 photo that a lead image needs:
a 16:9 crop around a focal point at 400, 800 and 1200 px, in WebP and JPEG (six
files), then is asked for the same six again, as a page render would. Printed per
library: the median time to make them (over rounds, each on fresh storage), the
median time to find them again, and the SQL queries and storage calls that takes.
"""

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

import django
from django.conf import settings

ROUNDS = 5
WIDTHS = (400, 800, 1200)
FOCAL = (30, 60)  # percent across, down


def configure(media: str) -> None:
    settings.configure(
        INSTALLED_APPS=[
            "django.contrib.contenttypes",
            "easy_thumbnails",
            "sorl.thumbnail",
            "imagekit",
        ],
        DATABASES={
            "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
        },
        MEDIA_ROOT=media,
        MEDIA_URL="/media/",
        THUMBNAIL_DEBUG=True,
        USE_TZ=True,
    )
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def photo() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (4000, 2250), (120, 170, 220))
    draw = ImageDraw.Draw(image)
    for number in range(40):
        draw.rectangle([number * 100, 900 + number * 20 % 400, number * 100 + 60, 2250],
                       fill=(60 + number * 4, 80, 95))  # fmt: skip
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def imagekit(name):
    from django.core.files.storage import default_storage
    from imagekit import ImageSpec
    from imagekit.cachefiles import ImageCacheFile
    from pilkit.processors import ResizeToFill

    made = []
    for width in WIDTHS:
        for image_format in ("WEBP", "JPEG"):
            spec = ImageSpec(source=default_storage.open(name))
            anchor = (FOCAL[0] / 100, FOCAL[1] / 100)
            spec.processors = [ResizeToFill(width, width * 9 // 16, anchor=anchor)]
            spec.format, spec.options = image_format, {"quality": 80}
            file = ImageCacheFile(spec)
            file.generate()
            made.append(file.url)
    return made


def easy_thumbnails(name):
    from django.core.files.storage import default_storage
    from easy_thumbnails.files import get_thumbnailer

    made = []
    for width in WIDTHS:
        for extension in ("webp", "jpg"):
            thumbnailer = get_thumbnailer(
                default_storage.open(name), relative_name=name
            )
            thumbnailer.thumbnail_extension = extension
            options = {"size": (width, width * 9 // 16), "crop": True, "target": FOCAL}
            made.append(thumbnailer.get_thumbnail({**options, "quality": 80}).url)
    return made


def sorl(name):
    from django.core.files.storage import default_storage
    from sorl.thumbnail import get_thumbnail

    made = []
    for width in WIDTHS:
        for image_format in ("WEBP", "JPEG"):
            thumbnail = get_thumbnail(
                default_storage.open(name),
                f"{width}x{width * 9 // 16}",
                crop=f"{FOCAL[0]}% {FOCAL[1]}%",
                format=image_format,
                quality=80,
            )
            made.append(thumbnail.url)
    return made


def measure(make, data: bytes, media: Path) -> dict:
    from django.core.files.base import ContentFile
    from django.core.files.storage import FileSystemStorage, default_storage
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    calls = {"n": 0}
    for method in ("exists", "open", "size", "save"):
        original = getattr(FileSystemStorage, method)

        def counted(self, *args, _original=original, **kwargs):
            calls["n"] += 1
            return _original(self, *args, **kwargs)

        setattr(FileSystemStorage, method, counted)
    made, found, queries, storage = [], [], 0, 0
    for round_number in range(ROUNDS):
        name = default_storage.save(f"source/{round_number}.jpg", ContentFile(data))
        start = time.perf_counter()
        make(name)
        made.append(time.perf_counter() - start)
        calls["n"] = 0
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            make(name)
            found.append(time.perf_counter() - start)
        queries, storage = len(captured), calls["n"]
    return {
        "make ms": statistics.median(made) * 1000,
        "find again ms": statistics.median(found) * 1000,
        "queries": queries,
        "storage calls": storage,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as media:
        configure(media)
        try:
            import easy_thumbnails as _easy  # noqa: F401
            import sorl as _sorl  # noqa: F401
        except ImportError:
            sys.exit("First: .venv/bin/pip install easy-thumbnails sorl-thumbnail")
        data = photo()
        print(f"6 renditions of a 4000 x 2250 JPEG, median of {ROUNDS}")
        print("| library | make ms | find again ms | queries | storage calls |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for label, make in (
            ("django-imagekit", imagekit),
            ("easy-thumbnails", easy_thumbnails),
            ("sorl-thumbnail", sorl),
        ):
            result = measure(make, data, Path(media))
            made, found = result["make ms"], result["find again ms"]
            print(
                f"| {label} | {made:.0f} | {found:.1f} | "
                f"{result['queries']} | {result['storage calls']} |"
            )


if __name__ == "__main__":
    main()
