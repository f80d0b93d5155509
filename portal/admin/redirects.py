"""Redirects (django.contrib.redirects) as Editors manage them: the old site's
addresses and renamed pages leave their own (portal.old_addresses), and staff
add or change any other.

Django's admin asks which Site each belongs to; the portal has one
(``SITE_ID``), so the form fills it in. settings.INSTALLED_APPS lists the
redirects before portal, so that Django's admin is registered before this one
replaces it.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.redirects.admin import RedirectAdmin as DjangoRedirectAdmin
from django.contrib.redirects.models import Redirect
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.languages import current_language

admin.site.unregister(Redirect)

HELP = {
    "old_path": (
        _("A path without the host, as visitors ask for it, for example {example}."),
        "/{language}/node/6306",
    ),
    "new_path": (
        _(
            "A path on this site (for example {example}) or a full address. "
            "Empty: the page is gone for good (410)."
        ),
        "/{language}/programs/seoul-bike/",
    ),
}


@admin.register(Redirect)
class RedirectAdmin(DjangoRedirectAdmin):
    list_filter = ()
    radio_fields = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Django's own help names "/events/search/" and "https://": English
        # words in every language. Ours gives a path of this site, as code.
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in HELP:
            text, example = HELP[db_field.name]
            path = example.format(language=current_language())
            field.help_text = format_html(
                text, example=format_html('<code lang="zxx">{}</code>', path)
            )
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "site":
            kwargs["widget"] = forms.HiddenInput
            kwargs["initial"] = settings.SITE_ID
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
