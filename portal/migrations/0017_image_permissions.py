"""Editors manage the image library; Translators describe images in their language.

Same rights as for the other content (migration 0003): Translators change alt
text, captions and credits, but cannot add or delete images.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = ["add_image", "change_image", "delete_image", "view_image"]
TRANSLATORS = ["change_image", "view_image"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Editors", EDITORS), ("Translators", TRANSLATORS)):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="portal", codename__in=codenames
            )
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(
        name__in=["Editors", "Translators"]
    ):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="portal", codename__in=EDITORS
            )
        )


class Migration(migrations.Migration):
    dependencies = [("portal", "0016_rich_bodies_from_plain_text")]

    operations = [migrations.RunPython(grant, revoke)]
