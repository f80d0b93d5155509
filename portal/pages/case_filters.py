"""Narrowing the policy case list by policy field, running or ended, year and
Sustainable Development Goal, all kept in the URL as the post lists' filters are.

Only choices that lead to a case are offered; unknown or malformed values are
ignored rather than refused.
"""

from dataclasses import dataclass, field

from django.core.validators import slug_re
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.database.scalars import together
from portal.models import PolicyCase, PolicyField, SustainableDevelopmentGoal
from portal.models.cases import Goal
from portal.pages.filters import PARAMETER, Choice, QueryFilters
from portal.params import whole_number
from portal.values.dates import YEARS

PHASE = "status"
YEAR = "year"
GOAL = "goal"


@dataclass(frozen=True)
class CaseFilterChoices:
    """What the list's filters offer, from the published cases: two queries,
    whose cost grows with the number of fields, goals and distinct periods, not
    of cases (docs/performance.md)."""

    policy_fields: list[PolicyField]
    goals: list[int]
    years: list[int]  # newest first

    @classmethod
    def load(cls) -> "CaseFilterChoices":
        published = PolicyCase.objects.published()
        fields = PolicyField.objects.filter(
            models.Exists(published.filter(policy_field=models.OuterRef("pk")))
        )
        # One query for goals and periods: each goal a published case has
        # (seventeen index probes), and each distinct (first year, last year),
        # read from the period index (PolicyCase.Meta) without visiting a case.
        goals, periods = together(
            SustainableDevelopmentGoal.objects.filter(
                models.Exists(published.filter(goals=models.OuterRef("pk")))
            )
            .order_by()
            .values("number"),
            published.filter(start_year__isnull=False)
            .order_by()
            .values("start_year", "end_year")
            .distinct(),
        )
        this_year = timezone.localdate().year
        years = {
            year
            for period in periods
            for year in range(
                period["start_year"],
                min(period["end_year"] or this_year, this_year) + 1,
            )
            if year in YEARS
        }
        found_goals = sorted(goal["number"] for goal in goals)
        years &= set(YEARS)
        return cls(list(fields), found_goals, sorted(years, reverse=True))


@dataclass
class CaseFilters(QueryFilters):
    policy_field: PolicyField | None = None
    phase: str = ""
    year: int | None = None
    goal: int | None = None
    choices: CaseFilterChoices = field(default_factory=CaseFilterChoices.load)

    @classmethod
    def from_query(cls, query, choices: CaseFilterChoices) -> "CaseFilters":
        slug = query.get(PARAMETER, "")[:100]
        known = {
            policy_field.slug: policy_field for policy_field in choices.policy_fields
        }
        policy_field = known.get(slug) if slug_re.match(slug) else None
        phase = query.get(PHASE, "")
        phase = phase if phase in PolicyCase.Phase.values else ""
        year = whole_number(query.get(YEAR))
        goal = whole_number(query.get(GOAL))
        return cls(
            policy_field,
            phase,
            year if year in YEARS else None,
            goal if goal in Goal.values else None,
            choices,
        )

    def key(self) -> tuple:
        slug = self.policy_field.slug if self.policy_field else None
        return slug, self.phase, self.year, self.goal

    def apply(self, cases):
        if self.policy_field:
            cases = cases.filter(policy_field=self.policy_field)
        if self.phase == PolicyCase.Phase.RUNNING:
            cases = cases.running()
        elif self.phase == PolicyCase.Phase.ENDED:
            cases = cases.ended()
        if self.year:
            cases = cases.in_year(self.year)
        if self.goal:
            cases = cases.filter(goals=self.goal)
        return cases

    def _params(self, **changes) -> dict:
        params = {
            PARAMETER: self.policy_field.slug if self.policy_field else None,
            PHASE: self.phase or None,
            YEAR: self.year,
            GOAL: self.goal,
        }
        params.update(changes)
        return {key: value for key, value in params.items() if value is not None}

    def policy_field_choices(self) -> list[Choice]:
        return [
            Choice(
                _("All fields"),
                self.query(**{PARAMETER: None}),
                self.policy_field is None,
            ),
            *(
                Choice(
                    policy_field.name,
                    self.query(**{PARAMETER: policy_field.slug}),
                    policy_field == self.policy_field,
                )
                for policy_field in self.choices.policy_fields
            ),
        ]

    def phase_choices(self) -> list[Choice]:
        return [
            Choice(_("Running and ended"), self.query(**{PHASE: None}), not self.phase),
            *(
                Choice(str(label), self.query(**{PHASE: value}), value == self.phase)
                for value, label in PolicyCase.Phase.choices
            ),
        ]

    def year_choices(self) -> list[Choice]:
        return [
            Choice(_("All years"), self.query(**{YEAR: None}), self.year is None),
            *(
                Choice(str(year), self.query(**{YEAR: year}), year == self.year)
                for year in self.choices.years
            ),
        ]

    def goal_choices(self) -> list[Choice]:
        return [
            Choice(_("All goals"), self.query(**{GOAL: None}), self.goal is None),
            *(
                Choice(
                    f"{number}. {Goal(number).label}",
                    self.query(**{GOAL: number}),
                    number == self.goal,
                )
                for number in self.choices.goals
            ),
        ]
