"""The translation dashboard: how much is translated in each language, and what
still needs work, in every language or in one."""

from dataclasses import dataclass

from django.contrib import admin
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal.admin.base import TranslationFilter
from portal.languages import language_codes, language_name
from portal.models.public import PUBLIC_CONTENT

QUEUE_LIMIT = 50


@dataclass
class LanguageCount:
    code: str
    name: str
    complete: int
    total: int
    # The change list filtered to the items missing this language, or "" when
    # the items are edited in another model's form (FAQ entries in programmes).
    missing_url: str = ""

    @property
    def missing(self) -> int:
        return self.total - self.complete

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
class LanguageChoice:
    code: str
    name: str
    url: str
    is_current: bool


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
        target = entry.admin_model()
        changelist_url = reverse(f"admin:portal_{target._meta.model_name}_changelist")
        counts = [
            LanguageCount(
                code=code,
                name=language_name(code),
                complete=total
                - model.objects.filter(model.missing_translation(code)).count(),
                total=total,
                missing_url=changelist_url + TranslationFilter.missing_query(code)
                if target is model
                else "",
            )
            for code in language_codes()
        ]
        rows.append(
            ContentStatus(
                model_name=model._meta.model_name,
                label=str(model._meta.verbose_name_plural),
                total=total,
                languages=counts,
                changelist_url=changelist_url,
            )
        )
    return rows


def _needs_work(model, language: str | None = None) -> Q:
    """Missing a language, or flagged for review; with ``language``, missing
    that one."""
    if language:
        return model.missing_translation(language)
    needs = Q(pk__in=[])
    for code in language_codes():
        needs |= model.missing_translation(code)
    if any(field.name == "needs_review" for field in model._meta.fields):
        needs |= Q(needs_review=True)
    return needs


def translation_queue(
    user, limit: int = QUEUE_LIMIT, language: str | None = None
) -> tuple[list[QueueItem], int]:
    """Items missing a language (``language``, or any) or flagged for review,
    most recently changed first; only of the models ``user`` may view (drafts
    included, as in the admin)."""
    items: list[QueueItem] = []
    total = 0
    for entry in _visible_to(user):
        model = entry.model
        queryset = model.objects.filter(_needs_work(model, language)).order_by(
            "-updated_at"
        )
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
                        language_name(code)
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


def language_choices(current: str | None) -> list[LanguageChoice]:
    """The queue's filter: every language, then each declared one."""
    choices = [LanguageChoice("", _("All languages"), "?", not current)]
    for code in language_codes():
        choices.append(
            LanguageChoice(
                code,
                language_name(code),
                "?" + urlencode({"language": code}),
                code == current,
            )
        )
    return choices


def translation_dashboard(request):
    language = request.GET.get("language")
    if language not in language_codes():
        language = None
    queue, queue_total = translation_queue(request.user, language=language)
    context = {
        **admin.site.each_context(request),
        "title": _("Translation status"),
        "summary": translation_summary(request.user),
        "queue": queue,
        "queue_total": queue_total,
        "queue_language": language_name(language) if language else "",
        "language_choices": language_choices(language),
    }
    return TemplateResponse(request, "admin/portal/translation_dashboard.html", context)
