"""Editors write and publish site pages; Translators translate them.

Same rights as for the other content (migrations 0003 and 0017): Translators
change the text in their language but cannot add, delete or publish pages.
"""

from django.db import migrations

from portal.migrations import _roles

EDITORS = ["add_page", "change_page", "delete_page", "view_page", "publish_page"]
TRANSLATORS = ["change_page", "view_page"]


def grant(apps, schema_editor):
    _roles.grant(apps, {"Editors": EDITORS, "Translators": TRANSLATORS})


def revoke(apps, schema_editor):
    _roles.revoke(apps, EDITORS)


class Migration(migrations.Migration):
    dependencies = [("portal", "0019_starting_pages")]

    operations = [migrations.RunPython(grant, revoke)]
