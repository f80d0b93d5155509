"""Policy cases: what Seoul did, how, with what, what came of it and whom to ask.

A case is structured rather than one long body, in the order a visiting official
asks: the problem, what Seoul did, when (a period and milestones), with what
(the facts box), outcomes with their sources, what was hard, and who ran it.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from portal.languages import language_codes, localized_all
from portal.models.base import (
    ImportedModel,
    PublishableModel,
    PublishableQuerySet,
    TranslatedModel,
)
from portal.models.departments import Department
from portal.models.fields import RichTextField, TextOfField
from portal.models.nested import children_as_json, instances
from portal.models.policy_fields import PolicyField
from portal.models.posts import Post
from portal.models.programs import Program
from portal.models.written import WrittenInQuerySet, first_in_language_index
from portal.values.addresses import linkable

MISSING = object()
# What a link to a case needs (for_links, linked_through).
LINK_FIELDS = ("id", "slug", "published_at", *localized_all("title"))


class Goal(models.IntegerChoices):
    """The seventeen Sustainable Development Goals, by their UN short names."""

    NO_POVERTY = 1, _("No poverty")
    ZERO_HUNGER = 2, _("Zero hunger")
    HEALTH = 3, _("Good health and well-being")
    EDUCATION = 4, _("Quality education")
    GENDER_EQUALITY = 5, _("Gender equality")
    WATER = 6, _("Clean water and sanitation")
    ENERGY = 7, _("Affordable and clean energy")
    WORK = 8, _("Decent work and economic growth")
    INDUSTRY = 9, _("Industry, innovation and infrastructure")
    INEQUALITIES = 10, _("Reduced inequalities")
    CITIES = 11, _("Sustainable cities and communities")
    CONSUMPTION = 12, _("Responsible consumption and production")
    CLIMATE = 13, _("Climate action")
    LIFE_BELOW_WATER = 14, _("Life below water")
    LIFE_ON_LAND = 15, _("Life on land")
    PEACE = 16, _("Peace, justice and strong institutions")
    PARTNERSHIPS = 17, _("Partnerships for the goals")


class SustainableDevelopmentGoal(models.Model):
    """One of the seventeen goals, a row so that cases can be filtered by it.

    The rows are made by a migration; their names come from the interface
    catalogs (``Goal``), in every language the site serves.
    """

    number = models.PositiveSmallIntegerField(
        _("number"), primary_key=True, choices=Goal.choices
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return Goal(self.number).label

    @classmethod
    def ensure_all(cls) -> None:
        """Make any of the seventeen rows that are missing: migration 0029 makes
        them, but a database emptied since (a restore's, a test's) lacks them."""
        cls.objects.bulk_create(
            [cls(number=number) for number in Goal.values], ignore_conflicts=True
        )


class PolicyCaseQuerySet(WrittenInQuerySet, PublishableQuerySet):
    def for_cards(self):
        """What a card shows: the title, summary, field, period and phase."""
        return self.only(
            "slug",
            "published_at",
            "policy_field",
            "phase",
            "start_year",
            "end_year",
            "lead_image",
            *localized_all("title", "summary"),
        ).select_related("policy_field", "lead_image")

    def for_links(self):
        """What a link to a case shows: its title."""
        return self.only(*LINK_FIELDS)

    def linked_through(self, link: str) -> models.Subquery:
        """These cases, as links, for each outer row that ``link`` (a relation
        of PolicyCase) points at: a subquery that ``linked()`` reads back, so a
        post's page needs no query of its own for the cases about it."""
        return children_as_json(PolicyCase, link, rows=self, fields=LINK_FIELDS)

    def for_page(self, related_posts, related_programs):
        """What a case's own page shows with it, in three queries: the case with
        its field, department, image and small children (as JSON: nested.py),
        then the related posts and programmes, read through the querysets given
        (published ones on public pages)."""
        return (
            self.select_related("policy_field", "department", "lead_image")
            .annotate(
                goals_json=children_as_json(PolicyCase.goals.through, "policycase"),
                **{
                    f"{name}_json": children_as_json(model, "case")
                    for name, model in CHILDREN.items()
                },
            )
            .prefetch_related(
                models.Prefetch("related_posts", queryset=related_posts),
                models.Prefetch("related_programs", queryset=related_programs),
            )
        )

    def running(self):
        return self.filter(phase=PolicyCase.Phase.RUNNING)

    def ended(self):
        """Cases marked ended, and those whose sources did not say but whose last
        year is past."""
        return self.filter(
            models.Q(phase=PolicyCase.Phase.ENDED)
            | models.Q(phase="", end_year__lt=timezone.localdate().year)
        )

    def in_year(self, year: int):
        """Cases under way at some time in ``year``: begun by its end, and not
        ended before it (a case with no end year is still running, or its end
        is not known)."""
        return self.filter(start_year__lte=year).filter(
            models.Q(end_year__gte=year) | models.Q(end_year__isnull=True)
        )


