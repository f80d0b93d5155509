"""What a publication's PDF holds: its page count and a cover from page one.

pypdfium2 (PDFium, the engine of Chromium's viewer) reads the file; a PDF it
cannot open (encrypted, damaged) still downloads, just without these facts.
"""

import io
from dataclasses import dataclass

import pypdfium2
from django.core.files.base import ContentFile

COVER_WIDTH = 1200


@dataclass(frozen=True)
class PdfFacts:
    pages: int | None
    size: int
    cover: ContentFile | None


def describe_pdf(file) -> PdfFacts:
    file.open("rb")
    try:
        data = file.read()
    finally:
        file.close()
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return PdfFacts(None, len(data), None)
    try:
        pages = len(document)
        cover = _cover(document) if pages else None
    finally:
        document.close()
    return PdfFacts(pages, len(data), cover)


def _cover(document) -> ContentFile:
    page = document[0]
    try:
        scale = COVER_WIDTH / max(page.get_width(), 1)
        bitmap = page.render(scale=min(scale, 4))
        image = bitmap.to_pil().convert("RGB")
    finally:
        page.close()
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return ContentFile(buffer.getvalue(), name="cover.jpg")
