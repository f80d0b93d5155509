"""A publication's PDF facts, and its cover made into a library image."""

from django.utils.translation import gettext, override

from portal.content.documents import describe_pdf
from portal.content.i18n import language_codes, shown_field
from portal.images.renditions import store_renditions
from portal.images.uploads import opened, without_metadata
from portal.models import Image


def cover_from_pdf(post) -> None:
    """Record a publication's page count and size, and make its cover image from
    the first page (alt text in each language: "Cover of …")."""
    if not post.file:
        post.file_pages = post.file_size = None
        post.save(update_fields=["file_pages", "file_size"])
        return
    facts = describe_pdf(post.file)
    post.file_pages, post.file_size = facts.pages, facts.size
    if facts.cover is not None:
        # Cards crop to 16:9: keep the top of the page, where a cover's title is.
        cover = Image(file=without_metadata(opened(facts.cover)), focal_x=50, focal_y=0)
        for code in language_codes():
            title = shown_field(post, "title", code).text
            with override(code):
                setattr(
                    cover,
                    f"alt_text_{code}",
                    gettext("Cover of %(title)s") % {"title": title},
                )
        cover.save()
        store_renditions(cover)
        post.cover_image = cover
    post.save(update_fields=["file_pages", "file_size", "cover_image"])
