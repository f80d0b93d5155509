"""What a Translator may change in the admin: translated text, nothing else.

A Translator is recognised by a permission, not by a group name: whoever may add
rows of a model (Editors, superusers) may also set every field of them, so only
staff without the add permission (Translators, migrations 0003, 0017, 0020) are
limited. They write the translated text fields of the languages other than the
default one; slugs, flags, choices, links, files, ordering and the default
language's text are shown read-only, so Django leaves them out of the form and
a crafted POST that sends them changes nothing.
"""

from django.contrib.auth import get_permission_codename
from django.db import models
from modeltranslation import settings as mt_settings
from modeltranslation.utils import build_localized_fieldname

from portal.content.i18n import language_codes


def translatable_fields(model: type[models.Model]) -> set[str]:
    """The fields a translator writes: each editable translated field, in every
    language but the default one (the source they translate from)."""
    return {
        build_localized_fieldname(name, code)
        for name in model.translated_field_names()
        for code in language_codes()
        if code != mt_settings.DEFAULT_LANGUAGE
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
        return readonly + [
            name for name in untranslatable_fields(self.model) if name not in readonly
        ]

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
            allowed = translatable_fields(self.model)
            changelist.list_editable = [
                name for name in changelist.list_editable if name in allowed
            ]
        return changelist
