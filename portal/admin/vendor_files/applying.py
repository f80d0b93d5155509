"""A vendor's returned file: what it would change, and applying what is valid.

The preview judges every unit against the database as it is now, so a preview
shown again (or applied later) reflects edits made since the upload. A unit is
applied only when it names a translated field of a public object, its markup
is intact, its source is still the one exported, its language is one the
person may write and is not the field's source language, and its text differs
from the current translation. Each object is saved on its own, in its own
transaction and revision, through ``save()``, so history, freshness marks and
search see an import like any other edit.
"""

import dataclasses
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import reversion
from django.contrib.auth import get_permission_codename
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.admin.change_messages import TRANSLATION_IMPORT
from portal.admin.roles import translator_languages
from portal.admin.vendor_files.selection import entry_for, is_rich
from portal.exchange import po, xliff
from portal.exchange.markup import check_html
from portal.exchange.units import Returned, ReturnedFile, UnreadableFile
from portal.freshness import source_language
from portal.languages import default_language, language_codes, localized
from portal.models import TranslationUpload
from portal.models.fields import TextOfField
from portal.models.freshness import fingerprint
from portal.text.rich import sanitize

CHANGED, UNCHANGED, REJECTED = "changed", "unchanged", "rejected"

UNKNOWN = _("Unknown unit: no such item or translated field.")
SOURCE_CHANGED = _("The source text has changed since the file was made.")
NOT_ALLOWED = _("You may not write translations in this language.")
SAME_LANGUAGE = _("The target language is this text's source language.")
TOO_LONG = _("The translation is longer than the field allows (%(limit)s characters).")
LEFT_EMPTY = _("Not translated in the file; the current translation is kept.")


def file_format(data: bytes) -> str:
    """XLIFF when the content starts like XML, PO otherwise."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf").lstrip()
    return "xliff" if head.startswith(b"<") else "po"


def read(data: bytes) -> ReturnedFile:
    """The file's units; UnreadableFile when it is no usable translation file."""
    reader = xliff if file_format(data) == "xliff" else po
    returned = reader.read(data)
    if returned.source_language not in language_codes():
        raise UnreadableFile(
            gettext(
                "The file does not name a source language of this site "
                "(it says “%(language)s”)."
            )
            % {"language": returned.source_language[:40] or "—"}
        )
    if returned.target_language not in language_codes():
        raise UnreadableFile(
            gettext(
                "The file does not name a target language of this site "
                "(it says “%(language)s”)."
            )
            % {"language": returned.target_language or "—"}
        )
    return returned


@dataclass
class Row:
    """One unit of the file, judged."""

    unit_id: str
    outcome: str
    reason: str = ""
    kind: str = ""  # the model's name
    title: str = ""  # the object's
    field_label: str = ""
    old: str = ""
    new: str = ""
    rich: bool = False
    obj: models.Model | None = None
    field: str = ""


@dataclass
class Preview:
    source_language: str
    target_language: str
    rows: list[Row]
    counts: Counter = field(default_factory=Counter)

    def of(self, outcome: str) -> list[Row]:
        return [row for row in self.rows if row.outcome == outcome]


def writable_languages(user, model: type[models.Model], request=None) -> list[str]:
    """The languages ``user`` may write in ``model``'s rows: every one for whoever
    may add them (Editors), their own for Translators, none otherwise."""
    opts = model._meta
    if user.has_perm(f"{opts.app_label}.{get_permission_codename('add', opts)}"):
        return language_codes()
    if request is not None and user.has_perm(
        f"{opts.app_label}.{get_permission_codename('change', opts)}"
    ):
        return translator_languages(request)
    return []


def stored(returned: ReturnedFile) -> list[list[str]]:
    """The units as ``TranslationUpload.units`` keeps them, without the NUL
    characters no field may hold (PostgreSQL refuses them even in JSON)."""
    return [
        [value.replace("\x00", "") for value in (unit.id, unit.source, unit.target)]
        + [unit.problem, unit.checked]
        for unit in returned.units
    ]


def preview(upload: TranslationUpload, request) -> Preview:
    target = upload.target_language
    if target not in language_codes():  # a language since removed from the site
        raise UnreadableFile(
            gettext("The file's target language is not a language of this site.")
        )
    units = [Returned(*values) for values in upload.units]
    objects = _objects(units)
    rows = [_judge(unit, target, objects, request) for unit in units]
    return Preview(
        upload.source_language,
        target,
        rows,
        Counter(row.outcome for row in rows),
    )


# The only spelling of a unit id the export writes (selection.unit_id): a file
# naming the same field as "portal.POST.01.title" too would apply it twice.
UNIT_ID = re.compile(r"[a-z_]+\.[a-z_]+\.[1-9][0-9]*\.[a-z_]+")


def _parse(unit_id: str):
    """(entry, pk, field) of a unit id, or None."""
    if not UNIT_ID.fullmatch(unit_id):
        return None
    parts = unit_id.split(".")
    entry = entry_for(f"{parts[0]}.{parts[1]}")
    if entry is None or parts[3] not in entry.model.translated_field_names():
        return None
    return entry, int(parts[2]), parts[3]


def _objects(units: list[Returned]) -> dict:
    """Every object the file names, one query per model."""
    wanted: dict = {}
    for unit in units:
        parsed = _parse(unit.id)
        if parsed:
            entry, pk, _name = parsed
            wanted.setdefault(entry.model, set()).add(pk)
    found = {}
    for model, pks in wanted.items():
        for obj in model._default_manager.filter(pk__in=pks):
            found[(model, obj.pk)] = obj
    return found


