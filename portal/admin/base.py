"""The base admin classes: tabbed editing in every language with history, and
publishing rights for Editors."""

import json
from contextlib import contextmanager

import reversion
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import get_fields_from_path
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext, ngettext, override
from django.utils.translation import gettext_lazy as _
from js_asset import Media
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.admin import VersionAdmin

from portal.admin.change_messages import reverted_message
from portal.admin.conflicts import EditConflicts
from portal.admin.history import RestoreOwnVersion
from portal.admin.roles import (
    TranslatorLimits,
    translatable_fields,
    translator_languages,
)
from portal.admin.search_terms import BoundedSearch
from portal.admin.sources import SourcesBeside, confirm_still_holds
from portal.languages import (
    direction,
    language_codes,
    language_name,
    slug_source,
)
from portal.models import SeedTombstone, StaleTranslation
from portal.models.fields import RichTextField
from portal.params import whole_number
from portal.text import rich
from portal.values.dates import YEARS

# What each part of the change list's date drill-down may be.
DATE_PARTS = {"year": YEARS, "month": range(1, 13), "day": range(1, 32)}


class TranslationFilter(admin.SimpleListFilter):
    """ "Missing in Spanish", "Out of date in Spanish": two choices per declared
    language, in settings order."""

    title = _("translation")
    parameter_name = "translation"
    prefix = "missing_"
    outdated_prefix = "outdated_"

    @classmethod
    def missing_query(cls, code: str) -> str:
        """The query string of a change list filtered to "missing in ``code``"."""
        return "?" + urlencode({cls.parameter_name: cls.prefix + code})

    @classmethod
    def outdated_query(cls, code: str) -> str:
        """The query string of a change list filtered to "out of date in ``code``"."""
        return "?" + urlencode({cls.parameter_name: cls.outdated_prefix + code})

    def lookups(self, request, model_admin):
        missing = [
            # Translators: a choice of the change list's translation filter.
            (
                self.prefix + code,
                gettext("Missing in %(language)s") % {"language": language_name(code)},
            )
            for code in language_codes()
        ]
        outdated = [
            # Translators: a choice of the change list's translation filter.
            (
                self.outdated_prefix + code,
                gettext("Out of date in %(language)s")
                % {"language": language_name(code)},
            )
            for code in language_codes()
        ]
        return missing + outdated

    def queryset(self, request, queryset):
        value = self.value() or ""
        model = queryset.model
        for prefix, rows in (
            (self.prefix, model.missing_translation),
            (self.outdated_prefix, lambda code: out_of_date(model, code)),
        ):
            code = value.removeprefix(prefix)
            if value.startswith(prefix) and code in language_codes():
                return queryset.filter(rows(code))
        return queryset


def out_of_date(model, code: str) -> models.Q:
    """Rows of ``model`` with a translation into ``code`` whose source changed."""
    stale = StaleTranslation.objects.of_model(model).in_language(code)
    return models.Q(pk__in=stale.object_ids())


class SlugSource:
    """A new item's slug is typed for it from its title (``slug_from``) in
    settings.SLUG_LANGUAGE: slugs are ASCII, and the same in every language."""

    slug_from: str | None = None

    def get_prepopulated_fields(self, request, obj=None):
        prepopulated = super().get_prepopulated_fields(request, obj)
        if self.slug_from:
            return {**prepopulated, "slug": [slug_source(self.slug_from)]}
        return prepopulated


class ViewOnThisHost:
    """The admin's "View on site" opens the page on the host staff are on, in
    the admin's language. Django's own link goes through a view that names the
    sites framework's Site, which exists for the redirects and names no
    particular host."""

    def view_on_site(self, obj):
        get_absolute_url = getattr(obj, "get_absolute_url", None)
        return get_absolute_url() if get_absolute_url else None


