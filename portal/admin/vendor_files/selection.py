"""Choosing content for a vendor and turning it into file units.

A unit is one translated field of one object, identified for good by
``<app_label>.<model_name>.<pk>.<field>``; its source is the field's text in
its source language (portal.freshness.source_language), its target the current
translation. Queries are bounded by the number of models, never by the number
of objects: one query for the rows of each model and one for its out-of-date
marks in each language.
"""

import io
import zipfile
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from portal import glossary
from portal.exchange import po, xliff
from portal.exchange.units import Unit
from portal.freshness import source_language
from portal.languages import language_codes, localized
from portal.models import PolicyField, StaleTranslation
from portal.models.base import PublishableModel
from portal.models.fields import RichTextField
from portal.models.public import PUBLIC_CONTENT, PublicContent

WRITERS = {"xliff": xliff, "po": po}
EXTENSIONS = {"xliff": "xlf", "po": "po"}
CONTENT_TYPES = {"xliff": "application/xliff+xml", "po": "text/x-gettext-translation"}


class State(models.TextChoices):
    ALL = "all", _("Everything")
    MISSING = "missing", _("Missing in the language")
    STALE = "stale", _("Out of date in the language")
    MISSING_OR_STALE = "missing_or_stale", _("Missing or out of date")


class Status(models.TextChoices):
    ALL = "all", _("Drafts and published")
    DRAFT = PublishableModel.Status.DRAFT.value, _("Drafts only")
    PUBLISHED = PublishableModel.Status.PUBLISHED.value, _("Published only")


@dataclass(frozen=True)
class Selection:
    entries: tuple[PublicContent, ...]
    policy_field: PolicyField | None = None
    status: str = Status.ALL
    state: str = State.ALL


def exportable() -> list[PublicContent]:
    """Every public model with text staff translate."""
    return [entry for entry in PUBLIC_CONTENT if entry.model.translated_field_names()]


def entry_for(label: str) -> PublicContent | None:
    """The exportable entry of a model label ("portal.Post"), any case."""
    for entry in exportable():
        if entry.label.lower() == label.lower():
            return entry
    return None


def glossary_pairs(
    source_text: str, source_language: str, target_language: str, terms
) -> tuple[tuple[str, str], ...]:
    """Approved (term, translation) pairs of ``terms`` (``glossary.entries()``,
    read once per file) found in ``source_text``."""
    return tuple(glossary.matches(source_text, source_language, target_language, terms))


def unit_id(obj: models.Model, field: str) -> str:
    opts = obj._meta
    return f"{opts.app_label}.{opts.model_name}.{obj.pk}.{field}"


def is_rich(model: type[models.Model], field: str) -> bool:
    return isinstance(model._meta.get_field(field), RichTextField)


def _lookup(entry: PublicContent, name: str) -> str | None:
    """The lookup reaching ``name`` (a field of the model, or of the parent it
    is edited in), or None when neither has it."""
    if any(field.name == name for field in entry.model._meta.fields):
        return name
    if entry.edited_in:
        parent = entry.admin_model()
        if any(field.name == name for field in parent._meta.fields):
            return f"{entry.edited_in}__{name}"
    return None


def has_policy_field(entry: PublicContent) -> bool:
    return _lookup(entry, "policy_field") is not None


def rows(entry: PublicContent, selection: Selection) -> models.QuerySet:
    """The rows of ``entry`` chosen by status and policy field; a filter the
    model (and its parent) has no field for leaves it alone."""
    queryset = entry.model._default_manager.order_by("pk")
    status = _lookup(entry, "status")
    if status and selection.status != Status.ALL:
        queryset = queryset.filter(**{status: selection.status})
    policy_field = _lookup(entry, "policy_field")
    if policy_field and selection.policy_field is not None:
        queryset = queryset.filter(**{policy_field: selection.policy_field})
    # The plain text worked out from rich bodies is never exported.
    derived = [
        localized(name, code)
        for name in translator.get_options_for_model(entry.model).fields
        if name not in entry.model.translated_field_names()
        for code in language_codes()
    ]
    return queryset.defer(*derived)


def units(selection: Selection, target: str) -> list[Unit]:
    """The units of ``selection`` for translation into ``target``."""
    found = []
    terms = glossary.entries()
    for entry in selection.entries:
        found.extend(_entry_units(entry, selection, target, terms))
    return found


def _entry_units(entry: PublicContent, selection: Selection, target: str, terms):
    model = entry.model
    fields = model.translated_field_names()
    queryset = rows(entry, selection)
    marks = StaleTranslation.objects.of_model(model).in_language(target)
    stale: set[tuple[int, str]] = set()
    if selection.state in (State.STALE, State.MISSING_OR_STALE):
        stale = set(marks.values_list("object_id", "field"))
    if selection.state == State.STALE:
        queryset = queryset.filter(pk__in=marks.object_ids())
    elif selection.state == State.MISSING:
        queryset = queryset.filter(model.missing_translation(target))
    elif selection.state == State.MISSING_OR_STALE:
        queryset = queryset.filter(
            model.missing_translation(target) | models.Q(pk__in=marks.object_ids())
        )
    kind = capfirst(model._meta.verbose_name)
    labels = {
        name: capfirst(model._meta.get_field(name).verbose_name) for name in fields
    }
    for obj in queryset.iterator(chunk_size=500):
        title = str(obj)
        values = obj.__dict__.get
        for name in fields:
            code = source_language(values, name)
            if code is None or code == target:
                continue
            text = getattr(obj, localized(name, code)) or ""
            current = getattr(obj, localized(name, target)) or ""
            if not _wanted(selection.state, current, (obj.pk, name) in stale):
                continue
            yield Unit(
                id=unit_id(obj, name),
                source=text,
                target=current,
                note=f"{kind} · {title} · {labels[name]}",
                rich=is_rich(model, name),
                glossary=glossary_pairs(text, code, target, terms),
            )


def _wanted(state: str, current: str, is_stale: bool) -> bool:
    missing = not current.strip()
    if state == State.MISSING:
        return missing
    if state == State.STALE:
        return is_stale
    if state == State.MISSING_OR_STALE:
        return missing or is_stale
    return True


def file_name(target: str, file_format: str, day: date) -> str:
    return f"portal-{target}-{day.isoformat()}.{EXTENSIONS[file_format]}"


@dataclass(frozen=True)
class Download:
    filename: str
    content_type: str
    data: bytes
    units: int


def export(
    selection: Selection,
    *,
    targets: list[str],
    file_format: str,
    source: str,
    day: date,
) -> Download:
    """One file per target language; several are put in one zip archive.

    ``source`` is the file's declared source language; a unit whose field is
    written in another one (an item written only in English) still carries that
    text, which is what the translator must work from.
    """
    writer = WRITERS[file_format]
    files = []
    count = 0
    for target in targets:
        found = units(selection, target)
        count += len(found)
        files.append(
            (file_name(target, file_format, day), writer.write(found, source, target))
        )
    if len(files) == 1:
        name, data = files[0]
        return Download(name, CONTENT_TYPES[file_format], data, count)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in files:
            bundle.writestr(name, data)
    return Download(
        f"portal-{day.isoformat()}.zip", "application/zip", archive.getvalue(), count
    )
