"""Write the curated policy cases (case_file.py's records) to the database.

Called by ``import_records`` after posts and programmes, inside its transaction,
so a case can link to the posts and programme it comes from. It keeps the
import's promises to staff, as importer.py does for the other kinds: a case
matches on its ``source_key``; one staff edited since (its fingerprint differs)
is kept unless ``overwrite``; one staff deleted stays deleted (SeedTombstone)
unless ``restore_deleted``. A case the seeds changed and staff did not is
rewritten with its links, milestones and outcomes.

Only what the file gives is written and fingerprinted: a field it leaves out
stays empty on a new case, and staff filling it in later (or translating into a
third language) does not count as an edit.
"""

from typing import TYPE_CHECKING

import reversion

from portal.languages import language_codes
from portal.models import (
    Department,
    Milestone,
    Outcome,
    PolicyCase,
    PolicyField,
    Post,
    Program,
    SeedTombstone,
    SustainableDevelopmentGoal,
)
from portal.models.fields import RichTextField
from portal.seeds.bookkeeping import compare, fingerprint, own_revision
from portal.seeds.case_file import check_links, parse_case_file, post_keys
from portal.seeds.curated import load_curated
from portal.seeds.records import CaseFile, CaseRecord, DepartmentRecord, ParseResult
from portal.text.rich import sanitize

if TYPE_CHECKING:
    from portal.seeds.importer import ImportReport

LABEL = "policy cases"
RELATIONS = ("goals", "related_posts", "related_programs")
CHILDREN = {"milestones": Milestone, "outcomes": Outcome}


def read_cases(path, result: ParseResult) -> CaseFile:
    """The cases file, checked against this site's languages and phases, the
    curated policy fields and the documents parsed: a SeedFormatError naming the
    file and the entry, before anything is written."""
    cases = parse_case_file(path, languages=language_codes())
    check_links(
        cases,
        result,
        policy_fields=[facts["slug"] for facts in load_curated().policy_fields],
        phases=PolicyCase.Phase.values,
    )
    return cases


def import_cases(
    case_file: CaseFile,
    result: ParseResult,
    *,
    status: str,
    report: "ImportReport",
    overwrite: bool,
    restore_deleted: bool,
    comment: str,
) -> None:
    """``status``: what a new case starts as (an existing one keeps its own)."""
    SustainableDevelopmentGoal.ensure_all()
    _ensure_departments(case_file.departments, report, comment, restore_deleted)
    links = _Links(case_file, result)
    tally = report.tally(LABEL)
    keys = [case.key for case in case_file.cases]
    existing = {
        case.source_key: case for case in PolicyCase.objects.filter(source_key__in=keys)
    }
    tombstones = SeedTombstone.objects.of_model(PolicyCase)
    # A case back in the table (recovered in the admin) is no longer deleted.
    tombstones.filter(import_key__in=existing).delete()
    deleted = tombstones.filter(import_key__in=keys).keys()
    taken = set(PolicyCase.objects.values_list("slug", flat=True))
    for record in case_file.cases:
        values = _values(record, links)
        wanted = fingerprint(values)
        case = existing.get(record.key)
        if case is None and record.key in deleted:
            if not restore_deleted:
                tally.deleted += 1
                report.deleted.append(f"policy case {record.slug} ({record.origin})")
                continue
            tombstones.filter(import_key=record.key).delete()
        if case is None:
            case = PolicyCase(
                source_key=record.key,
                slug=_free_slug(record.slug, taken),
                status=status,
            )
            _write(case, values, wanted, comment)
            tally.created += 1
            continue
        if (
            status == PolicyCase.Status.PUBLISHED
            and case.status != PolicyCase.Status.PUBLISHED
        ):
            tally.unpublished += 1
            report.unpublished.append(f"policy case {case} ({record.origin})")
        outcome = compare(case, _current(case, values), wanted, overwrite=overwrite)
        if outcome == "unchanged":
            tally.unchanged += 1
        elif outcome == "kept":
            tally.kept += 1
            report.kept.append(f"policy case {case} ({record.origin})")
        else:
            _write(case, values, wanted, comment)
            tally.updated += 1


