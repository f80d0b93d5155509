"""Replies and internal notes, written on a request's page and never changed
or deleted afterwards."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy

from portal.models import InquiryNote, InquiryReply


class WrittenOnceInline(admin.StackedInline):
    """Rows added to a request and never changed or deleted afterwards: what
    was sent or noted stays as it was."""

    extra = 1
    fields = ["text", "written_by"]
    readonly_fields = ["written_by"]
    can_delete = False

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj is not None and obj.is_destroyed else self.extra

    def has_add_permission(self, request, obj=None):
        if obj is not None and obj.is_destroyed:
            return False
        return super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("written by"))
    def written_by(self, obj):
        if obj.pk is None:
            return "—"
        when = timezone.localtime(obj.created_at).strftime("%Y-%m-%d %H:%M")
        return f"{obj.author or '—'} · {when}"


class ReplyInline(WrittenOnceInline):
    model = InquiryReply
    verbose_name = gettext_lazy("reply to the visitor")
    verbose_name_plural = gettext_lazy(
        "Replies: mailed to the visitor when saved, in the language they asked for"
    )
    classes = ["inquiry-replies"]


class NoteInline(WrittenOnceInline):
    model = InquiryNote
    verbose_name = gettext_lazy("internal note")
    verbose_name_plural = gettext_lazy(
        "Internal notes: for staff only, never shown to the visitor"
    )
    classes = ["inquiry-notes"]
