"""The languages each Translator writes; Editors assign them.

Translators who were here before keep what they could do: every language but
the default one.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from portal.migrations import _roles

EDITORS = [
    "add_translatorlanguages",
    "change_translatorlanguages",
    "delete_translatorlanguages",
    "view_translatorlanguages",
]


def assign(apps, schema_editor):
    _roles.grant(apps, {"Editors": EDITORS})
    TranslatorLanguages = apps.get_model("portal", "TranslatorLanguages")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    others = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    for user in User.objects.filter(groups__name="Translators"):
        TranslatorLanguages.objects.get_or_create(user=user, defaults={"languages": others})


def unassign(apps, schema_editor):
    _roles.revoke(apps, EDITORS)


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0026_six_languages'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='TranslatorLanguages',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('languages', models.JSONField(blank=True, default=list, help_text='The languages this translator may write. The text of the others is shown to them read-only.', verbose_name='languages')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='translator_languages', to=settings.AUTH_USER_MODEL, verbose_name='translator')),
            ],
            options={
                'verbose_name': "translator's languages",
                'verbose_name_plural': "translators' languages",
                'ordering': ['user__username'],
            },
        ),
        migrations.RunPython(assign, unassign),
    ]
