"""Read the curated policy cases (policy_cases.toml) into plain records.

TOML in, records out: no ORM and no database, like parser.py. The file's format
is described at its top. Every problem is a SeedFormatError that names the file
and the entry (a case by its slug), what was found and what was expected, so the
import command can refuse the whole run before it writes anything.

Reading checks the file on its own (keys, types, years, goals); ``check_links``
then checks what it names elsewhere: policy fields in curated.toml, and posts and
programmes among the records parsed from the documents.
"""

import re
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path

from portal.languages import localized
from portal.seeds.parser import SeedFormatError
from portal.seeds.records import (
    CaseFile,
    CaseRecord,
    DepartmentRecord,
    MilestoneRecord,
    OutcomeRecord,
    ParseResult,
)
from portal.values.dates import YEARS

CASES_PATH = Path(__file__).with_name("policy_cases.toml")

# The texts the file may give, each once per language: the visitor-facing fields
# of PolicyCase, Milestone, Outcome and Department (a test keeps them in step).
CASE_TEXTS = (
    "title",
    "summary",
    "period",
    "problem",
    "approach",
    "budget",
    "staffing",
    "stakeholders",
    "obstacles",
    "lessons",
)
MILESTONE_TEXTS = ("text",)
OUTCOME_TEXTS = ("figure", "text", "source")
# A department's name only: the seeds give no address, telephone or e-mail.
DEPARTMENT_TEXTS = ("name",)
CASE_FACTS = {
    "slug": str,
    "policy_field": str,
    "goals": list,
    "phase": str,
    "start_year": int,
    "end_year": int,
    "department": str,
    "posts": list,
    "programs": list,
    "milestones": list,
    "outcomes": list,
}
GOALS = range(1, 18)
MONTHS = range(1, 13)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def parse_case_file(path: Path | str, *, languages: Sequence[str]) -> CaseFile:
    """``languages``: the site's language codes, whose columns the file may fill."""
    name = str(path)
    try:
        with Path(path).open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise SeedFormatError(
            name, 0, f"no readable file ({error})", "a file"
        ) from error
    except tomllib.TOMLDecodeError as error:
        raise SeedFormatError(
            name, 0, f"invalid TOML: {error}", "valid TOML"
        ) from error
    _only(name, "the file", data, {"departments": dict, "cases": list})
    departments = tuple(
        _department(name, slug, facts, languages)
        for slug, facts in data.get("departments", {}).items()
    )
    cases = tuple(
        _case(name, index, entry, languages)
        for index, entry in enumerate(data.get("cases", []), start=1)
    )
    _check_unique(name, cases, {department.slug for department in departments})
    return CaseFile(path=name, departments=departments, cases=cases)


def check_links(
    case_file: CaseFile,
    result: ParseResult,
    *,
    policy_fields: Iterable[str],
    phases: Iterable[str],
) -> None:
    """What each case names must exist: a curated policy field, a phase, and
    posts and programmes among the parsed documents (by title or name as written,
    the way curated.toml names them)."""
    fields, phases = set(policy_fields), set(phases)
    titles = {title for record in result.posts for title in _titles(record)}
    programs = {record.name for record in result.programs}
    for case in case_file.cases:
        checks = [
            ("policy field", [case.policy_field] if case.policy_field else [], fields),
            ("phase", [case.phase] if case.phase else [], phases),
            ("post title", case.posts, titles),
            ("programme name", case.programs, programs),
        ]
        for what, values, known in checks:
            for value in values:
                if value not in known:
                    raise SeedFormatError(
                        case_file.path,
                        0,
                        f"the {what} {value!r} in case {case.slug!r}",
                        _expected(what, known),
                    )


def post_keys(result: ParseResult) -> dict[str, str]:
    """Each parsed post's key by the titles a case may name it by."""
    return {title: record.key for record in result.posts for title in _titles(record)}


def _titles(record) -> set[str]:
    """The title as the import stores it ("…" where the source cut it) and as
    scraped."""
    return {record.title, record.scraped_title} - {""}


def _expected(what: str, known: set[str]) -> str:
    if what in ("post title", "programme name"):
        return f"the {what} of an entry in the documents imported"
    return f"one of {', '.join(sorted(known))}"


