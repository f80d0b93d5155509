"""Write parsed seed records to the database, idempotently and atomically.

Each row is matched on its ``source_key``. The import stores a fingerprint of the
values it wrote, so a second run can tell three cases apart: nothing changed
(unchanged), the seed changed (updated), or staff edited the row in the admin since
(kept, unless ``overwrite``). Only the fields the import owns are fingerprinted: a
translator filling in the other language does not count as an edit.

What staff deleted stays deleted (``SeedTombstone``), even with ``overwrite``;
``restore_deleted`` brings it back. What they unpublished stays unpublished: the
import sets a status on new rows only.
"""

import getpass
from collections.abc import Callable
from datetime import datetime, time
from zoneinfo import ZoneInfo

import reversion
from django.conf import settings
from django.db import models, transaction
from django.db.models import prefetch_related_objects
from django.utils.text import slugify

from portal.database.triggers import version_bumped_at_end
from portal.languages import localized, localized_all, slug_source
from portal.models import Partner, PolicyField, Post, Program, SeedTombstone
from portal.models.base import PublishableModel
from portal.seeds.addresses import record_captured, record_curated
from portal.seeds.bookkeeping import digest, fingerprint, own_revision, plan
from portal.seeds.cases import import_cases
from portal.seeds.curated import Curated, load_curated
from portal.seeds.policy_fields import FieldMatcher
from portal.seeds.records import (
    CaseFile,
    ParseResult,
    PartnerRecord,
    PostRecord,
    ProgramRecord,
)
from portal.seeds.report import ImportReport, record_label
from portal.seeds.rows import (
    TITLE_META,
    WRITTEN_CAPTURE,
    deleted_same_day,
    faq_plan,
    fuller_in_row,
    language_of,
    question_of,
    same_day_posts,
    write_faq,
    written_meta,
)
from portal.text.plain import render_text
from portal.text.rich import sanitize

Progress = Callable[[int], None]
# What a curated policy field entry says about the field itself (not its keywords).
FIELD_FACTS = {"slug", *localized_all("name")}
# Records written per revision: bounds the memory the history needs on big imports.
CHUNK = 500


