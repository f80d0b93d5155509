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
from dataclasses import dataclass, field
from datetime import datetime, time
from zoneinfo import ZoneInfo

import reversion
from django.conf import settings
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import ngettext

from portal.database.triggers import version_bumped_at_end
from portal.languages import localized, localized_all, slug_source
from portal.models import FAQEntry, Partner, PolicyField, Post, Program, SeedTombstone
from portal.models.base import PublishableModel
from portal.seeds.bookkeeping import compare, fingerprint, own_revision
from portal.seeds.cases import import_cases
from portal.seeds.curated import Curated, load_curated
from portal.seeds.policy_fields import FieldMatcher
from portal.seeds.records import (
    CaseFile,
    ParseResult,
    PartnerRecord,
    PostRecord,
    ProgramRecord,
    mostly_hangul,
)
from portal.text.plain import render_text
from portal.text.rich import sanitize

Progress = Callable[[int], None]
# What a curated policy field entry says about the field itself (not its keywords).
FIELD_FACTS = {"slug", *localized_all("name")}
# Records written per revision: bounds the memory the history needs on big imports.
CHUNK = 500


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0
    # Staff decisions the import left alone (SeedTombstone, a draft's status).
    deleted: int = 0
    unpublished: int = 0


@dataclass
class ImportReport:
    tallies: dict[str, Tally] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unpublished: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    duplicates: int = 0
    dry_run: bool = False
    # Posts the keyword map gave no policy field (portal/seeds/policy_fields.py).
    unmatched: list[str] = field(default_factory=list)

    def tally(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())

    def summary(self) -> str:
        lines = [
            f"{name}: {t.created} created, {t.updated} updated, "
            f"{t.unchanged} unchanged, {t.kept} kept (edited in the admin)"
            for name, t in self.tallies.items()
        ]
        lines.append(
            f"{self.duplicates} repeated entries stored once; "
            f"{len(self.warnings)} warnings"
        )
        if self.kept:
            lines.append("Kept because staff edited them (--overwrite replaces them):")
            lines.extend(f"  {label}" for label in self.kept)
        if self.deleted:
            count = len(self.deleted)
            lines.append(
                ngettext(
                    "%(count)d item deleted by staff, kept deleted "
                    "(--restore-deleted brings it back):",
                    "%(count)d items deleted by staff, kept deleted "
                    "(--restore-deleted brings them back):",
                    count,
                )
                % {"count": count}
            )
            lines.extend(f"  {label}" for label in self.deleted)
        if self.unpublished:
            count = len(self.unpublished)
            lines.append(
                ngettext(
                    "%(count)d item unpublished by staff, kept unpublished:",
                    "%(count)d items unpublished by staff, kept unpublished:",
                    count,
                )
                % {"count": count}
            )
            lines.extend(f"  {label}" for label in self.unpublished)
        if self.unmatched:
            lines.append(
                "No policy field matched these posts (add keywords to "
                "portal/seeds/curated.toml):"
            )
            lines.extend(f"  {label}" for label in self.unmatched)
        if self.dry_run:
            lines.append("Dry run: nothing was written.")
        return "\n".join(lines)


