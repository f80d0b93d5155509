"""Post bodies and programme descriptions were plain text; they are HTML now.

Each is converted the way the import now writes bodies (paragraphs, lists and
subheadings, everything escaped, then sanitised), and its text column is filled
for search. The app's own functions are used on purpose, as migration 0004 does:
a converted body must equal what a re-import writes, or the import would take
every migrated post for one edited by staff. Reversing turns HTML back into the
text it holds.
"""

from django.db import migrations

from portal.content.rich import sanitize, text_of
from portal.content.text import render_text

FIELDS = {"post": ("body", "body_text"), "program": ("description", "description_text")}
LANGUAGES = ("", "_ko", "_en")


def _convert(apps, convert, *, fill_text):
    for model_name, (rich, text) in FIELDS.items():
        model = apps.get_model("portal", model_name)
        changed = []
        for obj in model.objects.only("pk", *(rich + lang for lang in LANGUAGES)):
            for lang in LANGUAGES:
                value = getattr(obj, rich + lang) or ""
                new = convert(value) if value.strip() else ""
                setattr(obj, rich + lang, new)
                if fill_text:
                    setattr(obj, text + lang, text_of(new))
            changed.append(obj)
        names = [rich + lang for lang in LANGUAGES]
        if fill_text:
            names += [text + lang for lang in LANGUAGES]
        model.objects.bulk_update(changed, names, batch_size=500)


def to_html(apps, schema_editor):
    _convert(apps, lambda value: sanitize(render_text(value)), fill_text=True)


def to_text(apps, schema_editor):
    _convert(apps, lambda value: text_of(value).replace("\n", "\n\n"), fill_text=False)


class Migration(migrations.Migration):
    dependencies = [("portal", "0015_images_and_rich_bodies")]

    operations = [migrations.RunPython(to_html, to_text)]
