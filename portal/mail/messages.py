"""The mails about a request, each written in its reader's language.

The visitor reads the confirmation in the language of the form they filled in,
and replies in the language they asked the answer in; the department reads its
notice in the site's default language. Notices hold no personal data, only the
reference and a link to the admin: a department's shared mailbox is not the
place for it.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from portal.languages import default_language
from portal.models import Inquiry, InquiryReply, OutgoingMail
from portal.operator import current_operator
from portal.values.countries import country_name


def site_url(request=None) -> str:
    """The public address mails link to: DJANGO_SITE_URL, else the request's."""
    if settings.SITE_URL:
        return settings.SITE_URL
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return "http://localhost:8000"


def _mail(
    inquiry: Inquiry,
    purpose: str,
    *,
    to: str,
    language: str,
    base: str,
    reply_to: str = "",
    extra: dict | None = None,
) -> OutgoingMail:
    with translation.override(language):
        context = {
            "inquiry": inquiry,
            "operator": current_operator(),
            "base": base,
            **(extra or {}),
        }
        if inquiry.token:
            context["status_url"] = base + inquiry.status_url(language)
        subject = render_to_string(f"portal/mail/{purpose}_subject.txt", context)
        body = render_to_string(f"portal/mail/{purpose}.txt", context)
    return OutgoingMail.objects.create(
        inquiry=inquiry,
        purpose=purpose,
        to=to,
        reply_to=reply_to,
        # One line: a template's line break must not become a header break.
        subject=" ".join(subject.split()),
        body=body.strip() + "\n",
        language=language,
    )


def desk_address(inquiry: Inquiry) -> str:
    """Who answers for a request: its department, else the portal's desk."""
    if inquiry.department and inquiry.department.email:
        return inquiry.department.email
    return settings.ASK_DESK_EMAIL or current_operator().email


def queue_confirmation(inquiry: Inquiry, *, base: str) -> OutgoingMail:
    return _mail(
        inquiry,
        OutgoingMail.Purpose.CONFIRMATION,
        to=inquiry.email,
        language=inquiry.language,
        base=base,
        reply_to=desk_address(inquiry),
    )


def queue_notice(inquiry: Inquiry, *, base: str) -> OutgoingMail:
    admin_path = reverse("admin:portal_inquiry_change", args=[inquiry.pk])
    return _mail(
        inquiry,
        OutgoingMail.Purpose.NOTIFICATION,
        to=desk_address(inquiry),
        language=default_language(),
        base=base,
        extra={
            "admin_url": base + admin_path,
            "country": country_name(inquiry.country),
        },
    )


def queue_reply(reply: InquiryReply, *, base: str) -> OutgoingMail:
    inquiry = reply.inquiry
    return _mail(
        inquiry,
        OutgoingMail.Purpose.REPLY,
        to=inquiry.email,
        language=inquiry.answer_language,
        base=base,
        reply_to=desk_address(inquiry),
        extra={"reply": reply},
    )
