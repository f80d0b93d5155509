"""Narrowing post lists by kind, policy field and year, all kept in the URL.

Unknown or malformed values are ignored rather than refused: a hand-edited or stale
link still shows a sensible list.
"""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.core.validators import slug_re
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import PolicyField, Post
from portal.params import whole_number
from portal.values.dates import YEARS

ALL = "all"
# The query parameter naming a policy field; lists redirect the old "field".
PARAMETER = "policy_field"
OLD_PARAMETER = "field"


@dataclass(frozen=True)
class Choice:
    label: str
    query: str
    is_current: bool


@dataclass(frozen=True)
class FilterChoices:
    """What every list's filters offer: the policy fields (each knowing which kinds
    of post it has published), and the years that have published posts, newest
    first."""

    policy_fields: list[PolicyField]
    # Kind -> the years, newest first, with a published post of that kind.
    years_by_kind: dict[str, list[int]]

    @classmethod
    def load(cls) -> "FilterChoices":
        return cls(
            list(PolicyField.objects.with_published_kinds()), Post.published_years()
        )

    def years(self, kind: str) -> list[int]:
        """The years, newest first, with a published post of ``kind`` (every kind
        for "all"): no chip leads to an empty list."""
        if kind == ALL:
            found = {year for years in self.years_by_kind.values() for year in years}
        else:
            found = set(self.years_by_kind.get(kind, []))
        return sorted(found, reverse=True)

    def offered_policy_fields(self, kind: str) -> list[PolicyField]:
        """The fields a list of ``kind`` can show posts for: a chip that would lead
        to an empty list is not offered."""
        return [
            policy_field
            for policy_field in self.policy_fields
            if policy_field.has_published(kind)
        ]


class QueryFilters:
    """What every filtered list's filters share: their choices kept in the URL
    (``_params()``, the non-default ones), for chips, pagination and the
    empty state."""

    def _params(self, **changes) -> dict:
        raise NotImplementedError

    def query(self, **changes) -> str:
        return "?" + urlencode(self._params(**changes))

    @property
    def page_prefix(self) -> str:
        """What pagination links put before ``page=``."""
        params = urlencode(self._params())
        return f"{params}&" if params else ""

    @property
    def is_narrowed(self) -> bool:
        """Whether the visitor chose a filter, so an empty list is "nothing matches",
        not "nothing yet"."""
        return bool(self._params())

    @property
    def cleared(self) -> str:
        """The list with no filter the visitor chose (a fixed policy field stays)."""
        return "?"


@dataclass
class PostFilters(QueryFilters):
    kind: str  # a Post.Kind value or ALL
    policy_field: PolicyField | None
    year: int | None
    default_kind: str
    fixed_policy_field: bool = False
    choices: FilterChoices | None = None

    @classmethod
    def from_query(
        cls, query, *, default_kind=ALL, policy_field=None, choices=None
    ) -> "PostFilters":
        kind = query.get("kind", default_kind)
        if kind != ALL and kind not in Post.Kind.values:
            kind = default_kind
        fixed_policy_field = policy_field is not None
        slug = query.get(PARAMETER, "")[:100]
        # Slugs are ASCII letters, digits, - and _: anything else (a NUL byte,
        # which PostgreSQL refuses in a query) cannot name a policy field.
        if not fixed_policy_field and slug_re.match(slug):
            choices = choices or FilterChoices.load()
            known = {field.slug: field for field in choices.policy_fields}
            policy_field = known.get(slug)
        year = whole_number(query.get("year"))
        year = year if year in YEARS else None
        return cls(kind, policy_field, year, default_kind, fixed_policy_field, choices)

    def key(self) -> tuple:
        """What the filtered list depends on, for caching its pages."""
        slug = self.policy_field.slug if self.policy_field else None
        return self.kind, slug, self.year

    def _choices(self) -> FilterChoices:
        if self.choices is None:
            self.choices = FilterChoices.load()
        return self.choices

    def apply(self, posts):
        if self.kind != ALL:
            posts = posts.of_kind(self.kind)
        if self.policy_field:
            posts = posts.filter(policy_field=self.policy_field)
        if self.year:
            # A range, not __year: the (status, published_at) index can serve it.
            start = datetime(self.year, 1, 1, tzinfo=timezone.get_default_timezone())
            end = datetime(self.year + 1, 1, 1, tzinfo=timezone.get_default_timezone())
            posts = posts.filter(published_at__gte=start, published_at__lt=end)
        return posts

    def _params(self, **changes) -> dict:
        params = {
            "kind": self.kind if self.kind != self.default_kind else None,
            PARAMETER: self.policy_field.slug
            if self.policy_field and not self.fixed_policy_field
            else None,
            "year": self.year,
        }
        params.update(changes)
        return {key: value for key, value in params.items() if value is not None}

    def kind_choices(self) -> list[Choice]:
        """Every kind with published posts in this list, and "all kinds"."""
        if self.fixed_policy_field:
            offered = {
                kind
                for kind in Post.Kind.values
                if self.policy_field.has_published(kind)
            }
        else:
            offered = set(self._choices().years_by_kind)
        options = [
            (ALL, _("All kinds")),
            *(
                (value, Post.plural_label(value))
                for value in Post.Kind.values
                if value in offered or value == self.kind
            ),
        ]
        return [
            Choice(
                str(label),
                self.query(kind=value if value != self.default_kind else None),
                value == self.kind,
            )
            for value, label in options
        ]

    def policy_field_choices(self) -> list[Choice]:
        everything = self.query(**{PARAMETER: None})
        choices = [Choice(_("All fields"), everything, self.policy_field is None)]
        choices += [
            Choice(
                policy_field.name,
                self.query(**{PARAMETER: policy_field.slug}),
                policy_field == self.policy_field,
            )
            for policy_field in self._choices().offered_policy_fields(self.kind)
        ]
        return choices

    def year_choices(self) -> list[Choice]:
        years = self._choices().years(self.kind)
        choices = [Choice(_("All years"), self.query(year=None), self.year is None)]
        choices += [
            Choice(str(year), self.query(year=year), year == self.year)
            for year in years
        ]
        return choices
