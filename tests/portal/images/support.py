"""Image files made in memory for the image tests."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

GPS_IFD = 0x8825
MAKE = 0x010F
ORIENTATION = 0x0112


def image_bytes(
    size=(1600, 900), image_format="JPEG", mode="RGB", color=(20, 90, 160), **save
):
    image = Image.new(mode, size, color)
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **save)
    return buffer.getvalue()


def halves(size=(1600, 900)) -> bytes:
    """Red on the left half, blue on the right: shows which side a crop kept."""
    image = Image.new("RGB", size, (220, 0, 0))
    image.paste((0, 0, 220), (size[0] // 2, 0, size[0], size[1]))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def photo_with_gps() -> bytes:
    exif = Image.Exif()
    exif[MAKE] = "Phone maker"
    exif[ORIENTATION] = 6  # taken sideways: shown turned a quarter
    exif[GPS_IFD] = {1: "N", 2: (37.0, 33.0, 59.0), 3: "E", 4: (126.0, 58.0, 40.0)}
    return image_bytes(size=(800, 600), exif=exif)


def claimed_size_png(width: int, height: int) -> bytes:
    """A few bytes whose header claims ``width`` x ``height``: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", idat)
        + chunk(b"IEND", b"")
    )


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)
