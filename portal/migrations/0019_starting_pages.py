"""The privacy, copyright and accessibility pages, with the starting text of
``portal/content/starting_pages.toml``, published and marked for review.

A page whose slug already exists is left as it is, so running this on a site that
made its own keeps the operator's text.
"""

import tomllib
from pathlib import Path

from django.db import migrations

from portal.content.rich import sanitize, text_of

STARTING_TEXT = Path(__file__).resolve().parent.parent / "content" / "starting_pages.toml"


def create_pages(apps, schema_editor):
    Page = apps.get_model("portal", "Page")
    pages = tomllib.loads(STARTING_TEXT.read_text(encoding="utf-8"))["page"]
    for page in pages:
        if Page.objects.filter(slug=page["slug"]).exists():
            continue
        text = {}
        for lang in ("ko", "en"):
            body = sanitize(page[f"body_{lang}"].strip())
            text[f"title_{lang}"] = page[f"title_{lang}"]
            text[f"body_{lang}"] = body
            text[f"body_text_{lang}"] = text_of(body)
        # The untranslated columns hold the default language, as modeltranslation
        # writes them.
        for field in ("title", "body", "body_text"):
            text[field] = text[f"{field}_ko"]
        Page.objects.create(
            slug=page["slug"],
            order=page["order"],
            emphasised=page.get("emphasised", False),
            status="published",
            needs_review=True,
            **text,
        )


def remove_pages(apps, schema_editor):
    Page = apps.get_model("portal", "Page")
    pages = tomllib.loads(STARTING_TEXT.read_text(encoding="utf-8"))["page"]
    Page.objects.filter(
        slug__in=[page["slug"] for page in pages], needs_review=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0018_pages_program_details_featured")]

    operations = [migrations.RunPython(create_pages, remove_pages)]
