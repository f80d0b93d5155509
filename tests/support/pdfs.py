"""PDFs written byte by byte: a drawing bomb and pages that make no cover.

Pillow and pypdfium2 only write well-formed, ordinary PDFs; the hostile ones an
operator was handed are built here from their objects, with a correct cross-
reference table so that PDFium reads them as written rather than repairing them.
"""


def document(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (numbered from 1; object 1 is the catalogue)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def stream(dictionary: bytes, content: bytes) -> bytes:
    return b"<<%s /Length %d>>stream\n%s\nendstream" % (
        dictionary,
        len(content),
        content,
    )


def self_drawing(depth: int = 30) -> bytes:
    """A page that draws a form that draws the next form twice, ``depth`` deep:
    2**30 fills from a few hundred bytes. PDFium grows by hundreds of MB a second
    drawing it, and aborts the process when memory runs out."""
    first = 4
    forms = [
        stream(
            b"/Subtype/Form/BBox[0 0 9 9]/Resources<</XObject<</F %d 0 R>>>>"
            % (first + level + 1),
            b"/F Do /F Do",
        )
        for level in range(depth - 1)
    ]
    forms.append(stream(b"/Subtype/Form/BBox[0 0 9 9]", b"0 0 9 9 re f"))
    return document(
        [
            b"<</Type/Catalog/Pages 2 0 R>>",
            b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 600 800]"
            b"/Resources<</XObject<</F %d 0 R>>>>/Contents %d 0 R>>"
            % (first, first + depth),
            *forms,
            stream(b"", b"/F Do"),
        ]
    )


def one_page(media_box: bytes = b"[0 0 595 842]", kids: bytes = b"[3 0 R]") -> bytes:
    """One page with a blue square; ``kids`` of the page tree as given."""
    return document(
        [
            b"<</Type/Catalog/Pages 2 0 R>>",
            b"<</Type/Pages/Kids%s/Count 1>>" % kids,
            b"<</Type/Page/Parent 2 0 R/MediaBox%s/Contents 4 0 R>>" % media_box,
            stream(b"", b"0 0 1 rg 0 0 50 50 re f"),
        ]
    )
