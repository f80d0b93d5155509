"""Editors manage the image library; Translators describe images in their language.

Same rights as for the other content (migration 0003): Translators change alt
text, captions and credits, but cannot add or delete images.
"""

from django.db import migrations

from portal.migrations import _roles

EDITORS = ["add_image", "change_image", "delete_image", "view_image"]
TRANSLATORS = ["change_image", "view_image"]


def grant(apps, schema_editor):
    _roles.grant(apps, {"Editors": EDITORS, "Translators": TRANSLATORS})


def revoke(apps, schema_editor):
    _roles.revoke(apps, EDITORS)


class Migration(migrations.Migration):
    dependencies = [("portal", "0016_rich_bodies_from_plain_text")]

    operations = [migrations.RunPython(grant, revoke)]