def _operator() -> str:
    """Who ran the import, for the history (the OS account; imports have no user)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "an unknown account"


def language_of(text: str) -> str:
    """The language of a captured text (settings.SEED_LANGUAGES)."""
    hangul, latin = settings.SEED_LANGUAGES
    return hangul if mostly_hangul(text) else latin


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
    facts = curated.partners.get(record.name, {})
    values = {
        "short_name": facts.get("short_name", record.short_name),
        "group": facts.get("group", Partner.Group.OTHER),
        "website": facts.get("website", ""),
        "order": curated.partner_order(record.name),
        **_translated("name", record.name),
        **_translated("full_name", record.full_name),
        **_translated("description", record.description),
    }
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


def _current_values(obj: models.Model, values: dict) -> dict:
    current = {name: getattr(obj, name) for name in values if name != "faq"}
    if "faq" in values:
        entries = list(obj.faq_entries.all())
        current["faq"] = [
            {name: getattr(entry, name) for name in wanted}
            for entry, wanted in zip(entries, values["faq"], strict=False)
        ]
        if len(entries) != len(values["faq"]):
            current["faq"].append({"count": len(entries)})
    return current


def _write_faq(program: Program, entries: list[dict]) -> None:
    program.faq_entries.all().delete()
    FAQEntry.objects.bulk_create(
        FAQEntry(program=program, order=index, **entry)
        for index, entry in enumerate(entries, start=1)
    )


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
) -> None:
    """Create, update or keep each record's row, CHUNK records at a time.

    Each row written gets a revision of its own (with its followed children, such
    as a programme's FAQ entries): restoring one row's version in the admin must
    restore that row and nothing else. The caller's transaction still makes the
    whole import all-or-nothing.
    """
    slugs = _SlugPool(model)
    for start in range(0, len(records), CHUNK):
        _sync_chunk(
            model,
            label,
            records[start : start + CHUNK],
            values_of,
            slugs=slugs,
            slug_text=slug_text,
            create_only=create_only or {},
            report=report,
            overwrite=overwrite,
            restore_deleted=restore_deleted,
            comment=comment,
        )
        if progress:
            progress(len(records[start : start + CHUNK]))


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
) -> None:
    tally = report.tally(label)
    keys = [record.key for record in records]
    # A post whose kind the import now reads differently (a "publication" that is
    # news) was stored under its old kind's key: it is the same post, not a new one.
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
            existing[key].source_key = key
    tombstones = SeedTombstone.objects.of_model(model)
    # A row back in the table (recovered in the admin) is no longer deleted.
    tombstones.filter(import_key__in=existing).delete()
    deleted = tombstones.filter(import_key__in=[*keys, *earlier]).keys()
    # New rows are public at once: a draft among the old ones is staff's choice.
    publishes = create_only.get("status") == PublishableModel.Status.PUBLISHED
    new_objects, new_faqs = [], []
    for record in records:
        values = values_of(record)
        wanted = fingerprint(values)
        obj = existing.get(record.key)
        identities = {record.key, *getattr(record, "earlier_keys", ())}
        if obj is None and identities & deleted:
            if not restore_deleted:
                tally.deleted += 1
                report.deleted.append(f"{label[:-1]} {_record_label(record)}")
                continue
            tombstones.filter(import_key__in=identities).delete()
        if obj is None:
            fields = {k: v for k, v in values.items() if k != "faq"}
            slug = slug_text(record, values)
            obj = model(
                source_key=record.key,
                import_fingerprint=wanted,
                slug=slugs.claim(slug, f"{model._meta.model_name}-{record.key[:8]}"),
                **fields,
                **create_only,
            )
            new_objects.append(obj)
            new_faqs.append(values.get("faq"))
            tally.created += 1
            continue
        if publishes and obj.status != PublishableModel.Status.PUBLISHED:
            tally.unpublished += 1
            report.unpublished.append(f"{label[:-1]} {obj} ({record.origin})")
        outcome = compare(
            obj, _current_values(obj, values), wanted, overwrite=overwrite
        )
        if outcome == "unchanged":
            tally.unchanged += 1
        elif outcome == "kept":
            tally.kept += 1
            report.kept.append(f"{label[:-1]} {obj} ({record.origin})")
        else:
            for name, value in values.items():
                if name != "faq":
                    setattr(obj, name, value)
            obj.import_fingerprint = wanted
            with own_revision(comment):
                obj.save()
                if "faq" in values:
                    _write_faq(obj, values["faq"])
            tally.updated += 1
    model.objects.bulk_create(new_objects)
    for obj, faq in zip(new_objects, new_faqs, strict=True):
        with own_revision(comment):
            if faq is not None:
                _write_faq(obj, faq)
            # bulk_create sends no signals, so the history is told explicitly.
            reversion.add_to_revision(obj)


def _record_label(record) -> str:
    name = getattr(record, "title", None) or record.name
    return f"{name} ({record.origin})"


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
    posts: list[PostRecord], curated: Curated, report: ImportReport, overwrite: bool
) -> None:
    """Give each imported post without a policy field the one its words name.

    A field staff chose is kept (unless ``overwrite``): the field is not part of
    the import's fingerprint, so choosing one is not an edit that stops updates.
    """
    matcher = FieldMatcher.from_curated(
        curated.policy_fields, curated.post_policy_fields, settings.SEED_LANGUAGES
    )
    fields = dict(PolicyField.objects.values_list("slug", "pk"))
    wanted: dict[int | None, list[str]] = {}
    for record in posts:
        slug = matcher.field_for(record)
        if slug is None:
            report.unmatched.append(f"{record.title} ({record.origin})")
        wanted.setdefault(fields.get(slug), []).append(record.key)
    for field_id, keys in wanted.items():
        if field_id is None:
            continue
        rows = Post.objects.filter(source_key__in=keys)
        if not overwrite:
            rows = rows.filter(policy_field__isnull=True)
        rows.update(policy_field_id=field_id)


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
        warnings=list(result.warnings), duplicates=result.duplicates, dry_run=dry_run
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
        _sync(
            Post,
            "posts",
            result.posts,
            _post_values,
            slug_text=lambda record, values: values.get(slug_source("title"), ""),
            create_only=public,
            **common,
        )
        _assign_policy_fields(result.posts, curated, report, overwrite)
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
