"""The privacy, copyright and accessibility pages, with the starting text of
``portal/models/starting_pages.toml``, published and marked for review.

A page whose slug already exists is left as it is, so running this on a site that
made its own keeps the operator's text.
"""

from django.db import migrations

from portal.models.starting_pages import create_starting_pages, starting_pages


def create_pages(apps, schema_editor):
    create_starting_pages(apps.get_model("portal", "Page"))


def remove_pages(apps, schema_editor):
    apps.get_model("portal", "Page").objects.filter(
        slug__in=[page["slug"] for page in starting_pages()], needs_review=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0018_pages_program_details_featured")]

    operations = [migrations.RunPython(create_pages, remove_pages)]
