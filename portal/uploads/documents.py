"""What a publication's PDF holds: its page count and a cover from page one.

pypdfium2 (PDFium, the engine of Chromium's viewer) reads the file, always in the
sandbox (portal/uploads/sandbox.py): a PDF can be made to take gigabytes or minutes
to draw. A PDF it cannot open (encrypted, damaged, too costly) still downloads,
just without these facts; a first page that makes no sensible cover (a sliver, a
broken page tree) gives no cover.

``read_pdf`` runs in the child and imports no Django; ``describe_pdf`` is what the
web process calls.
"""

import io
from dataclasses import dataclass

import pypdfium2

from portal.uploads import sandbox

COVER_WIDTH = 1200
# Small pages are drawn at most this much larger than their size in points.
MAX_SCALE = 4
# A tall page (an infographic, a scroll) gives its top as the cover: cards crop to
# 16:9 from the top anyway. 1.5 keeps a whole A4 page (1.41) and bounds the
# bitmap at 1200 x 1800 pixels.
MAX_COVER_HEIGHT_RATIO = 1.5
# A cover narrower or lower than this shows nothing; the page gets no cover.
MIN_COVER_SIDE = 100


@dataclass(frozen=True)
class PdfFacts:
    pages: int | None
    size: int
    # A JPEG without metadata, at most COVER_WIDTH wide; None when none was made.
    cover: bytes | None


def describe_pdf(file) -> PdfFacts:
    file.open("rb")
    try:
        data = file.read()
    finally:
        file.close()
    try:
        outcome = sandbox.run("pdf", data)
    except sandbox.LimitExceeded:
        return PdfFacts(None, len(data), None)
    cover = outcome.data if outcome.facts["cover"] else None
    return PdfFacts(outcome.facts["pages"], len(data), cover)


def read_pdf(data: bytes) -> tuple[dict, bytes]:
    """In the sandbox: the page count and the cover's JPEG bytes (or none)."""
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return {"pages": None, "cover": False}, b""
    try:
        pages = len(document)
        try:
            cover = _cover(document) if pages else None
        except (pypdfium2.PdfiumError, ValueError):
            # A page tree that loops, a page that will not load or draw.
            cover = None
    finally:
        document.close()
    return {"pages": pages, "cover": cover is not None}, cover or b""


def _cover(document) -> bytes | None:
    page = document[0]
    try:
        width, height = page.get_size()
        scale = min(COVER_WIDTH / max(width, 1), MAX_SCALE)
        kept = min(height, width * MAX_COVER_HEIGHT_RATIO)
        if min(width, kept) * scale < MIN_COVER_SIDE:
            return None
        bitmap = page.render(scale=scale, crop=(0, height - kept, 0, 0))
        image = bitmap.to_pil().convert("RGB")
    finally:
        page.close()
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()
