"""History messages in the reader's language.

Django stores what a save changed as JSON naming each field by its form label,
taken with translation switched off ("Title [English]", "Kind"), and translates
those labels when the history is shown with ``gettext(label)``. That finds
nothing: the catalogues hold the verbose names ("kind"), not their capitalised
form labels, and no catalogue can hold every "field [language]" pair. So a
Korean admin read "Title [English]을(를) 변경하였습니다." django-reversion made it
worse by storing the message already rendered in the saver's language as the
revision's comment ("Kind, Slug 또한 Video link가 변경되었습니다." in the
English admin).

Here the stored labels are matched back to the model's fields and shown with
their verbose names in the reader's language; the admin stores the JSON, not
the rendered text, as the revision's comment (``base.PortalAdmin``), and a
restore is stored as a ``reverted`` entry with its date.
"""

import json
from functools import cache

from django.contrib.admin.models import LogEntry
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext, override
from modeltranslation.fields import TranslationField

# What a restore stores; shown as reversion's own "Reverted to previous version".
REVERTED = "reverted"
# What a translation file import stores (portal.admin.vendor_files.applying).
TRANSLATION_IMPORT = "translation_import"


def reverted_message(saved_on) -> str:
    """The stored message of a restore of the version saved at ``saved_on``."""
    return json.dumps([{REVERTED: {"datetime": saved_on.isoformat()}}])


@cache
def _fields_by_label(model: type[models.Model]) -> dict[str, models.Field]:
    """Each field of ``model`` under the labels a stored message may name it by:
    its untranslated form label, and modeltranslation's older "Title [en]"."""
    fields = {}
    with override(None):
        for field in model._meta.get_fields():
            if not hasattr(field, "verbose_name"):
                continue
            fields[str(capfirst(field.verbose_name))] = field
            fields[field.name] = field
            if isinstance(field, TranslationField):
                original = capfirst(field.translated_field.verbose_name)
                fields[f"{original} [{field.language}]"] = field
    return fields


@cache
def _models_by_name(model: type[models.Model]) -> dict[str, type[models.Model]]:
    """``model`` and the models edited inline with it, by untranslated name."""
    related = [model, *(rel.related_model for rel in model._meta.related_objects)]
    with override(None):
        return {str(each._meta.verbose_name): each for each in related}


def field_label(model: type[models.Model] | None, label: str) -> str:
    """A stored field label in the reader's language."""
    field = _fields_by_label(model).get(label) if model else None
    if field is None:
        return gettext(label)
    return str(capfirst(field.verbose_name))


def _translate_labels(entry: dict, model: type[models.Model] | None) -> None:
    if model is not None and "name" in entry:
        model = _models_by_name(model).get(entry["name"])
    if "fields" in entry:
        entry["fields"] = [field_label(model, label) for label in entry["fields"]]


def _imported(details: dict, model: type[models.Model] | None) -> str:
    fields = [field_label(model, label) for label in details.get("fields", [])]
    return gettext("Imported from the translation file “%(file)s”: %(fields)s.") % {
        "file": details.get("file", ""),
        "fields": ", ".join(fields),
    }


def describe_change(message: str, model: type[models.Model] | None) -> str:
    """A stored change message (a LogEntry's, or a revision's comment) as a
    sentence in the active language. Text that is not JSON (an import's comment,
    a message saved before this) is shown as it was stored."""
    try:
        entries = json.loads(message) if message.startswith("[") else None
    except json.JSONDecodeError:
        entries = None
    if not isinstance(entries, list):
        return gettext(message) if message else ""
    sentences = []
    for entry in entries:
        if TRANSLATION_IMPORT in entry:
            sentences.append(_imported(entry[TRANSLATION_IMPORT], model))
            continue
        if REVERTED in entry:
            saved_on = parse_datetime(entry[REVERTED].get("datetime", ""))
            sentences.append(
                gettext("Reverted to previous version, saved on %(datetime)s")
                % {"datetime": formats.localize(timezone.localtime(saved_on))}
                if saved_on
                else ""
            )
            continue
        for part in entry.values():
            if isinstance(part, dict):
                _translate_labels(part, model)
        # Django's sentences ("Changed {fields}."), now given translated labels.
        sentences.append(
            LogEntry(change_message=json.dumps([entry])).get_change_message()
        )
    return " ".join(sentence for sentence in sentences if sentence)
