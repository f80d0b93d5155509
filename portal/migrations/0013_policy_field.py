"""One name for one concept: the Category model becomes PolicyField, and a post's
``category`` its ``policy_field``, as visitors and staff have always read them.

Data stays where it is: the table and the column are renamed, permissions keep
their groups under the new codenames, and saved versions in the history are
rewritten so that old versions still restore their policy field.
"""

import json

import django.db.models.deletion
from django.db import migrations, models

OLD, NEW = "category", "policyfield"


def _rename(apps, old_model, new_model, old_field, new_field):
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(
        content_type__app_label="portal", codename__endswith=f"_{old_model}"
    ):
        permission.codename = permission.codename[: -len(old_model)] + new_model
        permission.save(update_fields=["codename"])

    Version = apps.get_model("reversion", "Version")
    versions = Version.objects.filter(
        content_type__app_label="portal",
        content_type__model__in=["post", old_model, new_model],
    )
    for version in versions.iterator():
        if version.format != "json":
            continue
        objects = json.loads(version.serialized_data)
        for obj in objects:
            if obj.get("model") == f"portal.{old_model}":
                obj["model"] = f"portal.{new_model}"
            fields = obj.get("fields", {})
            if old_field in fields:
                fields[new_field] = fields.pop(old_field)
        version.serialized_data = json.dumps(objects)
        version.save(update_fields=["serialized_data"])


def forwards(apps, schema_editor):
    _rename(apps, OLD, NEW, "category", "policy_field")


def backwards(apps, schema_editor):
    _rename(apps, NEW, OLD, "policy_field", "category")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0012_search_tables"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="post", name="portal_post_categor_da9f03_idx"),
        migrations.RenameModel(old_name="Category", new_name="PolicyField"),
        migrations.RenameField(
            model_name="post", old_name="category", new_name="policy_field"
        ),
        migrations.AlterField(
            model_name="post",
            name="policy_field",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="posts",
                to="portal.policyfield",
                verbose_name="policy field",
            ),
        ),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(
                fields=["policy_field", "-published_at", "-id"],
                name="portal_post_policy__4b128e_idx",
            ),
        ),
        migrations.RunPython(forwards, backwards),
        # A new index has no statistics until ANALYZE, and SQLite then mis-plans
        # the queries that use the others (as in 0011).
        migrations.RunSQL('ANALYZE "portal_post"', migrations.RunSQL.noop),
    ]
