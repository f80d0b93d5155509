"""The translation dashboard: how much is translated, and what still needs work."""

from dataclasses import dataclass

from django.contrib import admin
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from portal.content.i18n import language_codes
from portal.models.public import PUBLIC_CONTENT

QUEUE_LIMIT = 50


@dataclass
class LanguageCount:
    code: str
    name: str
    complete: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.complete / self.total) if self.total else 100


@dataclass
class ContentStatus:
    model_name: str
    label: str
    total: int
    languages: list[LanguageCount]
    changelist_url: str


@dataclass
class QueueItem:
    obj: object
    kind: str
    title: str
    missing: list[str]
    # Why it is flagged for review (the model's own reason), or "".
    review_reason: str
    change_url: str


def _change_url(entry, obj) -> str:
    """The admin page that edits ``obj``: its own, or its parent's."""
    target = getattr(obj, entry.edited_in) if entry.edited_in else obj
    opts = target._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[target.pk])


def _visible_to(user) -> list:
    """The public models whose rows ``user`` may view."""
    return [
        entry
        for entry in PUBLIC_CONTENT
        if user.has_perm(
            f"{entry.model._meta.app_label}.view_{entry.model._meta.model_name}"
        )
    ]


def translation_summary(user) -> list[ContentStatus]:
    rows = []
    for entry in _visible_to(user):
        model = entry.model
        total = model.objects.count()
        counts = [
            LanguageCount(
                code=code,
                name=get_language_info(code)["name_translated"],
                complete=total
                - model.objects.filter(model.missing_translation(code)).count(),
                total=total,
            )
            for code in language_codes()
        ]
        target = entry.admin_model()
        rows.append(
            ContentStatus(
                model_name=model._meta.model_name,
                label=str(model._meta.verbose_name_plural),
                total=total,
                languages=counts,
                changelist_url=reverse(
                    f"admin:portal_{target._meta.model_name}_changelist"
                ),
            )
        )
    return rows


def _needs_work(model) -> Q:
    needs = Q(pk__in=[])
    for code in language_codes():
        needs |= model.missing_translation(code)
    if any(field.name == "needs_review" for field in model._meta.fields):
        needs |= Q(needs_review=True)
    return needs


def translation_queue(user, limit: int = QUEUE_LIMIT) -> tuple[list[QueueItem], int]:
    """Items missing a language or flagged for review, most recently changed
    first; only of the models ``user`` may view (drafts included, as in the
    admin)."""
    items: list[QueueItem] = []
    total = 0
    for entry in _visible_to(user):
        model = entry.model
        queryset = model.objects.filter(_needs_work(model)).order_by("-updated_at")
        if entry.edited_in:
            queryset = queryset.select_related(entry.edited_in)
        total += queryset.count()
        for obj in queryset[: max(limit - len(items), 0)]:
            items.append(
                QueueItem(
                    obj=obj,
                    kind=str(model._meta.verbose_name),
                    title=str(obj),
                    missing=[
                        get_language_info(code)["name_translated"]
                        for code in language_codes()
                        if not obj.is_translated(code)
                    ],
                    review_reason=str(obj.review_reason)
                    if getattr(obj, "needs_review", False)
                    else "",
                    change_url=_change_url(entry, obj),
                )
            )
    return items, total


def translation_dashboard(request):
    queue, queue_total = translation_queue(request.user)
    context = {
        **admin.site.each_context(request),
        "title": _("Translation status"),
        "summary": translation_summary(request.user),
        "queue": queue,
        "queue_total": queue_total,
    }
    return TemplateResponse(request, "admin/portal/translation_dashboard.html", context)
