import time

from django.db import migrations


def from_the_clock(apps, schema_editor):
    # As ContentVersion.move_past_the_clock(): a fresh database's pages must
    # never be filed under numbers an older database sharing the cache reached.
    ContentVersion = apps.get_model("portal", "ContentVersion")
    now = time.time_ns() // 1000
    ContentVersion.objects.filter(pk=1, version__lt=now).update(version=now)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0039_tombstone_days"),
    ]

    operations = [migrations.RunPython(from_the_clock, migrations.RunPython.noop)]
