from django.db import migrations

from portal.migrations import _roles

# Editors manage redirects (django.contrib.redirects: old addresses and their
# new pages); Translators get nothing.
RIGHTS = ["add_redirect", "change_redirect", "delete_redirect", "view_redirect"]


def grant(apps, schema_editor):
    _roles.grant(apps, {"Editors": RIGHTS}, app_label="redirects")


def revoke(apps, schema_editor):
    _roles.revoke(apps, RIGHTS, app_label="redirects")


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0037_import_fields"),
        ("sites", "0001_initial"),
        ("redirects", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(grant, revoke),
    ]
