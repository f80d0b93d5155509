"""Create the Editors and Translators groups with their permissions.

Editors create, edit, publish and delete all content; Translators edit existing
content but cannot add, publish, unpublish or delete. Superusers manage users.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = ["post", "program", "faqentry", "partner", "category"]
EDITORS = [
    f"{action}_{model}" for model in CONTENT for action in ("add", "change", "delete", "view")
] + ["publish_post", "publish_program"]
# Translators only translate: without add or delete, the programme form's FAQ inline
# lets them edit the existing entries and nothing more.
TRANSLATORS = [f"{action}_{model}" for model in CONTENT for action in ("change", "view")]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Editors", EDITORS), ("Translators", TRANSLATORS)):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label="portal", codename__in=codenames
            )
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Editors", "Translators"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_publishing"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