def _judge(unit: Returned, target: str, objects: dict, request) -> Row:
    parsed = _parse(unit.id)
    obj = objects.get((parsed[0].model, parsed[1])) if parsed else None
    if obj is None:
        return Row(unit.id, REJECTED, str(UNKNOWN), new=unit.target)
    entry, _pk, name = parsed
    model = entry.model
    rich = is_rich(model, name)
    row = Row(
        unit.id,
        UNCHANGED,
        kind=str(capfirst(model._meta.verbose_name)),
        title=str(obj),
        field_label=str(capfirst(model._meta.get_field(name).verbose_name)),
        old=getattr(obj, localized(name, target)) or "",
        rich=rich,
        obj=obj,
        field=name,
    )
    code = source_language(lambda column: getattr(obj, column), name)
    if rich and not unit.checked and not unit.problem and unit.target.strip():
        # The field decides what is rich text, not the file: a PO entry whose
        # flag was removed is checked tag by tag all the same.
        unit = dataclasses.replace(unit, problem=check_html(unit.source, unit.target))
    if unit.problem:
        # A translation that already differed in structure from its source,
        # returned as it was, is not the vendor's doing: nothing to apply.
        if unit.target and _cleaned(unit.target, rich, True) == row.old:
            row.new = row.old
            return row
        return _rejected(row, unit.problem)
    if code == target:
        return _rejected(row, SAME_LANGUAGE)
    if target not in writable_languages(request.user, entry.admin_model(), request):
        return _rejected(row, NOT_ALLOWED)
    current = (getattr(obj, localized(name, code)) or "") if code else ""
    exported = sanitize(unit.source) if rich and unit.source != current else unit.source
    if fingerprint(exported) != fingerprint(current):
        return _rejected(row, SOURCE_CHANGED)
    if not unit.target.strip():
        row.reason = str(LEFT_EMPTY) if row.old else ""
        return row
    if unit.target == row.old:
        row.new = row.old
        return row
    column = model._meta.get_field(localized(name, target))
    row.new = _cleaned(unit.target, rich, isinstance(column, models.TextField))
    limit = column.max_length
    if limit and len(row.new) > limit:
        return _rejected(row, TOO_LONG % {"limit": limit})
    if row.new != row.old:
        row.outcome = CHANGED
    return row


def _written(model: type[models.Model], columns: list[str]) -> list[str]:
    """The columns a save of translations writes: those translations, the plain
    text worked out from a rich one (TextOfField) and the time of the change.
    Writing only these keeps the other languages' bodies from being sanitised
    and re-indexed for nothing."""
    written = list(columns)
    for model_field in model._meta.concrete_fields:
        source = getattr(model_field, "source", None)
        language = getattr(model_field, "language", None)
        if isinstance(model_field, TextOfField) and language and source:
            if localized(source, language) in columns:
                written.append(model_field.name)
        if getattr(model_field, "auto_now", False):
            written.append(model_field.name)
    return written


def _rejected(row: Row, reason) -> Row:
    row.outcome = REJECTED
    row.reason = str(reason)
    return row


def _cleaned(text: str, rich: bool, multiline: bool) -> str:
    """Rich text through the allow-list; plain text without control characters,
    line breaks kept where the field holds several lines (a one-line field gets
    a space instead)."""
    if rich:
        return sanitize(text)
    if not multiline:
        text = " ".join(text.splitlines())
    return "".join(
        char for char in text if char in "\r\n\t" or unicodedata.category(char) != "Cc"
    )


@dataclass(frozen=True)
class Applied:
    objects: int
    units: int
    already: bool = False


def apply(upload: TranslationUpload, request) -> Applied:
    """Write the valid changed units, one object at a time; a second call does
    nothing."""
    claimed = TranslationUpload.objects.filter(
        pk=upload.pk, applied_at__isnull=True
    ).update(applied_at=timezone.now(), applied_by=request.user)
    if not claimed:
        return Applied(0, 0, already=True)
    result = preview(upload, request)
    by_object: dict = {}
    for row in result.of(CHANGED):
        by_object.setdefault((type(row.obj), row.obj.pk), []).append(row)
    try:
        units = _write(upload, result, by_object, request)
    except BaseException:
        # Written objects stay written (each is whole); the file may be applied
        # again, and what is already in shows as unchanged.
        TranslationUpload.objects.filter(pk=upload.pk).update(
            applied_at=None, applied_by=None
        )
        raise
    TranslationUpload.objects.filter(pk=upload.pk).update(applied_units=units)
    return Applied(len(by_object), units)


def _write(upload, result, by_object, request) -> int:
    units = 0
    for changes in by_object.values():
        obj = changes[0].obj
        columns = [localized(row.field, result.target_language) for row in changes]
        comment = json.dumps(
            [{TRANSLATION_IMPORT: {"file": upload.filename, "fields": columns}}]
        )
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(comment)
            for row, column in zip(changes, columns, strict=True):
                setattr(obj, column, row.new)
            # A default-language text is also the untranslated column
            # modeltranslation keeps: a whole save, as the admin does.
            default = result.target_language == default_language()
            obj.save(update_fields=None if default else _written(type(obj), columns))
        units += len(changes)
    return units