class PortalAdmin(
    ViewOnThisHost,
    SourcesBeside,
    TranslatorLimits,
    SlugSource,
    EditConflicts,
    BoundedSearch,
    RestoreOwnVersion,
    VersionAdmin,
    TabbedTranslationAdmin,
):
    """Tabbed editing, a tab per language, with history, and a per-row column
    telling translators which language is still missing. Translators change
    translations only, of their languages (``roles``), a save over someone
    else's newer one is refused (``conflicts``), searches are bounded
    (``search_terms``) and restores touch one item (``history``)."""

    class Media:
        js = ["portal/admin/language_switch.js"]
        # Change lists that fit a 1280 px screen; status words kept whole.
        css = {"all": ["portal/css/admin.css"]}

    # Links typed without a scheme are meant as https in 2026 (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = getattr(db_field, "language", None)
        if field is not None and language:
            # Each language's input in its own language and direction: Arabic
            # text reads right to left in a Chinese admin, and back.
            field.widget.attrs.update(lang=language, dir=direction(language))
        elif isinstance(db_field, models.SlugField | models.URLField) and field:
            # Latin in every admin, so an Arabic one does not reverse it.
            field.widget.attrs["dir"] = "ltr"
        if isinstance(db_field, RichTextField) and field is not None:
            # modeltranslation gives each language's field (``body_en``) a copy of
            # the untranslated field's editor: make it browse in its language.
            language = getattr(db_field, "language", None)
            field.widget.config = {"extensions": rich.editor_extensions(language)}
        return field

    @admin.display(description=_("Translations"))
    def translations(self, obj):
        """One compact badge per language ("KO EN ES"), a missing one struck out:
        a column per language did not fit a 1280 px screen beside the filters.
        The badge shows the language's primary subtag ("ZH" for zh-hans); its
        hidden text names the language in the reader's language."""
        badges = []
        for code in language_codes():
            if obj.is_translated(code):
                state, text = "", _("%(language)s: translated")
            else:
                state, text = " is-missing", _("%(language)s: missing")
            short = code.split("-")[0].upper()
            badges.append((state, short, text % {"language": language_name(code)}))
        return format_html(
            '<span class="portal-langs">{}</span>',
            format_html_join(
                "",
                '<span class="portal-lang{}"><span aria-hidden="true">{}</span>'
                '<span class="visually-hidden">{}</span></span>',
                badges,
            ),
        )

    @method_decorator(csp_update({"style-src": [settings.EDITOR_STYLE_HASH]}))
    def changeform_view(self, *args, **kwargs):
        # The body editor's one injected stylesheet, on the forms that show it.
        return super().changeform_view(*args, **kwargs)

    def render_change_form(self, request, context, *args, **kwargs):
        # The rich-text editor's import map is an inline script: it carries this
        # request's CSP nonce, so the admin needs no 'unsafe-inline'.
        if "media" in context:
            context["media"] = Media.from_media(
                context["media"], nonce=request.csp_nonce
            )
        return super().render_change_form(request, context, *args, **kwargs)

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), TranslationFilter]

    def lookup_allowed(self, lookup, value, request):
        """Only what the change list offers: its filters and date hierarchy.

        Django also accepts any lookup on a local field from the query string, so
        ``?title_en__regex=…`` let any staff member run a regular expression of
        their choosing over every row and hold a worker for as long as it took.
        """
        if lookup not in self.declared_lookups(request):
            return False
        if not self.date_lookup_in_range(lookup, value):
            return False
        return super().lookup_allowed(lookup, value, request)

    def date_lookup_in_range(self, lookup: str, value) -> bool:
        """Whether a part of the date drill-down names a date Django can build.

        Django turns ``?published_at__year=`` into a datetime unchecked: twenty
        digits overflowed, and year 9999 ran past the calendar's end (500). A
        lookup refused here answers 400.
        """
        field, _sep, part = lookup.rpartition("__")
        if field != self.date_hierarchy or part not in DATE_PARTS:
            return True
        return whole_number(value) in DATE_PARTS[part]

    def declared_lookups(self, request) -> set[str]:
        allowed = set()
        for entry in self.get_list_filter(request):
            if isinstance(entry, type) and issubclass(entry, admin.SimpleListFilter):
                allowed.add(entry.parameter_name)
                continue
            field_path = entry[0] if isinstance(entry, tuple | list) else entry
            field = get_fields_from_path(self.model, field_path)[-1]
            spec = admin.FieldListFilter.create(
                field, request, {}, self.model, self, field_path=field_path
            )
            allowed.update(spec.expected_parameters())
        if self.date_hierarchy:
            allowed.update(
                f"{self.date_hierarchy}__{part}" for part in ("year", "month", "day")
            )
        return allowed

    # With the "Recover deleted …" link, for those the recover list lets in.
    change_list_template = "admin/portal/change_list_with_recovery.html"

    def changelist_view(self, request, extra_context=None):
        # django-reversion saves everything a change list does (its editable
        # columns) in one revision, and restoring one row's version would then
        # restore every row saved with it. Each row gets its own (save_model).
        context = {"may_recover": self.may_recover(request), **(extra_context or {})}
        return super(VersionAdmin, self).changelist_view(request, context)

    def save_model(self, request, obj, form, change):
        if reversion.is_active():
            return super().save_model(request, obj, form, change)
        with self.create_revision(request):
            return super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        children = [
            child
            for formset in formsets
            for child in getattr(formset, "queryset", [])
            if child.pk is not None
        ]
        confirm_still_holds(
            request, [form.instance, *children], self.may_write_column(request)
        )

    def may_write_column(self, request):
        if self.may_edit_every_field(request):
            return lambda column: True
        allowed = set()
        for model in [
            self.model,
            *(i.model for i in self.get_inline_instances(request)),
        ]:
            allowed |= translatable_fields(model, translator_languages(request))
        return lambda column: column in allowed

    def delete_model(self, request, obj):
        SeedTombstone.remember([obj], deleted_by=request.user.get_username())
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # The change list's "delete selected" action.
        SeedTombstone.remember(queryset, deleted_by=request.user.get_username())
        super().delete_queryset(request, queryset)

    # The history keeps the JSON message, which is shown in the reader's language
    # (change_messages); django-reversion would store it rendered in the saver's.
    def log_addition(self, request, obj, message):
        return _as_revision_comment(super().log_addition(request, obj, message))

    def log_change(self, request, obj, message):
        return _as_revision_comment(super().log_change(request, obj, message))

    @contextmanager
    def create_revision(self, request):
        with super().create_revision(request):
            yield
            # Reached only when a restore was saved (otherwise django-reversion
            # raises to roll it back): replace its rendered comment.
            restored = getattr(request, "portal_restored_version", None)
            if restored is not None and request.method == "POST":
                reversion.set_comment(reverted_message(restored.revision.date_created))

    def has_restore_permission(self, request) -> bool:
        """Restoring or recovering a version may overwrite, undelete (and, for
        publishable content, publish) rows: Editors' work, not Translators'."""
        return self.has_change_permission(request) and self.has_delete_permission(
            request
        )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if not self.has_restore_permission(request):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_restore_permission(request):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def may_recover(self, request) -> bool:
        """Whether the recover list lets this user in: ours, then
        django-reversion's own rule (change and add)."""
        return self.has_restore_permission(request) and self.has_add_permission(request)

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_restore_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)


