"""A publication's PDF facts, and its cover made into a library image.

The cover is derived from the PDF, so it lives and dies with it: a new file
replaces it, a removed file removes it (and the library image's own file and
renditions go with it, portal/images/derived.py).
"""

import uuid

from django.core.files.base import ContentFile
from django.utils.translation import gettext, override

from portal.images.renditions import store_renditions
from portal.languages import language_codes, localized, shown_field
from portal.models import Image
from portal.uploads.documents import describe_pdf


def cover_from_pdf(post) -> bool:
    """Record a publication's page count and size, and make its cover image from
    the first page (alt text in each language: "Cover of …").

    Returns False when the post has a file but no cover could be made from it: the
    file is kept for download and the editor should be told.
    """
    old_cover = post.cover_image
    post.cover_image = None
    post.file_pages = post.file_size = None
    if post.file:
        facts = describe_pdf(post.file)
        post.file_pages, post.file_size = facts.pages, facts.size
        if facts.cover is not None:
            post.cover_image = _cover_image(post, facts.cover)
    post.save(update_fields=["file_pages", "file_size", "cover_image"])
    if old_cover is not None:
        old_cover.delete()
    return post.cover_image is not None or not post.file


def _cover_image(post, jpeg: bytes) -> Image:
    # Cards crop to 16:9: keep the top of the page, where a cover's title is.
    cover = Image(
        file=ContentFile(jpeg, name=f"{uuid.uuid4().hex}.jpg"), focal_x=50, focal_y=0
    )
    for code in language_codes():
        title = shown_field(post, "title", code).text
        with override(code):
            alt_text = gettext("Cover of %(title)s") % {"title": title}
        setattr(cover, localized("alt_text", code), alt_text)
    cover.save()
    store_renditions(cover)
    return cover
