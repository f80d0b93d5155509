"""Split revisions that hold several objects into one revision per object.

The import saved up to 500 rows in one revision, and the admin's publish actions
and editable list columns saved every row they touched in one. The admin restores
whole revisions, so restoring one post's version reverted every row saved with it.
From now on each object gets its own revision; this migration splits the old ones.
An object keeps its followed children (a programme's FAQ entries) in its revision.
"""

import json

from django.db import migrations
from django.db.models import Count


def split(apps, schema_editor):
    Revision = apps.get_model("reversion", "Revision")
    Version = apps.get_model("reversion", "Version")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kinds = {
        ct.model: ct.pk
        for ct in ContentType.objects.filter(
            app_label="portal", model__in=["faqentry", "program"]
        )
    }
    shared = Revision.objects.annotate(n=Count("version")).filter(n__gt=1)
    for revision in shared.iterator():
        groups = {}
        for version in Version.objects.filter(revision=revision).order_by("pk"):
            root = (version.content_type_id, version.object_id)
            if version.content_type_id == kinds.get("faqentry"):
                try:
                    fields = json.loads(version.serialized_data)[0]["fields"]
                    root = (kinds.get("program"), str(fields["program"]))
                except (ValueError, LookupError, TypeError):
                    pass
            groups.setdefault(root, []).append(version.pk)
        for pks in list(groups.values())[1:]:
            copy = Revision.objects.create(
                date_created=revision.date_created,
                user_id=revision.user_id,
                comment=revision.comment,
            )
            Version.objects.filter(pk__in=pks).update(revision=copy)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0013_policy_field"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(split, migrations.RunPython.noop)]
