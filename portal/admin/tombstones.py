"""The seed items staff deleted, which the import leaves deleted.

Read-only: the list is written when staff delete imported content. Deleting an
entry here is how an editor lets the next import bring that item back.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal.models import SeedTombstone


@admin.register(SeedTombstone)
class SeedTombstoneAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "deleted_at", "deleted_by"]
    list_select_related = ["content_type"]
    search_fields = ["title"]
    readonly_fields = ["title", "kind", "import_key", "deleted_at", "deleted_by"]
    fields = readonly_fields

    @admin.display(description=_("kind"))
    def kind(self, obj):
        return obj.content_type.name

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
