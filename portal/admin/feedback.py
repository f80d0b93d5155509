"""Visitors' page satisfaction answers (portal.models.feedback), for staff to
read: one row per answer, and above the list the count and average per page for
whatever the filters select. Read-only: an answer is what a visitor said. Staff
with the delete permission (superusers) may remove an abusive comment."""

from django.contrib import admin
from django.db.models import Avg, Count
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from portal.admin.base import ViewOnThisHost
from portal.admin.search_terms import BoundedSearch
from portal.models import PageFeedback

PAGES_SHOWN = 50


@admin.register(PageFeedback)
class PageFeedbackAdmin(ViewOnThisHost, BoundedSearch, admin.ModelAdmin):
    list_display = ["created_at", "path", "language", "rating", "short_comment"]
    list_filter = ["rating", "language", "created_at"]
    search_fields = ["path", "comment"]
    date_hierarchy = "created_at"
    change_list_template = "admin/portal/pagefeedback/change_list.html"

    @admin.display(description=_("comment"))
    def short_comment(self, obj):
        return Truncator(obj.comment).chars(80)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            # Per page, over the answers the filters and search select.
            response.context_data["per_page"] = (
                changelist.queryset.order_by()
                .values("path")
                .annotate(answers=Count("id"), average=Avg("rating"))
                .order_by("-answers", "path")[:PAGES_SHOWN]
            )
        return response
