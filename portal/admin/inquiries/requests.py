"""The queue of requests and the page of one request.

The list holds no personal data (no name, address, subject or message), so
reading it is not logged; each showing of a request's page is
(``InquiryAccess``). Staff see the requests of their departments, the desk
(``handle_all_inquiry``) every one. What the visitor wrote is shown, never
edited; staff change the status, assign a department (``assign_inquiry``),
reply (mailed to the visitor) and keep internal notes. Nobody deletes a request:
"Destroy personal data" blanks what identifies the sender and keeps the
statistics.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, linebreaks
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from portal.admin.inquiries.export import csv_response, language_label
from portal.admin.inquiries.filters import CountryFilter, DestroyedFilter
from portal.admin.inquiries.inlines import NoteInline, ReplyInline
from portal.admin.search_terms import BoundedSearch
from portal.mail.messages import queue_notice, queue_reply, site_url
from portal.mail.outbox import send_after_commit
from portal.models import Inquiry, InquiryAccess, InquiryReply
from portal.values.countries import country_name

STAFF_STATUSES = [
    (value, label)
    for value, label in Inquiry.Status.choices
    if value != Inquiry.Status.WITHDRAWN  # the visitor's act, through their link
]


@admin.register(Inquiry)
class InquiryAdmin(BoundedSearch, admin.ModelAdmin):
    list_display = [
        "reference",
        "created_at",
        "kind",
        "country_shown",
        "department",
        "status",
    ]
    list_filter = [
        "status",
        "kind",
        ("department", admin.RelatedOnlyFieldListFilter),
        CountryFilter,
        DestroyedFilter,
    ]
    list_select_related = ["department"]
    search_fields = ["reference"]
    ordering = ["-created_at", "-id"]
    actions = ["close_requests", "export_csv", "destroy_personal_data"]
    inlines = [ReplyInline, NoteInline]
    # Not the visitor's private page: staff have no business there.
    view_on_site = False

    class Media:
        css = {"all": ["portal/css/admin.css"]}

    # Who sees what, and who may do what.

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request):
        return False  # requests come from the public form

    def has_delete_permission(self, request, obj=None):
        return False  # the statistics stay: "Destroy personal data" instead

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_destroyed:
            return False
        return super().has_change_permission(request, obj)

    def has_destroy_permission(self, request):
        return request.user.has_perm("portal.delete_inquiry")

    def has_export_permission(self, request):
        return request.user.has_perm("portal.export_inquiry")

    def may_assign(self, request) -> bool:
        return request.user.has_perm("portal.assign_inquiry")

    # The page of one request.

    def get_fieldsets(self, request, obj=None):
        if obj is not None and obj.is_destroyed:
            return [
                (
                    _("Personal data destroyed"),
                    {
                        "description": _(
                            "The personal data of this request was destroyed; "
                            "only these statistics remain."
                        ),
                        "fields": [
                            "reference",
                            "kind",
                            "status",
                            "country_shown",
                            "department",
                            "policy_case",
                            "program",
                            "answer_language_shown",
                            "created_at",
                            "assigned_at",
                            "answered_at",
                            "closed_at",
                            "destroyed_at",
                        ],
                    },
                )
            ]
        return [
            (
                _("Request"),
                {
                    "fields": [
                        "reference",
                        "kind",
                        "policy_case",
                        "program",
                        "subject",
                        "message",
                    ]
                },
            ),
            (
                _("Sender"),
                {
                    "fields": [
                        "organisation",
                        "country_shown",
                        "city",
                        "name",
                        "position",
                        "email",
                        "phone",
                        "answer_language_shown",
                        "form_language_shown",
                    ]
                },
            ),
            (_("Handling"), {"fields": ["status", "department"]}),
            (_("Consent"), {"fields": ["consent_shown", "optional_consent"]}),
            (
                _("Dates"),
                {
                    "fields": [
                        "created_at",
                        "assigned_at",
                        "answered_at",
                        "closed_at",
                        "last_activity_at",
                        "retention_ends_shown",
                    ]
                },
            ),
        ]

    def get_readonly_fields(self, request, obj=None):
        editable = {"status"}
        if self.may_assign(request):
            editable.add("department")
        shown = [
            name
            for _title, options in self.get_fieldsets(request, obj)
            for name in options["fields"]
        ]
        return [name for name in shown if name not in editable]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "department" and field is not None:
            # A plain choice: departments are added and edited on their own page.
            field.widget = field.widget.widget
        return field

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status":
            kwargs["choices"] = STAFF_STATUSES
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Refused before the lookup, so that staff without the right do not
        # learn from a 404 which references exist.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return super().change_view(request, object_id, form_url, extra_context)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            # Another department's request, or none: the same answer for both.
            raise Http404(_("No such request."))
        return obj

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        obj = kwargs.get("obj")
        if obj is not None and not obj.is_destroyed:
            # The page is shown with the personal data: a GET, or a POST with
            # errors shown again. A saved POST redirects, and the page it leads
            # to is logged when shown.
            InquiryAccess.record(request.user, [obj], InquiryAccess.Action.OPENED)
        return super().render_change_form(request, context, add, change, **kwargs)

    @admin.display(description=gettext_lazy("country"))
    def country_shown(self, obj):
        return country_name(obj.country)

    @admin.display(description=gettext_lazy("language of the answer"))
    def answer_language_shown(self, obj):
        return language_label(obj.answer_language)

    @admin.display(description=gettext_lazy("language of the form"))
    def form_language_shown(self, obj):
        return language_label(obj.language)

    @admin.display(description=gettext_lazy("personal data kept until"))
    def retention_ends_shown(self, obj):
        return timezone.localtime(obj.retention_ends).strftime("%Y-%m-%d")

    @admin.display(description=gettext_lazy("consent accepted"))
    def consent_shown(self, obj):
        consent = obj.consent
        return format_html(
            '<p>{}</p><details class="consent-text"><summary>{}</summary>{}</details>',
            _(
                "Version %(version)s, in %(language)s, personal data kept "
                "%(days)s days (text first accepted %(date)s)"
            )
            % {
                "version": consent.version,
                "language": language_label(consent.language),
                "days": consent.retention_days,
                "date": timezone.localtime(consent.created_at).strftime("%Y-%m-%d"),
            },
            _("The text the visitor accepted"),
            linebreaks(consent.text, autoescape=True),
        )

    # Saving: assignment, replies, notes.

    def save_model(self, request, obj, form, change):
        mails = []
        if "status" in form.changed_data and obj.status == Inquiry.Status.CLOSED:
            obj.close()
        if "department" in form.changed_data and self.may_assign(request):
            obj.assign(obj.department)
        super().save_model(request, obj, form, change)
        if "department" in form.changed_data and obj.department is not None:
            mails.append(queue_notice(obj, base=site_url(request)))
        send_after_commit(mails)

    def save_formset(self, request, form, formset, change):
        rows = formset.save(commit=False)
        inquiry = form.instance
        mails = []
        for row in rows:
            row.author = request.user
            if isinstance(row, InquiryReply):
                row.sent_at = timezone.now()
                row.save()
                inquiry.record_reply()
                inquiry.save()
                mails.append(queue_reply(row, base=site_url(request)))
            else:
                row.save()
        send_after_commit(mails)

    # The list's actions.

    @admin.action(
        description=gettext_lazy("Close the selected requests"), permissions=["change"]
    )
    def close_requests(self, request, queryset):
        closed = 0
        for inquiry in queryset.holding_personal_data().exclude(
            status=Inquiry.Status.CLOSED
        ):
            inquiry.close()
            inquiry.save()
            closed += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d request was closed.",
                "%(count)d requests were closed.",
                closed,
            )
            % {"count": closed},
            messages.SUCCESS,
        )

    @admin.action(description=gettext_lazy("Export as CSV"), permissions=["export"])
    def export_csv(self, request, queryset):
        return csv_response(request.user, queryset.select_related("department"))

    @admin.action(
        description=gettext_lazy("Destroy personal data"), permissions=["destroy"]
    )
    def destroy_personal_data(self, request, queryset):
        """Asks first, on a page listing the references; destroys on the
        confirming POST."""
        holding = list(queryset.holding_personal_data())
        if request.POST.get("confirmed") != "yes":
            return TemplateResponse(
                request,
                "admin/portal/inquiry/destroy_confirmation.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Destroy personal data"),
                    "opts": self.opts,
                    "inquiries": holding,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                    "changelist_url": reverse("admin:portal_inquiry_changelist"),
                },
            )
        with transaction.atomic():
            for inquiry in holding:
                inquiry.destroy_personal_data()
                self.log_change(request, inquiry, _("Personal data destroyed."))
        self.message_user(
            request,
            ngettext(
                "The personal data of %(count)d request was destroyed.",
                "The personal data of %(count)d requests was destroyed.",
                len(holding),
            )
            % {"count": len(holding)},
            messages.SUCCESS,
        )
        return None
