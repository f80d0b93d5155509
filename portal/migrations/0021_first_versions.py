"""Give every content row without history a first version.

The site pages of migration 0019 (and anything else written outside the admin
and ``import_seeds``, which record their own) had no version, so the first bad
edit of one could not be undone: the history held only the edit. Each such row
now gets a revision of its own holding the row as it is (a programme with its
FAQ entries, as django-reversion follows them), commented "Added.".

The models are listed here as they were at this migration, not read from
``portal.models.public``: a model added later does not exist yet at this point.
"""

import json

from django.core import serializers
from django.db import migrations, models
from django.db.models.functions import Cast
from django.utils import timezone

# Model name → the related names django-reversion follows for it (apps.py).
CONTENT = {
    "post": (),
    "program": ("faq_entries",),
    "faqentry": (),
    "partner": (),
    "image": (),
    "policyfield": (),
    "page": (),
}
# What django-reversion's admin history shows, in the reader's language:
# Django's change message for an added object.
ADDED = json.dumps([{"added": {}}])
REPR_FIELDS = ("title", "name", "question", "alt_text", "slug")


def _repr(obj) -> str:
    for name in REPR_FIELDS:
        value = getattr(obj, name, "")
        if value:
            return str(value)[:200]
    return f"{obj._meta.verbose_name} {obj.pk}"


def record_first_versions(apps, schema_editor):
    Revision = apps.get_model("reversion", "Revision")
    Version = apps.get_model("reversion", "Version")
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    now = timezone.now()
    for model_name, follow in CONTENT.items():
        model = apps.get_model("portal", model_name)
        content_type, _created = ContentType.objects.get_or_create(
            app_label="portal", model=model_name
        )
        recorded = (
            Version.objects.filter(content_type=content_type)
            .annotate(row=Cast("object_id", models.BigIntegerField()))
            .values("row")
        )
        for obj in model.objects.exclude(pk__in=recorded).iterator():
            # Dated when the row was last written, not when this migration ran.
            written = getattr(obj, "updated_at", None) or now
            revision = Revision.objects.create(date_created=written, comment=ADDED)
            rows = [obj]
            for name in follow:
                rows += list(getattr(obj, name).all())
            for row in rows:
                row_type, _created = ContentType.objects.get_or_create(
                    app_label="portal", model=row._meta.model_name
                )
                Version.objects.create(
                    revision=revision,
                    object_id=str(row.pk),
                    content_type=row_type,
                    db=db,
                    format="json",
                    serialized_data=serializers.serialize("json", [row]),
                    object_repr=_repr(row),
                )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0020_page_permissions"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(record_first_versions, migrations.RunPython.noop)
    ]
