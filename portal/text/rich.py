"""Rich post and programme bodies: what the editor may write, and how it is shown.

Bodies are HTML written in the admin with django-prose-editor. What the editor can
make is the allow-list: headings, bold and italic, links, lists, tables with
captions, block quotes, figures with captions and a "source" paragraph. Everything
else is removed by nh3 when a body is saved and again when it is shown, so markup
that reached the database another way (raw SQL, an old backup) is cleaned all the
same.
"""

import html
import re
from urllib.parse import urlencode

import nh3
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The editor's toolbar (django-prose-editor extensions), matching ALLOWED below.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    # Tiptap makes a link "inclusive" (text typed at its end joins it) whenever
    # autolink is on; staff link with the dialog, so autolink stays off.
    "Link": {
        "enableTarget": False,
        "protocols": ["http", "https", "mailto"],
        "autolink": False,
    },
    # portal/static/portal/admin/editor.js: a caption field on every table.
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    # The image dialog's "Browse…" opens the library's chooser (editor_extensions).
    "Figure": True,
    "Caption": True,
    "Image": True,
    # An empty paragraph after a final figure or table, so that typing at the end
    # of a body starts a paragraph instead of growing the caption or the table.
    "TrailingNode": True,
    # Korean (and English) names for the toolbar buttons the library leaves unnamed.
    "MenuLabels": True,
    "NodeClass": {
        "cssClasses": {
            # Translators: a paragraph style in the body editor, for "Source: …".
            "paragraph": [{"className": "source", "title": _("Source line")}]
        }
    },
}

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "a", "ul", "ol", "li",
    "blockquote", "table", "caption", "thead", "tbody", "tr", "th", "td",
    "figure", "figcaption", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    # data-file: the library image chosen in the editor (portal.images.pictures).
    "img": {"src", "alt", "width", "height", "data-file"},
}
CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    # A paragraph may be marked as the source line, and nothing else.
    allowed_classes={"p": {"source"}},
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer",
    strip_comments=True,
)
TEXT_ONLY = nh3.Cleaner(tags=set(), attributes={})
BLOCK_END = re.compile(
    r"<br\s*/?>|</(?:p|h[1-6]|li|blockquote|tr|th|td|figcaption|caption|table|ul|ol)>",
    re.I,
)
SPACES = re.compile(r"[ \t\u00a0]+")
EMPTY = re.compile(r"^(?:<(\w+)></\1>)?$")
# The editor keeps an empty paragraph after a final figure or table (TrailingNode).
TRAILING_EMPTY = re.compile(r"(?:\s*<p></p>)+$")
IMG = re.compile(r"<img\s[^>]*>")
ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


def sanitize(markup: str) -> str:
    """Only what the allow-list permits; an empty editor's lone ``<p></p>`` is ""."""
    if not markup:
        # Most columns of a row in six languages are empty: no parse for them.
        return ""
    cleaned = CLEANER.clean(markup).strip()
    return "" if EMPTY.match(cleaned) else TRAILING_EMPTY.sub("", cleaned)


def text_of(markup: str) -> str:
    """The words of a body, one line per block, for search, feeds and snippets."""
    if not markup:
        return ""
    with_breaks = BLOCK_END.sub("\n", markup)
    text = html.unescape(TEXT_ONLY.clean(with_breaks))
    lines = (SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def images_in(markup: str) -> list[dict[str, str]]:
    """The attributes of each ``<img>`` in sanitised markup (nh3 quotes them all)."""
    return [dict(ATTRIBUTE.findall(tag)) for tag in IMG.findall(markup)]


def replace_images(markup: str, replace) -> str:
    """``markup`` with each ``<img>`` swapped for ``replace(attributes)``."""
    return IMG.sub(lambda match: replace(dict(ATTRIBUTE.findall(match[0]))), markup)


def editor_extensions(language: str | None = None) -> dict:
    """The toolbar for one language's editor: its image dialog browses the
    library, which answers with that language's alt text and caption."""
    chooser = reverse("admin:portal_image_choose")
    query = f"?{urlencode({'language': language})}" if language else ""
    return EDITOR_EXTENSIONS | {"Figure": {"pickerUrl": chooser + query}}
