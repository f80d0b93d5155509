"""The translation dashboard: how much is translated in each language, and what
still needs work, in every language or in one."""

from dataclasses import dataclass

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal.admin.base import TranslationFilter, out_of_date
from portal.languages import language_codes, language_name
from portal.models import StaleTranslation
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
    # Items whose translation into this language is older than its source.
    outdated: int = 0
    outdated_url: str = ""

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
    # The languages whose translation is older than the source.
    outdated: list[str]
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
    outdated = StaleTranslation.objects.counts()
    for entry in _visible_to(user):
        model = entry.model
        total = model.objects.count()
        target = entry.admin_model()
        changelist_url = reverse(f"admin:portal_{target._meta.model_name}_changelist")
        own_list = target is model
        content_type = ContentType.objects.get_for_model(model).pk
        counts = [
            LanguageCount(
                code=code,
                name=language_name(code),
                complete=total
                - model.objects.filter(model.missing_translation(code)).count(),
                total=total,
                missing_url=changelist_url + TranslationFilter.missing_query(code)
                if own_list
                else "",
                outdated=outdated.get((content_type, code), 0),
                outdated_url=changelist_url + TranslationFilter.outdated_query(code)
                if own_list
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
    """Missing a language or out of date in it, or flagged for review; with
    ``language``, missing or out of date in that one."""
    if language:
        return model.missing_translation(language) | out_of_date(model, language)
    needs = Q(pk__in=StaleTranslation.objects.of_model(model).object_ids())
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
        listed = list(queryset[: max(limit - len(items), 0)])
        stale = _stale_languages(model, listed)
        for obj in listed:
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
                    outdated=[
                        language_name(code)
                        for code in language_codes()
                        if code in stale.get(obj.pk, ())
                    ],
                    review_reason=str(obj.review_reason)
                    if getattr(obj, "needs_review", False)
                    else "",
                    change_url=_change_url(entry, obj),
                )
            )
    return items, total


def _stale_languages(model, objects) -> dict[int, set[str]]:
    """The out-of-date languages of each of ``objects``, in one query."""
    if not objects:
        return {}
    rows = (
        StaleTranslation.objects.of_model(model)
        .filter(object_id__in=[obj.pk for obj in objects])
        .values_list("object_id", "language")
    )
    languages: dict[int, set[str]] = {}
    for pk, code in rows:
        languages.setdefault(pk, set()).add(code)
    return languages


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
