"""The seventeen goals' rows, and the editorial roles' rights on policy cases.

Editors write, publish and delete cases and departments; Translators change the
text in their languages, of cases (milestones, outcomes and change notes are
edited inside them) and of departments, and cannot add, delete or publish.
"""

from django.db import migrations

from portal.migrations import _roles

TRANSLATED = ["policycase", "milestone", "outcome", "changenote", "department"]
EDITORS = [
    f"{action}_{model}"
    for model in TRANSLATED
    for action in ("add", "change", "delete", "view")
] + ["publish_policycase", "view_sustainabledevelopmentgoal"]
TRANSLATORS = [
    f"{action}_{model}" for model in TRANSLATED for action in ("change", "view")
]
GOALS = range(1, 18)


def forwards(apps, schema_editor):
    Goal = apps.get_model("portal", "SustainableDevelopmentGoal")
    Goal.objects.bulk_create(
        [Goal(number=number) for number in GOALS], ignore_conflicts=True
    )
    _roles.grant(apps, {"Editors": EDITORS, "Translators": TRANSLATORS})


def backwards(apps, schema_editor):
    _roles.revoke(apps, EDITORS)


class Migration(migrations.Migration):
    dependencies = [("portal", "0028_policy_cases")]

    operations = [migrations.RunPython(forwards, backwards)]
