"""Keeping track of translations whose source changed (portal.models.freshness).

Declared once: ``track_public_content()`` hooks every translated field of every
model in ``PUBLIC_CONTENT`` when the app starts. On each save it compares the
row as stored with the row being saved:

- a source that changed marks each translation that was not rewritten in the
  same save out of date, keeping the source it was made from;
- a translation written or changed clears its mark (made from today's source);
- a source changed back to what a translation was made from clears the mark;
- a translation emptied is missing, not out of date.

Admin forms, change list edits, restores, the seed import and the translation
file import all save rows one by one, so all of them count. Rows created
without a save (``bulk_create``) start with nothing to be out of date against.
"""

from dataclasses import dataclass
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from portal.languages import (
    default_language,
    fallback_chain,
    language_codes,
    localized,
)
from portal.models.freshness import (
    Notice,
    StaleTranslation,
    fingerprint,
    normalized,
)


def source_languages() -> tuple[str, ...]:
    """Where a field's source is looked for, in order: the default language,
    then its fallbacks (an item written only in English has an English source)."""
    return (default_language(), *fallback_chain(default_language()))


def source_language(values, field: str) -> str | None:
    """The language of ``field``'s source, ``values`` giving a column's text."""
    for code in source_languages():
        if (values(localized(field, code)) or "").strip():
            return code
    return None


def tracked_fields(model) -> tuple[str, ...]:
    return getattr(model, "translated_field_names", tuple)()


@dataclass(frozen=True)
class Change:
    """A save, as the difference between the stored and the new row."""

    before: dict
    after: dict

    def source(self, field: str) -> tuple[str | None, str, str]:
        code = source_language(self.after.get, field)
        if code is None:
            return None, "", ""
        column = localized(field, code)
        return code, self.before.get(column) or "", self.after.get(column) or ""


@cache
def _columns(model) -> list[str]:
    return [
        localized(field, code)
        for field in tracked_fields(model)
        for code in language_codes()
    ]


def remember_stored(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before a save: the translated columns it writes, as the database holds
    them (all of them, unless ``update_fields`` names fewer: a translation
    import writes one language)."""
    instance._stored_translations = None
    # Raw saves are copies, not edits: loaddata, a restored backup, and
    # django-reversion restoring a version, which brings back its marks too.
    if raw or instance.pk is None:
        return
    columns = [
        column
        for column in _columns(sender)
        if update_fields is None or column in update_fields
    ]
    if not columns:
        return
    instance._stored_translations = (
        sender._default_manager.filter(pk=instance.pk).values(*columns).first()
    )


def compare_saved(sender, instance, created=False, raw=False, **kwargs):
    stored = getattr(instance, "_stored_translations", None)
    instance._stored_translations = None
    if raw or created or stored is None:
        return
    after = {column: getattr(instance, column, "") for column in _columns(sender)}
    # A column the save did not write is as it was.
    before = {**after, **stored}
    if before != after:
        record(instance, Change(before, after))


def record(instance, change: Change) -> None:
    """Mark, clear or keep each translation's mark after ``change``."""
    now = timezone.now()
    marks = {(m.field, m.language): m for m in StaleTranslation.objects.of(instance)}
    stale, fresh = [], []
    for field in tracked_fields(type(instance)):
        code, old_source, new_source = change.source(field)
        if code is None:
            continue
        source_changed = normalized(old_source) != normalized(new_source)
        for lang in language_codes():
            mark = marks.get((field, lang))
            if lang == code:
                # The original now (its first language emptied): nothing to
                # be out of date against.
                fresh.append(mark)
                continue
            column = localized(field, lang)
            text = change.after.get(column) or ""
            rewritten = normalized(text) != normalized(change.before.get(column))
            if not text.strip() or rewritten:
                fresh.append(mark)
            elif source_changed and old_source.strip():
                # (A source written where there was none is a first version,
                # not a change: the text beside it was the original.)
                if mark is None:
                    stale.append(
                        StaleTranslation(
                            content_type_id=_content_type_id(instance),
                            object_id=instance.pk,
                            field=field,
                            language=lang,
                            source_language=code,
                            source_fingerprint=fingerprint(old_source),
                            source_text=old_source,
                            since=now,
                        )
                    )
                elif mark.source_fingerprint == fingerprint(new_source):
                    fresh.append(mark)
    gone = [mark.pk for mark in fresh if mark is not None]
    if gone:
        StaleTranslation.objects.filter(pk__in=gone).delete()
    if stale:
        StaleTranslation.objects.bulk_create(stale)


def with_notice(queryset, code: str):
    """``queryset`` with when the source of the translation in ``code`` that an
    item's page shows changed, if it did (``outdated_since``), read in the
    item's own query rather than one more."""
    stale = StaleTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model),
        object_id=OuterRef("pk"),
        language=code,
    ).order_by("-since")
    return queryset.annotate(outdated_since=Subquery(stale.values("since")[:1]))


def notice_of(obj) -> Notice | None:
    """The out-of-date notice of ``obj``, read by ``with_notice``: no query of
    its own, the original's language being the one the item's text is written
    in first."""
    if obj.outdated_since is None:
        return None
    for field in tracked_fields(type(obj)):
        source = source_language(lambda column: getattr(obj, column, ""), field)
        if source is not None:
            return Notice(source, obj.outdated_since)
    return None


def confirm(instance, pairs) -> int:
    """A translator says these translations still hold ((field, language)
    pairs): a small source change, such as a typo, needs no new translation."""
    marks = StaleTranslation.objects.of(instance)
    count = 0
    for field, lang in pairs:
        count += marks.filter(field=field, language=lang).delete()[0]
    return count


def _content_type_id(instance) -> int:
    return ContentType.objects.get_for_model(instance).pk


def track_public_content() -> None:
    from portal.models.public import PUBLIC_CONTENT

    for entry in PUBLIC_CONTENT:
        if not tracked_fields(entry.model):
            continue
        uid = f"freshness-{entry.label}"
        pre_save.connect(remember_stored, sender=entry.model, dispatch_uid=uid)
        post_save.connect(compare_saved, sender=entry.model, dispatch_uid=uid)