class _Links:
    """The rows a case points at, found once for the whole file.

    Posts and programmes are found by the keys their parsed records have; one
    staff deleted is simply not linked.
    """

    def __init__(self, case_file: CaseFile, result: ParseResult):
        self.post_keys = post_keys(result)
        self.program_keys = {record.name: record.key for record in result.programs}
        self.posts = dict(
            Post.objects.filter(source_key__in=self.post_keys.values()).values_list(
                "source_key", "pk"
            )
        )
        self.programs = dict(
            Program.objects.filter(
                source_key__in=self.program_keys.values()
            ).values_list("source_key", "pk")
        )
        self.fields = dict(PolicyField.objects.values_list("slug", "pk"))
        self.departments = dict(Department.objects.values_list("slug", "pk"))

    def post_ids(self, titles) -> list[int]:
        found = (self.posts.get(self.post_keys[title]) for title in titles)
        return sorted({pk for pk in found if pk is not None})

    def program_ids(self, names) -> list[int]:
        found = (self.programs.get(self.program_keys[name]) for name in names)
        return sorted({pk for pk in found if pk is not None})


def _values(record: CaseRecord, links: _Links) -> dict:
    """What the import writes for a case, as the fingerprint sees it."""
    return {
        **{column: _stored(column, text) for column, text in record.texts.items()},
        "policy_field_id": links.fields.get(record.policy_field),
        "phase": record.phase,
        "start_year": record.start_year,
        "end_year": record.end_year,
        "department_id": links.departments.get(record.department),
        "needs_review": True,
        "goals": sorted(set(record.goals)),
        "related_posts": links.post_ids(record.posts),
        "related_programs": links.program_ids(record.programs),
        "milestones": [
            {"year": row.year, "month": row.month, **row.texts}
            for row in record.milestones
        ],
        "outcomes": [
            {"order": order, **row.texts}
            for order, row in enumerate(record.outcomes, start=1)
        ],
    }


def _stored(column: str, text: str) -> str:
    """The text as its column keeps it: a rich field sanitises on save, so the
    fingerprint must see the sanitised HTML or every re-import looks like an edit.
    """
    field = PolicyCase._meta.get_field(column)
    return sanitize(text) if isinstance(field, RichTextField) else text


def _current(case: PolicyCase, values: dict) -> dict:
    """The case's values now, for the keys the import writes."""
    current = {}
    for name, wanted in values.items():
        if name in RELATIONS:
            current[name] = sorted(
                getattr(case, name).values_list("pk", flat=True).order_by()
            )
        elif name in CHILDREN:
            rows = list(getattr(case, name).all())
            current[name] = [
                {key: getattr(row, key) for key in entry}
                for row, entry in zip(rows, wanted, strict=False)
            ]
            if len(rows) != len(wanted):
                current[name].append({"count": len(rows)})
        else:
            current[name] = getattr(case, name)
    return current


def _write(case: PolicyCase, values: dict, wanted: str, comment: str) -> None:
    """Save the case with its links and children, replacing the old ones, as one
    revision of its own."""
    with own_revision(comment):
        for name in CHILDREN:
            if case.pk:
                getattr(case, name).all().delete()
        for name, value in values.items():
            if name not in RELATIONS and name not in CHILDREN:
                setattr(case, name, value)
        case.import_fingerprint = wanted
        case.save()
        for name in RELATIONS:
            getattr(case, name).set(values[name])
        for name, model in CHILDREN.items():
            model.objects.bulk_create(model(case=case, **row) for row in values[name])
        # Saved again once its links and children are in place (bulk_create
        # sends no signals), so the version holds them.
        reversion.add_to_revision(case)


def _free_slug(slug: str, taken: set[str]) -> str:
    """The curated slug, or the first free one after it if staff took it."""
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _ensure_departments(
    records: tuple[DepartmentRecord, ...],
    report: "ImportReport",
    comment: str,
    restore_deleted: bool,
) -> None:
    """Create the curated departments that are missing, by slug; never touch
    existing ones (staff add their address, telephone and e-mail). One staff
    deleted stays deleted unless ``restore_deleted``."""
    tally = report.tally("departments")
    known = set(Department.objects.values_list("slug", flat=True))
    tombstones = SeedTombstone.objects.of_model(Department)
    deleted = set() if restore_deleted else tombstones.keys()
    for record in records:
        if record.slug in known:
            tally.unchanged += 1
            continue
        if record.slug in deleted:
            tally.deleted += 1
            report.deleted.append(f"department {record.slug}")
            continue
        tombstones.filter(import_key=record.slug).delete()
        with own_revision(comment):
            Department.objects.create(slug=record.slug, **record.texts)
        tally.created += 1
