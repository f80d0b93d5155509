"""What a template needs to show a library image: sources, size and alt text."""

import html
import re
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from portal.images.renditions import rendition_url
from portal.languages import shown_field
from portal.text import rich

# A library original's stored name, wherever the storage serves it from.
STORED_NAME = re.compile(r"images/[0-9a-f]{32}\.(?:jpg|png|webp)")
TABLE = re.compile(r"<table>(.*?)</table>", re.S)
CAPTION = re.compile(r"^\s*<caption>(.*?)</caption>", re.S)
BODY_SIZES = "(min-width: 50rem) 46rem, calc(100vw - 2rem)"


@dataclass(frozen=True)
class Picture:
    webp_srcset: str
    srcset: str
    src: str
    type: str
    width: int
    height: int
    alt: str
    alt_lang: str
    is_decorative: bool
    # The biggest fallback rendition, for link previews.
    largest_src: str


def _srcset(files) -> str:
    return ", ".join(f"{rendition_url(name)} {width}w" for width, _h, name in files)


def picture_of(image, shape: str = "wide", alt: str = "") -> Picture | None:
    """The renditions of ``image`` in ``shape``; the original if none were made."""
    if image is None:
        return None
    shown = shown_field(image, "alt_text")
    text, lang = (
        (alt, "") if alt else (shown.text, shown.lang if shown.is_fallback else "")
    )
    if image.is_decorative and not alt:
        text, lang = "", ""
    record = image.renditions.get(shape)
    if not record:
        url = image.file.url
        return Picture(
            "", "", url, "", image.width, image.height, text, lang,
            image.is_decorative, url,
        )  # fmt: skip
    fallback = record["fallback"]
    # The middle width as the plain src: browsers without srcset are rare and small.
    width, height, name = fallback[len(fallback) // 2]
    largest = fallback[-1]
    return Picture(
        webp_srcset=_srcset(record["webp"]),
        srcset=_srcset(fallback),
        src=rendition_url(name),
        type=record["fallback_type"],
        width=largest[0],
        height=largest[1],
        alt=text,
        alt_lang=lang,
        is_decorative=image.is_decorative and not alt,
        largest_src=rendition_url(largest[2]),
    )


def _stored_name(attributes: dict) -> str | None:
    """The library original an ``<img>``'s address points at, if any."""
    match = STORED_NAME.search(html.unescape(attributes.get("src", "")))
    return match[0] if match else None


def _image_id(attributes: dict) -> int | None:
    """The library image chosen for an ``<img>`` in the editor, if any."""
    value = attributes.get("data-file", "")
    return int(value) if value.isdigit() and len(value) < 10 else None


def _table(match: re.Match, label: str) -> str:
    """A table in a scrollable region named by its caption, or "Table"."""
    caption = CAPTION.match(match[1])
    name = rich.text_of(caption[1]) if caption else label
    return (
        f'<div class="table-scroll" role="region" tabindex="0" '
        f'aria-label="{html.escape(name)}"><table>{match[1]}</table></div>'
    )


def render_body(markup: str, find_images) -> SafeString:
    """A rich body ready to show: sanitised again, library images as responsive
    pictures, other images dropped (only the library's images are served), and
    each table in a scrollable region for narrow screens.

    ``find_images(ids, names)`` returns the library images with those ids or
    stored under those names. An id wins: it still finds an image whose file
    was replaced after the body was written.
    """
    cleaned = rich.sanitize(markup)
    found = rich.images_in(cleaned)
    ids = set(filter(None, map(_image_id, found)))
    names = set(filter(None, map(_stored_name, found)))
    library = list(find_images(ids, names)) if ids or names else []
    by_id = {image.pk: image for image in library}
    by_name = {image.file.name: image for image in library}

    def replace(attributes: dict) -> str:
        image = by_id.get(_image_id(attributes)) or by_name.get(
            _stored_name(attributes)
        )
        if image is None:
            return ""
        alt = html.unescape(attributes.get("alt", ""))
        context = {"picture": picture_of(image, "fit", alt), "sizes": BODY_SIZES}
        return render_to_string("portal/includes/picture.html", context).strip()

    shown = rich.replace_images(cleaned, replace)
    label = _("Table")
    shown = TABLE.sub(lambda match: _table(match, label), shown)
    return mark_safe(shown)