class PolicyCase(PublishableModel, ImportedModel, TranslatedModel):
    """A policy Seoul carried out, told so another city can judge whether to
    adopt it and whom to ask."""

    class Phase(models.TextChoices):
        RUNNING = "running", _("Running")
        ENDED = "ended", _("Ended")

    title = models.CharField(_("title"), max_length=300, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences: the policy and what it achieved."),
    )
    policy_field = models.ForeignKey(
        PolicyField,
        verbose_name=_("policy field"),
        related_name="policy_cases",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    goals = models.ManyToManyField(
        SustainableDevelopmentGoal,
        verbose_name=_("Sustainable Development Goals"),
        related_name="policy_cases",
        blank=True,
    )
    phase = models.CharField(
        _("running or ended"),
        max_length=10,
        choices=Phase.choices,
        blank=True,
        help_text=_("Empty when the sources do not say."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("first year"), null=True, blank=True
    )
    end_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    period = models.CharField(
        _("implementation period"),
        max_length=200,
        blank=True,
        help_text=_("As the sources put it, e.g. “January 2024 to December 2025”."),
    )
    problem = RichTextField(_("the problem"), blank=True)
    problem_text = TextOfField(_("the problem as text"), source="problem")
    approach = RichTextField(_("what Seoul did"), blank=True)
    approach_text = TextOfField(_("what Seoul did as text"), source="approach")
    budget = models.CharField(_("budget"), max_length=300, blank=True)
    staffing = models.CharField(_("staff"), max_length=300, blank=True)
    stakeholders = models.TextField(_("partners and stakeholders"), blank=True)
    obstacles = RichTextField(_("obstacles"), blank=True)
    obstacles_text = TextOfField(_("obstacles as text"), source="obstacles")
    lessons = RichTextField(_("lessons"), blank=True)
    lessons_text = TextOfField(_("lessons as text"), source="lessons")
    department = models.ForeignKey(
        Department,
        verbose_name=_("responsible department"),
        related_name="policy_cases",
        # A department that still answers for cases is not deleted by accident.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    publish_contact = models.BooleanField(
        _("show the contact person's name"),
        default=False,
        help_text=_("Only with the person's agreement."),
    )
    lead_image = models.ForeignKey(
        "portal.Image",
        verbose_name=_("lead image"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    related_posts = models.ManyToManyField(
        Post,
        verbose_name=_("news, videos and publications"),
        related_name="policy_cases",
        blank=True,
    )
    related_programs = models.ManyToManyField(
        Program,
        verbose_name=_("training programs"),
        related_name="policy_cases",
        blank=True,
    )
    needs_review = models.BooleanField(
        _("needs review"),
        default=False,
        help_text=_("Set by the import: a case assembled from captured pages."),
    )

    required_in_one_language = ("title",)

    objects = PolicyCaseQuerySet.as_manager()

    class Meta(ImportedModel.Meta):
        ordering = ["-published_at", "-id"]
        verbose_name = _("policy case")
        verbose_name_plural = _("policy cases")
        indexes = [
            models.Index(fields=["policy_field", "-published_at", "-id"]),
            # When the next scheduled case is due, and the list's year chips:
            # the published cases' periods read from the index alone (the rows,
            # with six languages of text, cost 20 ms at 10,000 cases).
            models.Index(
                fields=["status", "published_at", "start_year", "end_year"],
                name="case_period_idx",
            ),
            # The sitemap's last change: the newest edit first, not a scan of all.
            models.Index(
                fields=["status", "-updated_at", "published_at"],
                name="case_last_change_idx",
            ),
            *(
                first_in_language_index("case", code, column)
                for code in language_codes()
                for column in ("", "policy_field")
            ),
        ]
        permissions = [
            ("publish_policycase", _("Can publish and unpublish policy cases"))
        ]

    def __str__(self) -> str:
        return self.title or self.slug

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError(
                {"end_year": _("The last year cannot come before the first year.")}
            )

    def get_absolute_url(self) -> str:
        return reverse("portal:policy_case_detail", kwargs={"slug": self.slug})

    @property
    def review_reason(self) -> str:
        """Why a flagged case is in the translation dashboard's queue."""
        if self.source_key:
            return _("Written from the old site's pages: check it against the records")
        return _("Flagged for review by staff")

    @property
    def years(self) -> str:
        """The period in years: "2019–2023", "2024–" while running, "2014"."""
        if not self.start_year:
            return str(self.end_year or "")
        if self.end_year == self.start_year:
            return str(self.start_year)
        if self.end_year:
            return f"{self.start_year}–{self.end_year}"
        return (
            f"{self.start_year}–"
            if self.phase == self.Phase.RUNNING
            else str(self.start_year)
        )

    @classmethod
    def linked(cls, rows) -> list["PolicyCase"]:
        """The cases in a linked_through() value, newest first."""
        return instances(cls, rows)

    def _children(self, name: str) -> list:
        """The children ``name`` ("milestones"), from for_page()'s JSON when the
        case was read with it, else from the database."""
        rows = getattr(self, f"{name}_json", MISSING)
        if rows is MISSING:
            return list(getattr(self, name).all())
        return instances(CHILDREN[name], rows)

    @cached_property
    def timeline(self) -> list["Milestone"]:
        return self._children("milestones")

    @cached_property
    def outcome_list(self) -> list["Outcome"]:
        return self._children("outcomes")

    @cached_property
    def change_note_list(self) -> list["ChangeNote"]:
        """Newest first."""
        return self._children("change_notes")

    @cached_property
    def goal_list(self) -> list[Goal]:
        rows = getattr(self, "goals_json", MISSING)
        if rows is MISSING:
            numbers = self.goals.values_list("number", flat=True)
        else:
            numbers = [row["sustainabledevelopmentgoal_id"] for row in rows or ()]
        return [Goal(number) for number in sorted(numbers)]

    @property
    def last_change(self):
        """The date of the newest public change note; None if there is none."""
        notes = self.change_note_list
        return notes[0].changed_on if notes else None


class Milestone(TranslatedModel):
    """A dated step on the case's timeline."""

    case = models.ForeignKey(
        PolicyCase,
        verbose_name=_("policy case"),
        related_name="milestones",
        on_delete=models.CASCADE,
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"),
        null=True,
        blank=True,
        choices=[(number, number) for number in range(1, 13)],
    )
    text = models.CharField(_("what happened"), max_length=500, blank=True)

    required_in_one_language = ("text",)

    class Meta:
        ordering = ["case", "year", models.F("month").asc(nulls_first=True), "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return f"{self.year}: {self.text}"

    def get_absolute_url(self) -> str:
        return f"{self.case.get_absolute_url()}#milestone-{self.pk}"

    @property
    def month_start(self) -> date | None:
        """The month's first day, for naming the month in the reader's language."""
        return date(self.year, self.month, 1) if self.month else None


class Outcome(TranslatedModel):
    """A result, with its figure and where the figure comes from."""

    case = models.ForeignKey(
        PolicyCase,
        verbose_name=_("policy case"),
        related_name="outcomes",
        on_delete=models.CASCADE,
    )
    figure = models.CharField(
        _("figure"),
        max_length=100,
        blank=True,
        help_text=_("The number itself, e.g. “1.5 million” or “38%”."),
    )
    text = models.CharField(_("what it measures"), max_length=500, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    source_url = models.URLField(_("source link"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    required_in_one_language = ("text",)

    class Meta:
        ordering = ["case", "order", "id"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return " ".join(part for part in (self.figure, self.text) if part)

    def get_absolute_url(self) -> str:
        return f"{self.case.get_absolute_url()}#outcome-{self.pk}"

    @property
    def source_link(self) -> str:
        return linkable(self.source_url)


class ChangeNote(TranslatedModel):
    """A public line saying what a meaningful update changed, and when."""

    case = models.ForeignKey(
        PolicyCase,
        verbose_name=_("policy case"),
        related_name="change_notes",
        on_delete=models.CASCADE,
    )
    changed_on = models.DateField(_("date"), default=timezone.localdate)
    note = models.CharField(_("what changed"), max_length=300, blank=True)

    required_in_one_language = ("note",)

    class Meta:
        ordering = ["case", "-changed_on", "-id"]
        verbose_name = _("change note")
        verbose_name_plural = _("change notes")

    def __str__(self) -> str:
        return self.note

    def get_absolute_url(self) -> str:
        return f"{self.case.get_absolute_url()}#changes"


# The children a case's page shows, by their related name.
CHILDREN = {
    "milestones": Milestone,
    "outcomes": Outcome,
    "change_notes": ChangeNote,
}
