"""Policy cases and the departments that run them.

A case is edited as its sections, each a field with a tab per language; its
milestones, outcomes and public change notes are rows inside it. Related news,
publications and programmes are chosen with a search-as-you-type chooser.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from portal.admin.base import PortalAdmin, PublishableAdmin
from portal.admin.images import ImageAdminMixin
from portal.admin.roles import TranslatorLimits
from portal.admin.sources import SourcesBeside
from portal.languages import localized_all
from portal.models import ChangeNote, Department, Milestone, Outcome, PolicyCase


@admin.register(Department)
class DepartmentAdmin(PortalAdmin):
    list_display = ["__str__", "phone", "email", "translations"]
    search_fields = [*localized_all("name"), "slug", "email"]
    slug_from = "name"
    fields = ["name", "slug", "address", "phone", "email", "members"]
    filter_horizontal = ["members"]


class CaseRowInline(SourcesBeside, TranslatorLimits, TranslationTabularInline):
    extra = 0


class MilestoneInline(CaseRowInline):
    model = Milestone
    fields = ["year", "month", "text"]


class OutcomeInline(SourcesBeside, TranslatorLimits, TranslationStackedInline):
    """Stacked: a figure, its text and its source in each language side by
    side in a table row ran past a 1280 px screen."""

    model = Outcome
    extra = 0
    fields = ["order", "figure", "text", "source", "source_url"]


class ChangeNoteInline(CaseRowInline):
    model = ChangeNote
    fields = ["changed_on", "note"]
    verbose_name_plural = _("public change notes")


@admin.register(PolicyCase)
class PolicyCaseAdmin(ImageAdminMixin, PublishableAdmin):
    # No policy field column: the filter beside the list offers it, and the
    # list must fit a 1280 px screen (as the posts' does).
    list_display = [
        "__str__",
        "phase",
        "status",
        "published",
        "translations",
        "needs_review",
    ]
    list_filter = ["status", "phase", "policy_field", "department", "needs_review"]
    search_fields = [*localized_all("title", "summary"), "slug"]
    date_hierarchy = "published_at"
    slug_from = "title"
    preview_url_name = "portal:policy_case_preview"
    autocomplete_fields = ["department", "related_posts", "related_programs"]
    raw_id_fields = ["lead_image"]
    filter_horizontal = ["goals"]
    inlines = [MilestoneInline, OutcomeInline, ChangeNoteInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "policy_field", "goals"]}),
        (
            _("When"),
            {"fields": ["phase", "start_year", "end_year", "period"]},
        ),
        (_("The problem and what Seoul did"), {"fields": ["problem", "approach"]}),
        (
            _("With what"),
            {"fields": ["budget", "staffing", "stakeholders"]},
        ),
        (_("What was hard"), {"fields": ["obstacles", "lessons"]}),
        (
            _("Who ran it"),
            {
                "fields": ["department", "contact_name", "publish_contact"],
                "description": _(
                    "The department's address, telephone and e-mail are shown "
                    "with the case; edit them once, on the department."
                ),
            },
        ),
        (_("Image"), {"fields": ["lead_image", "lead_image_preview"]}),
        (
            _("Related content"),
            {"fields": ["related_posts", "related_programs"]},
        ),
        (
            _("Publishing"),
            {"fields": ["status", "published_at", "preview_links", "needs_review"]},
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "lead_image_preview"]
