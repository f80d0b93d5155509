"""What is kept about requests, for staff to read and nobody to edit: who
opened which request's personal data, the consent texts visitors accepted
(with the consent and retention period in force now), and the outbox."""

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.admin.inquiries.export import language_label
from portal.admin.search_terms import BoundedSearch
from portal.mail.outbox import send
from portal.models import Consent, Inquiry, InquiryAccess, OutgoingMail
from portal.pages.inquiries import consent_text


class ReadOnlyAdmin(BoundedSearch, admin.ModelAdmin):
    """Rows the portal writes; superusers cannot change them either."""

    class Media:
        css = {"all": ["portal/css/admin.css"]}

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return self.fields or []


@admin.register(InquiryAccess)
class InquiryAccessAdmin(ReadOnlyAdmin):
    list_display = ["at", "username", "request_link", "action"]
    list_filter = ["action", "at"]
    search_fields = ["reference", "username"]
    date_hierarchy = "at"
    fields = ["at", "username", "user", "request_link", "action"]

    def has_view_permission(self, request, obj=None):
        # Not through change_inquiryaccess, which nobody is meant to have.
        return request.user.has_perm("portal.view_inquiryaccess")

    @admin.display(description=_("request"), ordering="reference")
    def request_link(self, obj):
        if obj.inquiry_id is None:
            return obj.reference
        url = reverse("admin:portal_inquiry_change", args=[obj.inquiry_id])
        return format_html('<a href="{}">{}</a>', url, obj.reference)


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["version", "language_shown", "retention_days", "created_at"]
    list_filter = ["version"]
    fields = ["version", "language_shown", "retention_days", "created_at", "text"]
    change_list_template = "admin/portal/consent/change_list.html"

    @admin.display(description=_("language"), ordering="language")
    def language_shown(self, obj):
        return language_label(obj.language)

    def changelist_view(self, request, extra_context=None):
        current = {
            "current_version": settings.ASK_CONSENT_VERSION,
            "retention_days": settings.ASK_RETENTION_DAYS,
            # The form's text in the admin's language, as a visitor reads it.
            "current_text": consent_text(),
        }
        return super().changelist_view(request, {**current, **(extra_context or {})})


class SentFilter(admin.SimpleListFilter):
    title = _("sent")
    parameter_name = "sent"

    def lookups(self, request, model_admin):
        return [("yes", _("Sent")), ("waiting", _("Waiting")), ("failed", _("Failed"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(sent_at=None)
        if self.value() == "waiting":
            return queryset.filter(sent_at=None, last_error="")
        if self.value() == "failed":
            return queryset.filter(sent_at=None).exclude(last_error="")
        return queryset


@admin.register(OutgoingMail)
class OutgoingMailAdmin(ReadOnlyAdmin):
    """The subject and text are not shown: they quote the request, which is
    read (and logged) on its own page."""

    list_display = [
        "created_at",
        "purpose",
        "to",
        "inquiry",
        "attempts",
        "last_error",
        "sent_at",
    ]
    list_filter = [SentFilter, "purpose"]
    list_select_related = ["inquiry"]
    search_fields = ["inquiry__reference"]
    fields = [
        "purpose",
        "to",
        "reply_to",
        "language",
        "inquiry",
        "created_at",
        "attempts",
        "next_attempt_at",
        "last_error",
        "sent_at",
    ]
    actions = ["try_again"]

    def get_queryset(self, request):
        mails = super().get_queryset(request)
        user = request.user
        if user.is_superuser or user.has_perm("portal.handle_all_inquiry"):
            return mails
        return mails.filter(
            Q(inquiry__in=Inquiry.objects.visible_to(user)) & ~Q(inquiry=None)
        )

    def has_retry_permission(self, request):
        return request.user.has_perm("portal.change_inquiry")

    @admin.action(description=_("Try again now"), permissions=["retry"])
    def try_again(self, request, queryset):
        waiting = queryset.filter(sent_at=None)
        waiting.update(attempts=0, next_attempt_at=timezone.now(), last_error="")
        sent, failed = send(OutgoingMail.objects.filter(pk__in=waiting.values("pk")))
        self.message_user(
            request,
            ngettext(
                "%(sent)d mail sent, %(failed)d failed again.",
                "%(sent)d mails sent, %(failed)d failed again.",
                sent,
            )
            % {"sent": sent, "failed": failed},
            messages.SUCCESS if not failed else messages.WARNING,
        )