def status_message(model) -> str:
    """The stored message of a publish or unpublish action: "Changed status."."""
    with override(None):
        label = str(capfirst(model._meta.get_field("status").verbose_name))
    return json.dumps([{"changed": {"fields": [label]}}])


class PublishableAdmin(PortalAdmin):
    """Drafts, scheduling and publishing. Only users with the model's publish
    permission (Editors) may publish, unpublish or restore old versions, which
    could do either."""

    publishing_fields = ("status", "published_at")
    # The preview's URL name, when it is not "portal:<model_name>_preview".
    preview_url_name = ""
    actions = ["publish", "unpublish"]

    def has_publish_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "preview_links"]
        if not self.has_publish_permission(request):
            readonly += [
                name for name in self.publishing_fields if name not in readonly
            ]
        return readonly

    def _set_status(self, request, queryset, status, message):
        changed = 0
        # Saved one by one, each in a revision of its own, so the history shows
        # who did it and restoring one item's version touches no other.
        for obj in queryset.exclude(status=status):
            with self.create_revision(request):
                reversion.set_comment(status_message(self.model))
                obj.status = status
                obj.save(update_fields=["status", "updated_at"])
            changed += 1
        self.message_user(
            request, message(changed) % {"count": changed}, messages.SUCCESS
        )

    @admin.action(permissions=["publish"], description=_("Publish selected items"))
    def publish(self, request, queryset):
        self._set_status(
            request,
            queryset,
            self.model.Status.PUBLISHED,
            lambda n: ngettext(
                "%(count)d item was published.", "%(count)d items were published.", n
            ),
        )

    @admin.action(permissions=["publish"], description=_("Unpublish selected items"))
    def unpublish(self, request, queryset):
        self._set_status(
            request,
            queryset,
            self.model.Status.DRAFT,
            lambda n: ngettext(
                "%(count)d item was unpublished.",
                "%(count)d items were unpublished.",
                n,
            ),
        )

    @admin.display(description=_("publication time"), ordering="published_at")
    def published(self, obj):
        """The short form ("2024-5-24 00:00"): the long one took a fifth of the
        change list's width."""
        if obj.published_at is None:
            return "—"
        moment = timezone.localtime(obj.published_at)
        return formats.date_format(moment, "SHORT_DATETIME_FORMAT")

    @admin.display(description=_("Preview"))
    def preview_links(self, obj):
        if obj is None or obj.pk is None:
            return _("Save first to preview.")
        name = self.preview_url_name or f"portal:{self.opts.model_name}_preview"
        links = []
        for code in language_codes():
            with override(code):
                url = reverse(name, kwargs={"pk": obj.pk})
            links.append((url, code, get_language_info(code)["name_local"]))
        return format_html_join(
            " · ", '<a href="{}" lang="{}" target="_blank" rel="noopener">{}</a>', links
        )

    def has_restore_permission(self, request) -> bool:
        return super().has_restore_permission(request) and self.has_publish_permission(
            request
        )


def _as_revision_comment(entry):
    """The revision being saved keeps the log entry's JSON message as its comment."""
    if reversion.is_active():
        reversion.set_comment(entry.change_message)
    return entry
