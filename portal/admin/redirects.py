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

admin.site.unregister(Redirect)


@admin.register(Redirect)
class RedirectAdmin(DjangoRedirectAdmin):
    list_filter = ()
    radio_fields = {}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "site":
            kwargs["widget"] = forms.HiddenInput
            kwargs["initial"] = settings.SITE_ID
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