def _case(name: str, index: int, entry, languages: Sequence[str]) -> CaseRecord:
    if not isinstance(entry, dict):
        raise SeedFormatError(name, 0, f"case #{index}: {entry!r}", "a table")
    slug = entry.get("slug")
    label = f"case {slug!r}" if isinstance(slug, str) else f"case #{index}"
    _only(name, label, entry, CASE_FACTS, _columns(CASE_TEXTS, languages))
    if not isinstance(slug, str) or not SLUG.match(slug):
        raise SeedFormatError(
            name, 0, f"the slug {slug!r} of {label}", "lower-case ASCII words and -"
        )
    texts = _texts(name, label, entry, CASE_FACTS, ("title",), languages)
    start, end = entry.get("start_year"), entry.get("end_year")
    for year in (start, end):
        if year is not None and year not in YEARS:
            raise SeedFormatError(name, 0, f"the year {year} in {label}", "a year")
    if start and end and end < start:
        raise SeedFormatError(
            name, 0, f"{label} ending in {end}, before it starts", "end_year >= start"
        )
    goals = _list_of(name, label, "goals", entry, int)
    if any(goal not in GOALS for goal in goals):
        raise SeedFormatError(
            name, 0, f"the goals {goals} in {label}", "numbers from 1 to 17"
        )
    return CaseRecord(
        slug=slug,
        origin=f"{name}, {label}",
        texts=texts,
        policy_field=entry.get("policy_field", ""),
        goals=tuple(goals),
        phase=entry.get("phase", ""),
        start_year=start,
        end_year=end,
        department=entry.get("department", ""),
        posts=tuple(_list_of(name, label, "posts", entry, str)),
        programs=tuple(_list_of(name, label, "programs", entry, str)),
        milestones=tuple(
            _milestone(name, f"{label}, milestone #{number}", row, languages)
            for number, row in enumerate(entry.get("milestones", []), start=1)
        ),
        outcomes=tuple(
            _outcome(name, f"{label}, outcome #{number}", row, languages)
            for number, row in enumerate(entry.get("outcomes", []), start=1)
        ),
    )


def _milestone(name: str, label: str, row, languages) -> MilestoneRecord:
    facts = {"year": int, "month": int}
    _only(name, label, row, facts, _columns(MILESTONE_TEXTS, languages))
    year, month = row.get("year"), row.get("month")
    if year not in YEARS or (month is not None and month not in MONTHS):
        raise SeedFormatError(
            name, 0, f"{label} dated {year}-{month}", "a year and a month from 1 to 12"
        )
    return MilestoneRecord(
        year, month, _texts(name, label, row, facts, ("text",), languages)
    )


def _outcome(name: str, label: str, row, languages) -> OutcomeRecord:
    _only(name, label, row, {}, _columns(OUTCOME_TEXTS, languages))
    return OutcomeRecord(_texts(name, label, row, {}, ("text",), languages))


def _department(name: str, slug: str, facts, languages) -> DepartmentRecord:
    label = f"department {slug!r}"
    _only(name, label, facts, {}, _columns(DEPARTMENT_TEXTS, languages))
    if not SLUG.match(slug):
        raise SeedFormatError(name, 0, label, "lower-case ASCII words and -")
    return DepartmentRecord(slug, _texts(name, label, facts, {}, ("name",), languages))


def _columns(fields: Sequence[str], languages: Sequence[str]) -> set[str]:
    return {localized(field, code) for field in fields for code in languages}


def _only(name, label, table, facts: dict, columns: Iterable[str] = ()) -> None:
    """``table`` holds only the keys it may, each of its type."""
    if not isinstance(table, dict):
        raise SeedFormatError(name, 0, f"{label}: {table!r}", "a table")
    columns = set(columns)
    for key, value in table.items():
        wanted = facts.get(key, str if key in columns else None)
        if wanted is None:
            allowed = ", ".join(sorted([*facts, *columns]))
            raise SeedFormatError(
                name, 0, f"the key {key!r} in {label}", f"one of {allowed}"
            )
        if not isinstance(value, wanted) or isinstance(value, bool):
            raise SeedFormatError(
                name,
                0,
                f"{key} = {value!r} in {label}",
                f"a {'number' if wanted is int else wanted.__name__}",
            )


def _texts(name, label, table, facts, required, languages) -> dict[str, str]:
    """The text columns of ``table``, trimmed; the fields ``required`` must be
    written in at least one language."""
    texts = {
        key: value.strip()
        for key, value in table.items()
        if key not in facts and value.strip()
    }
    for field in required:
        if not _columns([field], languages) & set(texts):
            raise SeedFormatError(
                name, 0, f"{label} without a {field}", "one in at least one language"
            )
    return texts


def _list_of(name, label, key: str, table: dict, kind: type) -> list:
    values = table.get(key, [])
    if not all(isinstance(value, kind) for value in values):
        raise SeedFormatError(
            name, 0, f"{key} = {values!r} in {label}", f"a list of {kind.__name__}"
        )
    return values


def _check_unique(name: str, cases: Sequence[CaseRecord], departments: set) -> None:
    seen: set[str] = set()
    for case in cases:
        if case.slug in seen:
            raise SeedFormatError(
                name, 0, f"a second case {case.slug!r}", "one entry per slug"
            )
        seen.add(case.slug)
        if case.department and case.department not in departments:
            raise SeedFormatError(
                name,
                0,
                f"the department {case.department!r} in case {case.slug!r}",
                "a department declared in [departments.<slug>]",
            )
