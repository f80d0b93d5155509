"""Visitors' requests in the admin (placeholder registration; see the admin work)."""

from django.contrib import admin

from portal.models import Inquiry


@admin.register(Inquiry)
class InquiryAdmin(admin.ModelAdmin):
    pass
