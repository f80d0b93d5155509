"""What the privacy policy says about requests ("Ask Seoul"): drawn from the code
and the settings, not from the page's stored text, so the retention period it
states is the one the daily purge applies, and a new field cannot go unmentioned.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

# The items a request collects, by Inquiry field, in the words of the policy. A
# test keeps every personal field of Inquiry (but the site's own secrets) here.
REQUIRED_ITEMS = {
    "kind": pgettext_lazy("privacy policy", "type of request"),
    "organisation": pgettext_lazy("privacy policy", "organization"),
    "country": pgettext_lazy("privacy policy", "country"),
    "city": pgettext_lazy("privacy policy", "city"),
    "name": pgettext_lazy("privacy policy", "name"),
    "position": pgettext_lazy("privacy policy", "position"),
    "email": pgettext_lazy("privacy policy", "e-mail address"),
    "subject": pgettext_lazy("privacy policy", "subject"),
    "message": pgettext_lazy("privacy policy", "message"),
    "answer_language": pgettext_lazy("privacy policy", "language of the answer"),
}
OPTIONAL_ITEMS = {
    "phone": pgettext_lazy("privacy policy", "telephone number"),
}


@dataclass(frozen=True)
class RequestData:
    required: list[Promise]
    optional: list[Promise]
    retention_days: int


def request_data(page) -> RequestData | None:
    """The privacy page's part on requests; None on every other page."""
    if page.slug != settings.PRIVACY_PAGE_SLUG:
        return None
    return RequestData(
        required=list(REQUIRED_ITEMS.values()),
        optional=list(OPTIONAL_ITEMS.values()),
        retention_days=settings.ASK_RETENTION_DAYS,
    )
