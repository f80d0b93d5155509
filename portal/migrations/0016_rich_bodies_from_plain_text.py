"""Post bodies and programme descriptions were plain text; they are HTML now.

Each is converted the way the import now writes bodies (paragraphs, lists and
subheadings, everything escaped, then sanitised), and its text column is filled
for search. The app's own functions are used on purpose, as migration 0004 does:
a converted body must equal what a re-import writes, or the import would take
every migrated post for one edited by staff. For the same reason each imported
post that staff had not edited gets its import fingerprint worked out again over
the converted body. Reversing turns HTML back into the text it holds.
"""

import hashlib
import itertools
import json
from datetime import UTC

from django.db import migrations

from portal.text.rich import sanitize, text_of
from portal.text.plain import render_text

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


def _fingerprint(values: dict) -> str:
    """What portal.seeds.importer fingerprinted, frozen here as it was."""

    def normal(value):
        return value.astimezone(UTC).isoformat() if hasattr(value, "astimezone") else value

    data = json.dumps({k: normal(v) for k, v in values.items()}, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()


def _imported_values(post, body_of) -> dict | None:
    """The values the import last wrote to ``post``, if the row still holds them.

    The import wrote each text to the column of its own language only; a column
    filled in both languages may be a translation staff added, so each choice is
    tried against the stored fingerprint.
    """
    base = {
        "kind": post.kind,
        "published_at": post.published_at,
        "author": post.author,
        "needs_review": post.needs_review,
    }
    choices = []
    for name in ("title", "summary", "body"):
        filled = [f"{name}_{code}" for code in ("ko", "en") if getattr(post, f"{name}_{code}")]
        choices.append([[column] for column in filled] or [[]])
    for combination in itertools.product(*choices):
        columns = [column for group in combination for column in group]
        values = {**base, **{column: getattr(post, column) for column in columns}}
        if _fingerprint(values) == post.import_fingerprint:
            return {
                key: body_of(value) if key.startswith("body_") else value
                for key, value in values.items()
            }
    return None


def _refresh_fingerprints(apps, convert) -> None:
    post_model = apps.get_model("portal", "Post")
    changed = []
    for post in post_model.objects.exclude(import_fingerprint=""):
        values = _imported_values(post, convert)
        if values is not None:
            post.import_fingerprint = _fingerprint(values)
            changed.append(post)
    post_model.objects.bulk_update(changed, ["import_fingerprint"], batch_size=500)


def to_html(apps, schema_editor):
    convert = lambda value: sanitize(render_text(value)) if value.strip() else ""  # noqa: E731
    _refresh_fingerprints(apps, convert)
    _convert(apps, convert, fill_text=True)


def to_text(apps, schema_editor):
    _convert(apps, lambda value: text_of(value).replace("\n", "\n\n"), fill_text=False)


class Migration(migrations.Migration):
    dependencies = [("portal", "0015_images_and_rich_bodies")]

    operations = [migrations.RunPython(to_html, to_text)]
