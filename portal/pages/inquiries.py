"""Ask Seoul: the request form, the confirmation, the private status page and
withdrawal (portal.models.inquiries).

None of these pages is ever cached (``never_cache``): the form carries a stamp
of its own, and the others one visitor's request. The private pages are
reached only through their token, and tell search engines to keep away.
"""

import secrets
from functools import wraps

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape, format_html, strip_tags
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from portal.languages import current_language
from portal.mail.messages import queue_confirmation, queue_notice, site_url
from portal.mail.outbox import send_after_commit
from portal.middleware.client_ip import client_ip
from portal.models import Consent, Inquiry
from portal.pages.inquiry_form import InquiryForm
from portal.pages.limits import over_limit
from portal.pages.origins import from_this_site
from portal.params import reads_query

CONSENT_TEMPLATE = "portal/includes/inquiry_consent.html"


def private_link(view):
    """Mark a page reached only through a request's secret token: the tests
    that walk every public page cannot (and must not) fill its address."""
    view.private_link = True
    return view


def _private(request, template: str, context: dict, status: int = 200):
    """A page of one visitor's request: kept from search engines, and without
    the satisfaction question, whose answer would store this address."""
    response = render(
        request, template, {**context, "is_private_page": True}, status=status
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def consent_text() -> str:
    """The consent as the page shows it, in the active language, as text."""
    html = render_to_string(
        CONSENT_TEMPLATE, {"retention_days": settings.ASK_RETENTION_DAYS}
    )
    lines = (line.strip() for line in strip_tags(html).splitlines())
    return "\n".join(line for line in lines if line)


def _form_page(request, form, *, status=200, refusal=""):
    return render(
        request,
        "portal/inquiry_form.html",
        {
            "heading": _("Ask Seoul"),
            "form": form,
            "refusal": refusal,
            "about_case": form.policy_case,
            "about_program": form.program,
            "retention_days": settings.ASK_RETENTION_DAYS,
        },
        status=status,
    )


def _over_limits(request, email: str) -> bool:
    per_address = over_limit(
        "inquiry-address",
        client_ip(request),
        limit=settings.ASK_PER_ADDRESS_HOURLY,
        seconds=3600,
    )
    per_email = over_limit(
        "inquiry-email",
        email.casefold(),
        limit=settings.ASK_PER_EMAIL_DAILY,
        seconds=24 * 3600,
    )
    return per_address or per_email


def _sent(inquiry: Inquiry):
    response = redirect("portal:inquiry_sent", token=inquiry.token)
    response.status_code = 303
    return response


@transaction.atomic
def _store(request, form: InquiryForm) -> Inquiry:
    lang = current_language()
    inquiry = form.save(commit=False)
    inquiry.token = secrets.token_urlsafe(24)
    inquiry.submission_key = form.submission_key
    inquiry.language = lang
    inquiry.optional_consent = form.cleaned_data["consent_optional"]
    inquiry.consent = Consent.accepted(
        version=settings.ASK_CONSENT_VERSION, language=lang, text=consent_text()
    )
    inquiry.policy_case = form.policy_case
    inquiry.program = form.program
    if form.policy_case is not None:
        inquiry.assign(form.policy_case.department)
    inquiry.save()
    base = site_url(request)
    send_after_commit(
        [queue_confirmation(inquiry, base=base), queue_notice(inquiry, base=base)]
    )
    return inquiry


@csrf_exempt
@never_cache
@reads_query("case", "program")
def inquiry_form(request):
    if request.method == "GET":
        return _form_page(request, InquiryForm.blank(request.GET))
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    form = InquiryForm(request.POST)
    if not from_this_site(request):
        form.is_valid()
        form.refresh_stamp()
        return _form_page(
            request,
            form,
            status=403,
            refusal=_(
                "The form was sent from another website. Send it from this page."
            ),
        )
    if not form.is_valid():
        form.refresh_stamp()
        return _form_page(request, form, status=400)
    earlier = Inquiry.objects.filter(submission_key=form.submission_key).first()
    if earlier is not None:
        # The same form sent twice (a double click, a reload): one request.
        return _sent(earlier)
    if _over_limits(request, form.cleaned_data["email"]):
        form.refresh_stamp()
        return _form_page(
            request,
            form,
            status=429,
            refusal=_(
                "Your request was not sent: many requests came from your network or "
                "your e-mail address recently. Please try again tomorrow, or write "
                "to us at the address at the foot of this page."
            ),
        )
    try:
        inquiry = _store(request, form)
    except IntegrityError:
        # The other of two simultaneous submits of one form stored it first.
        inquiry = Inquiry.objects.filter(submission_key=form.submission_key).first()
        if inquiry is None:
            raise
    return _sent(inquiry)


def _gone(request):
    return _private(
        request,
        "portal/inquiry_gone.html",
        {"heading": _("This link is no longer valid")},
        status=404,
    )


def by_token(view):
    """Pass the request the token names to ``view``, or answer that the link no
    longer leads anywhere (withdrawn, destroyed, or never made)."""

    @wraps(view)
    def with_inquiry(request, token: str):
        inquiry = (
            Inquiry.objects.select_related("department", "policy_case", "program")
            .filter(token=token, destroyed_at__isnull=True)
            .first()
        )
        if inquiry is None:
            return _gone(request)
        return view(request, inquiry)

    # Marked here: the decorators above copy it from the wrapped view.
    return private_link(with_inquiry)


@never_cache
@by_token
def inquiry_sent(request, inquiry: Inquiry):
    return _private(
        request,
        "portal/inquiry_sent.html",
        {"heading": _("Your request was sent"), "inquiry": inquiry},
    )


@never_cache
@by_token
def inquiry_status(request, inquiry: Inquiry):
    return _private(
        request,
        "portal/inquiry_status.html",
        {
            # The reference isolated, so it reads left to right on
            # right-to-left pages and does not carry the sentence's end.
            "heading": format_html(
                escape(_("Your request %(reference)s")).replace("%(reference)s", "{}"),
                format_html("<bdi>{}</bdi>", inquiry.reference),
            ),
            "inquiry": inquiry,
            "replies": inquiry.public_replies(),
        },
    )


@csrf_exempt
@never_cache
@by_token
def inquiry_withdraw(request, inquiry: Inquiry):
    """GET asks to confirm; POST destroys the personal data at once."""
    if request.method == "POST":
        if not from_this_site(request):
            return _private(
                request,
                "portal/inquiry_withdraw.html",
                {
                    "heading": _("Withdraw your request"),
                    "inquiry": inquiry,
                    "refusal": _("The form was sent from another website."),
                },
                status=403,
            )
        inquiry.destroy_personal_data(withdrawn=True)
        response = redirect(reverse("portal:inquiry_withdrawn"))
        response.status_code = 303
        return response
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    return _private(
        request,
        "portal/inquiry_withdraw.html",
        {"heading": _("Withdraw your request"), "inquiry": inquiry},
    )


@never_cache
def inquiry_withdrawn(request):
    return _private(
        request,
        "portal/inquiry_withdrawn.html",
        {"heading": _("Your request was withdrawn")},
    )
