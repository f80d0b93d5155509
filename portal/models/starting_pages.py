"""The site pages the portal ships with (``starting_pages.toml``), written once,
published and marked for the operator's review.

Used by migration 0019 with its historical model, and by the browser tests, whose
database is emptied between tests. A slug that already exists is left alone, so
the operator's own text is never replaced.
"""

import tomllib
from pathlib import Path

from portal.languages import default_language, language_codes, localized
from portal.text.rich import sanitize, text_of

STARTING_TEXT = Path(__file__).with_name("starting_pages.toml")


def starting_pages() -> list[dict]:
    return tomllib.loads(STARTING_TEXT.read_text(encoding="utf-8"))["page"]


def create_starting_pages(page_model) -> int:
    """Create the missing starting pages; how many were created."""
    created = 0
    for page in starting_pages():
        if page_model.objects.filter(slug=page["slug"]).exists():
            continue
        text = {}
        # Each language the file has text for; the others fall back on the page
        # (nothing is written for a language the city has not published).
        for lang in language_codes():
            if f"title_{lang}" not in page:
                continue
            body = sanitize(page[f"body_{lang}"].strip())
            text[localized("title", lang)] = page[f"title_{lang}"]
            text[localized("body", lang)] = body
            text[localized("body_text", lang)] = text_of(body)
        # The untranslated columns hold the default language, as modeltranslation
        # writes them.
        for field in ("title", "body", "body_text"):
            text[field] = text[localized(field, default_language())]
        page_model.objects.create(
            slug=page["slug"],
            order=page["order"],
            emphasised=page.get("emphasised", False),
            status="published",
            needs_review=True,
            **text,
        )
        created += 1
    return created
