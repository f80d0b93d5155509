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


def progressive_jpeg_with_empty_scans(size=(2000, 2000), scans: int = 20_000) -> bytes:
    """A valid progressive JPEG with ``scans`` empty scans added before its end.

    Each added scan is a 10-byte header (the luma's AC coefficients again) with no
    data: libjpeg still walks every block of the image for each, so 20,000 of them
    on 2000 x 2000 pixels take about 6 s of CPU here (the one in the issue, 45,000
    in 1.5 MB, longer), while the pixel count and the file size (220 kB) pass every
    check.
    """
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 90, 160)).save(buffer, format="JPEG", progressive=True)
    data = buffer.getvalue()
    # SOS: length 8, one component (1: luma) with tables 0/0, spectral 1-63, Ah/Al 0.
    empty_scan = b"\xff\xda" + struct.pack(">HB", 8, 1) + bytes([1, 0, 1, 63, 0])
    assert data.endswith(b"\xff\xd9")
    return data[:-2] + empty_scan * scans + data[-2:]
