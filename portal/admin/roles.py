"""What a Translator may change in the admin: translated text of their own
languages, nothing else.

A Translator is recognised by a permission, not by a group name: whoever may add
rows of a model (Editors, superusers) may also set every field of them, so only
staff without the add permission (Translators, migrations 0003, 0017, 0020) are
limited. They write the translated text fields of the languages assigned to them
(TranslatorLanguages), other than the default one; slugs, flags, choices,
links, files, ordering, the default language's text and the other languages'
text are shown read-only, so Django leaves them out of the form and a crafted
POST that sends them changes nothing (and is told so).
"""

from django.contrib import messages
from django.contrib.auth import get_permission_codename
from django.db import models
from django.utils.translation import gettext, ngettext

from portal.languages import (
    default_language,
    language_codes,
    language_name,
    localized,
)
from portal.models.translators import languages_of


def translatable_fields(
    model: type[models.Model], languages: list[str] | None = None
) -> set[str]:
    """The fields a translator writes: each editable translated field, in every
    language but the default one (the source they translate from), or in those
    of ``languages`` that are not the default."""
    codes = language_codes() if languages is None else languages
    return {
        localized(name, code)
        for name in model.translated_field_names()
        for code in codes
        if code != default_language()
    }


def untranslatable_fields(model: type[models.Model]) -> list[str]:
    """Every field a form could offer that is not a translator's to change."""
    # The untranslated originals are never in the admin's forms: modeltranslation
    # shows one field per language instead.
    hidden = set(model.translated_field_names()) | translatable_fields(model)
    return [
        field.name
        for field in model._meta.get_fields()
        if getattr(field, "editable", False)
        and not field.auto_created
        and (field.concrete or field.many_to_many)
        and field.name not in hidden
    ]


def translator_languages(request) -> list[str]:
    """The languages the signed-in translator may write, read once a request."""
    if not hasattr(request, "_portal_translator_languages"):
        request._portal_translator_languages = [
            code for code in languages_of(request.user) if code != default_language()
        ]
    return request._portal_translator_languages


def locked_fields(model: type[models.Model], request) -> set[str]:
    """The translated fields of the languages the translator does not write."""
    return translatable_fields(model) - translatable_fields(
        model, translator_languages(request)
    )


class TranslatorLimits:
    """Read-only fields for staff who may only translate, for ModelAdmins and
    inlines alike."""

    def may_edit_every_field(self, request) -> bool:
        opts = self.opts
        return request.user.has_perm(
            f"{opts.app_label}.{get_permission_codename('add', opts)}"
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if self.may_edit_every_field(request):
            return readonly
        limited = untranslatable_fields(self.model) + sorted(
            locked_fields(self.model, request)
        )
        return readonly + [name for name in limited if name not in readonly]

    def changeform_view(self, request, *args, **kwargs):
        # ModelAdmins only: an inline's fields are checked by its parent's form.
        if not self.may_edit_every_field(request):
            self.explain_translator_limits(request)
        return super().changeform_view(request, *args, **kwargs)

    def explain_translator_limits(self, request):
        """Say which languages a translator writes when that is none, or when a
        POST sent text in other languages (which Django ignores)."""
        languages = translator_languages(request)
        if not languages and request.method != "POST":
            messages.warning(
                request,
                gettext(
                    "No language is assigned to you, so every text here is "
                    "read-only. Ask an editor to add your languages under "
                    "“Translators' languages” in the admin."
                ),
            )
        if request.method != "POST":
            return
        locked = locked_fields(self.model, request)
        for inline in self.get_inline_instances(request):
            locked |= locked_fields(inline.model, request)
        sent = {key for key in request.POST if key.rsplit("-", 1)[-1] in locked}
        if sent:
            names = ", ".join(language_name(code) for code in languages)
            messages.error(
                request,
                ngettext(
                    "Only text in your language (%(languages)s) can be saved; the "
                    "changes to other languages were not saved.",
                    "Only text in your languages (%(languages)s) can be saved; the "
                    "changes to other languages were not saved.",
                    len(languages),
                )
                % {"languages": names or "—"},
            )

    def get_prepopulated_fields(self, request, obj=None):
        # A slug that is read-only has no input for the script to fill.
        prepopulated = super().get_prepopulated_fields(request, obj)
        if self.may_edit_every_field(request):
            return prepopulated
        readonly = set(self.get_readonly_fields(request, obj))
        return {
            name: sources
            for name, sources in prepopulated.items()
            if name not in readonly
        }

    def get_changelist_instance(self, request):
        # Columns edited in the list (ordering) are not translations either.
        changelist = super().get_changelist_instance(request)
        if not self.may_edit_every_field(request):
            allowed = translatable_fields(self.model, translator_languages(request))
            changelist.list_editable = [
                name for name in changelist.list_editable if name in allowed
            ]
        return changelist