def _operator() -> str:
    """Who ran the import, for the history (the OS account; imports have no user)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "an unknown account"


def _translated(
    field_name: str, text: str, stored: str | None = None
) -> dict[str, str]:
    """The text in the column of its own language; the other one is left alone.

    ``stored`` is what to write when it differs from the text judged (a body's
    HTML).
    """
    if not text:
        return {}
    column = localized(field_name, language_of(text))
    return {column: text if stored is None else stored}


def _body_html(text: str) -> str:
    """A scraped body as the rich field stores it: paragraphs and lists, escaped."""
    return sanitize(render_text(text))


def _seoul_midnight(day) -> datetime:
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


class _SlugPool:
    """Unique ASCII slugs, checked against the table once rather than per row."""

    def __init__(self, model: type[models.Model]):
        self.taken = set(model.objects.values_list("slug", flat=True))

    def claim(self, text: str, fallback: str) -> str:
        base = slugify(text)[:80].strip("-") or fallback
        slug, number = base, 2
        while slug in self.taken:
            slug, number = f"{base}-{number}", number + 1
        self.taken.add(slug)
        return slug


def _post_values(record: PostRecord) -> dict:
    return {
        "kind": record.kind,
        **_translated("title", record.title),
        **_translated("summary", record.summary),
        **_translated("body", record.body, _body_html(record.body)),
        "published_at": _seoul_midnight(record.published_on),
        **_translated("author", record.author),
        "needs_review": record.needs_review,
    }


def _partner_values(record: PartnerRecord, curated: Curated) -> dict:
    """What the capture and the curated file say of a partner. A fact neither
    holds (a short name, group or website staff set) is not in it, so no
    import, --overwrite included, ever clears it."""
    facts = curated.partners.get(record.name, {})
    values = {
        **({"short_name": facts.get("short_name", record.short_name)}),
        **{name: facts[name] for name in ("group", "website") if name in facts},
        "order": curated.partner_order(record.name),
        **_translated("name", record.name),
        **_translated("full_name", record.full_name),
        **_translated("description", record.description),
    }
    if not values["short_name"]:
        del values["short_name"]
    for key in localized_all("name", "full_name"):
        if key in facts:
            values[key] = facts[key]
    return values


def _program_values(record: ProgramRecord, curated: Curated) -> dict:
    facts = curated.programs.get(record.name, {})
    # A Korean program name carries its English one in brackets.
    english = localized("name", settings.SEED_LANGUAGES[1])
    english_name = facts.get(english, record.english_name)
    values = {
        **_translated("name", record.name),
        **({english: english_name} if english_name else {}),
    }
    values["faq"] = [
        {**_translated("question", e.question), **_translated("answer", e.answer)}
        for e in record.faq
    ]
    return values


def _legacy_unedited(obj: models.Model, values: dict) -> bool | None:
    """For a row imported before fields were hashed one by one: is it, as a whole,
    what the import wrote (its one fingerprint)? None for any other row."""
    if obj.import_fields or not obj.import_fingerprint:
        return None
    current = {name: getattr(obj, name) for name in values if name != "faq"}
    if "faq" in values:
        columns = list(values["faq"][0]) if values["faq"] else []
        current["faq"] = [
            {name: getattr(entry, name) for name in columns}
            for entry in obj.faq_entries.all()
        ]
    return fingerprint(current) == obj.import_fingerprint


def _sync(
    model: type[models.Model],
    label: str,
    records: list,
    values_of: Callable,
    *,
    slug_text: Callable,
    create_only: dict | None = None,
    comment: str,
    report: ImportReport,
    overwrite: bool,
    restore_deleted: bool,
    progress: Progress | None,
) -> dict[str, int]:
    """Create, complete, update or keep each record's row, CHUNK records at a
    time; returns the rows' primary keys by record key (not the rows: 10,000
    posts with their bodies in every language are hundreds of megabytes).

    Each row written gets a revision of its own (with its followed children, such
    as a programme's FAQ entries): restoring one row's version in the admin must
    restore that row and nothing else. The caller's transaction still makes the
    whole import all-or-nothing.
    """
    slugs = _SlugPool(model)
    rows: dict[str, int] = {}
    for start in range(0, len(records), CHUNK):
        chunk = records[start : start + CHUNK]
        rows.update(
            _sync_chunk(
                model,
                label,
                chunk,
                values_of,
                slugs=slugs,
                slug_text=slug_text,
                create_only=create_only or {},
                report=report,
                overwrite=overwrite,
                restore_deleted=restore_deleted,
                comment=comment,
                taken=set(rows.values()),
            )
        )
        if progress:
            progress(len(chunk))
    return rows


def _existing_rows(model, records, taken: set[int]) -> dict[str, models.Model]:
    """The rows earlier imports stored for these records: by key (a post's
    earlier kinds and merged copies included), then, for posts, by day and
    title (a cut title and its whole one, spellings that differ)."""
    keys = [record.key for record in records]
    earlier = {
        old: record.key
        for record in records
        for old in getattr(record, "earlier_keys", ())
    }
    existing = {
        obj.source_key: obj
        for obj in model.objects.filter(source_key__in=[*keys, *earlier])
    }
    for old, key in earlier.items():
        if old in existing and key not in existing:
            existing[key] = existing.pop(old)
    if model is Post:
        claimed = taken | {obj.pk for obj in existing.values()}
        unfound = [record for record in records if record.key not in existing]
        existing.update(same_day_posts(unfound, _seoul_midnight, taken=claimed))
    return {key: existing[key] for key in keys if key in existing}


def _sync_chunk(
    model,
    label,
    records,
    values_of,
    *,
    slugs,
    slug_text,
    create_only,
    report,
    overwrite,
    restore_deleted,
    comment,
    taken,
) -> dict[str, int]:
    tally = report.tally(label)
    existing = _existing_rows(model, records, taken)
    tombstones = SeedTombstone.objects.of_model(model)
    # A row back in the table (recovered in the admin) is no longer deleted.
    tombstones.filter(
        import_key__in=[obj.source_key for obj in existing.values()]
    ).delete()
    identities = {
        record.key: {record.key, *getattr(record, "earlier_keys", ())}
        for record in records
    }
    deleted = tombstones.filter(import_key__in=set().union(*identities.values())).keys()
    if model is Post:
        # Deleted under another title of theirs (cut, or whole): same day.
        unfound = [
            record
            for record in records
            if record.key not in existing and not identities[record.key] & deleted
        ]
        for key, stone in deleted_same_day(unfound, tombstones).items():
            identities[key].add(stone)
            deleted.add(stone)
    # New rows are public at once: a draft among the old ones is staff's choice.
    publishes = create_only.get("status") == PublishableModel.Status.PUBLISHED
    new_objects, new_faqs = [], []
    rows = {}
    for record in records:
        values = values_of(record)
        obj = existing.get(record.key)
        if obj is None and identities[record.key] & deleted:
            if not restore_deleted:
                tally.deleted += 1
                report.deleted.append(f"{label[:-1]} {record_label(record)}")
                report.outcome(label, record, "skipped", "deleted by staff")
                continue
            tombstones.filter(import_key__in=identities[record.key]).delete()
        if obj is None:
            fields = {k: v for k, v in values.items() if k != "faq"}
            slug = slug_text(record, values)
            obj = model(
                source_key=record.key,
                import_fingerprint=fingerprint(values),
                import_fields={
                    **_written(values),
                    **written_meta(record, report.copies_of(record)),
                },
                slug=slugs.claim(slug, f"{model._meta.model_name}-{record.key[:8]}"),
                **fields,
                **create_only,
            )
            new_objects.append(obj)
            new_faqs.append(values.get("faq"))
            tally.created += 1
            report.outcome(label, record, "created")
            continue
        rows[record.key] = obj.pk
        if publishes and obj.status != PublishableModel.Status.PUBLISHED:
            tally.unpublished += 1
            report.unpublished.append(f"{label[:-1]} {obj} ({record.origin})")
        _update(obj, record, values, label, report, overwrite, comment)
    model.objects.bulk_create(new_objects)
    rows.update((obj.source_key, obj.pk) for obj in new_objects)
    # The history follows each row's out-of-date marks; a new row has none, and
    # one query for the chunk saves one per row.
    prefetch_related_objects(new_objects, "stale_translations")
    for obj, faq in zip(new_objects, new_faqs, strict=True):
        with own_revision(comment):
            if faq:
                write_faq(obj, [], faq)
            # bulk_create sends no signals, so the history is told explicitly.
            reversion.add_to_revision(obj)
    return rows


def _written(values: dict) -> dict:
    """The hashes a new row stores of what the import wrote to it."""
    written = {name: digest(value) for name, value in values.items() if name != "faq"}
    if "faq" in values:
        written["faq"] = {question_of(entry): digest(entry) for entry in values["faq"]}
    return written


def _update(obj, record, values, label, report, overwrite, comment) -> None:
    """Bring one stored row up to the capture, field by field."""
    tally = report.tally(label)
    completes = []
    if isinstance(obj, Post):
        values, completes = fuller_in_row(obj, record, values)
    before = obj.import_fields or {}
    meta = written_meta(record, report.copies_of(record))
    latest = max(meta[WRITTEN_CAPTURE], before.get(WRITTEN_CAPTURE, ""))
    older = meta[WRITTEN_CAPTURE] < latest
    if older:
        # The row's text came from a later capture: an older one may complete
        # it or fill what is empty, never take it back.
        values = {
            name: value
            for name, value in values.items()
            if _completes(name, completes) or not getattr(obj, name, None)
        }
    legacy = _legacy_unedited(obj, values)
    faq = values.pop("faq", None)
    current = {name: getattr(obj, name) for name in values}
    change = plan(obj, values, current, overwrite=overwrite, legacy_unedited=legacy)
    if not any(name.startswith("title_") for name in change.changes):
        # The title the row was found by stays the one the import wrote.
        meta = {**meta, **{key: before[key] for key in TITLE_META if key in before}}
    change.written.update(meta, **{WRITTEN_CAPTURE: latest})
    updates, additions, faq_kept = [], [], []
    if faq is not None:
        updates, additions, faq_kept, change.written["faq"] = faq_plan(
            obj, faq, before.get("faq", {}), overwrite=overwrite, legacy_unedited=legacy
        )
        if older:
            updates = []
    kept = [*change.kept, *(f"FAQ: {question}" for question in faq_kept)]
    rekey = record.key != obj.source_key and not record.needs_review
    if not (change.changes or updates or additions or rekey):
        if change.written != obj.import_fields:
            obj.import_fields = change.written
            obj.save(update_fields=["import_fields"])
        if kept:
            tally.kept += 1
            report.kept.append(f"{label[:-1]} {obj} ({record.origin})")
            report.outcome(label, record, "kept", "edited in the admin")
        else:
            tally.unchanged += 1
            report.outcome(label, record, "unchanged")
        return
    for name, value in change.changes.items():
        setattr(obj, name, value)
    if rekey:
        # The whole title's key from now on: the cut one stays findable as a
        # merged copy's (PostRecord.earlier_keys).
        obj.source_key = record.key
    obj.import_fields = change.written
    obj.import_fingerprint = fingerprint({**current, **change.changes})
    with own_revision(comment):
        obj.save()
        if updates or additions:
            write_faq(obj, updates, additions)
    completed = [name for name in completes if _changed(name, change.changes)]
    detail = []
    if additions:
        detail.append(f"{len(additions)} new FAQ entries")
    if kept:
        detail.append("kept staff's " + ", ".join(kept))
        report.kept.append(f"{label[:-1]} {obj} ({record.origin})")
    if completed:
        tally.completed += 1
        detail.insert(0, " and ".join(completed) + " made whole")
        report.outcome(label, record, "completed", "; ".join(detail))
    else:
        tally.updated += 1
        report.outcome(label, record, "updated", "; ".join(detail))


def _completes(name: str, completes: list[str]) -> bool:
    """Whether ``name`` is a field a completion writes (a whole title with its
    flag cleared, a whole body with its summary)."""
    if "title" in completes and (name.startswith("title_") or name == "needs_review"):
        return True
    return "body" in completes and name.startswith(("summary_", "body_"))


def _changed(what: str, changes: dict) -> bool:
    return any(name.startswith(f"{what}_") for name in changes)


def _curated_slug(facts: dict[str, dict]) -> Callable:
    """The curated slug for a named record, else one made from its name in the
    slug language (settings.SLUG_LANGUAGE)."""

    def slug_text(record, values: dict) -> str:
        return facts.get(record.name, {}).get(
            "slug", values.get(slug_source("name"), "")
        )

    return slug_text


def _ensure_policy_fields(
    curated: Curated, report: ImportReport, comment: str, restore_deleted: bool
) -> None:
    """Create the curated policy fields that are missing; never touch existing ones.

    One staff deleted is not missing: it stays deleted unless ``restore_deleted``.
    """
    tally = report.tally("policy fields")
    known = set(PolicyField.objects.values_list("slug", flat=True))
    tombstones = SeedTombstone.objects.of_model(PolicyField)
    deleted = set() if restore_deleted else tombstones.keys()
    for order, facts in enumerate(curated.policy_fields, start=1):
        if facts["slug"] in known:
            tally.unchanged += 1
            continue
        if facts["slug"] in deleted:
            tally.deleted += 1
            report.deleted.append(f"policy field {facts['slug']}")
            continue
        tombstones.filter(import_key=facts["slug"]).delete()
        names = {key: value for key, value in facts.items() if key in FIELD_FACTS}
        with own_revision(comment):
            PolicyField.objects.create(order=order, **names)
        tally.created += 1


def _assign_policy_fields(
    posts: list[PostRecord],
    rows: dict[str, int],
    curated: Curated,
    report: ImportReport,
    overwrite: bool,
) -> None:
    """Give each imported post without a policy field the one its words name.

    A field staff chose is kept (unless ``overwrite``): the field is not part of
    the import's fingerprint, so choosing one is not an edit that stops updates.
    """
    matcher = FieldMatcher.from_curated(
        curated.policy_fields, curated.post_policy_fields, settings.SEED_LANGUAGES
    )
    fields = dict(PolicyField.objects.values_list("slug", "pk"))
    wanted: dict[int | None, list[int]] = {}
    for record in posts:
        slug = matcher.field_for(record)
        if slug is None:
            report.unmatched.append(f"{record.title} ({record.origin})")
        if record.key in rows:
            wanted.setdefault(fields.get(slug), []).append(rows[record.key])
    for field_id, pks in wanted.items():
        if field_id is None:
            continue
        matched = Post.objects.filter(pk__in=pks)
        if not overwrite:
            matched = matched.filter(policy_field__isnull=True)
        matched.update(policy_field_id=field_id)


def import_records(
    result: ParseResult,
    *,
    curated: Curated | None = None,
    cases: CaseFile | None = None,
    overwrite: bool = False,
    restore_deleted: bool = False,
    dry_run: bool = False,
    publish: bool = True,
    progress: Progress | None = None,
) -> ImportReport:
    """Store the parsed records in one transaction; a dry run rolls it back.

    ``publish``: new posts and programmes are public at once (the seeds are text
    the city has already published); False makes them drafts for an editor.
    ``restore_deleted``: create again what staff deleted (``overwrite`` does not).
    ``cases``: curated policy cases (case_file.py), written last, since they link
    to the posts and programmes.
    """
    curated = curated or load_curated()
    report = ImportReport(
        warnings=list(result.warnings),
        duplicates=result.duplicates,
        dry_run=dry_run,
        copies=result.copies,
    )
    comment = (
        f"import_seeds ({', '.join(result.paths) or 'no files'}) run by {_operator()}"
    )
    common = {
        "report": report,
        "overwrite": overwrite,
        "restore_deleted": restore_deleted,
        "progress": progress,
        "comment": comment,
    }
    # New rows only: an editor may publish or unpublish them afterwards, and a
    # re-import leaves that choice alone (status is not part of the fingerprint).
    status = Post.Status.PUBLISHED if publish else Post.Status.DRAFT
    public = {"status": status}
    with transaction.atomic(), version_bumped_at_end():
        _ensure_policy_fields(curated, report, comment, restore_deleted)
        posts = _sync(
            Post,
            "posts",
            result.posts,
            _post_values,
            slug_text=lambda record, values: values.get(slug_source("title"), ""),
            create_only=public,
            **common,
        )
        _assign_policy_fields(result.posts, posts, curated, report, overwrite)
        report.addresses += record_captured(result.posts, posts, report)
        _sync(
            Partner,
            "partners",
            result.partners,
            lambda record: _partner_values(record, curated),
            slug_text=_curated_slug(curated.partners),
            **common,
        )
        _sync(
            Program,
            "programs",
            result.programs,
            lambda record: _program_values(record, curated),
            slug_text=_curated_slug(curated.programs),
            create_only=public,
            **common,
        )
        report.addresses += record_curated(curated.old_addresses)
        if cases is not None:
            import_cases(
                cases,
                result,
                status=status,
                report=report,
                overwrite=overwrite,
                restore_deleted=restore_deleted,
                comment=comment,
            )
        if dry_run:
            transaction.set_rollback(True)
    return report
