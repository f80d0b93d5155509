"""Which languages each Translator writes (portal.models.translators): set by
Editors on their own page, and by superusers on the user's page too."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from portal.languages import language_codes, language_name
from portal.models import TranslatorLanguages
from portal.models.roles import TRANSLATORS


def language_choices() -> list[tuple[str, str]]:
    return [(code, language_name(code)) for code in language_codes()]


class TranslatorLanguagesForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=TranslatorLanguages._meta.get_field("languages").help_text,
    )

    class Meta:
        model = TranslatorLanguages
        fields = ["user", "languages"]


def translators():
    return get_user_model().objects.filter(is_staff=True, groups__name=TRANSLATORS)


@admin.register(TranslatorLanguages)
class TranslatorLanguagesAdmin(admin.ModelAdmin):
    form = TranslatorLanguagesForm
    list_display = ["__str__", "language_names"]
    search_fields = ["user__username"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = translators()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("languages"))
    def language_names(self, obj):
        assigned = [language_name(c) for c in language_codes() if c in obj.languages]
        return ", ".join(assigned) or "—"


class TranslatorLanguagesInline(admin.StackedInline):
    model = TranslatorLanguages
    form = TranslatorLanguagesForm
    fields = ["languages"]
    can_delete = False
    max_num = 1


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, TranslatorLanguagesInline]
