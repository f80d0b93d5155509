"""The requests as a CSV file that Excel opens with its Hangul intact.

Excel reads a CSV file without a byte-order mark in the system's code page
(CP949 in Korea) and garbles UTF-8; the mark makes it read UTF-8. A cell that
starts like a formula (``=``, ``+``, ``-``, ``@``, or a tab or carriage return
before one) would be run by the spreadsheet, so it gets a leading apostrophe:
a visitor wrote that text.
"""

import csv

from django.http import HttpResponse
from django.utils import timezone

from portal.languages import language_name
from portal.models import Inquiry, InquiryAccess
from portal.values.countries import country_name

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The columns, by model field; computed ones are named in ``_value``.
COLUMNS = (
    "reference",
    "created_at",
    "kind",
    "status",
    "country",
    "department",
    "organisation",
    "city",
    "name",
    "position",
    "email",
    "phone",
    "subject",
    "message",
    "answer_language",
)


def guarded(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def language_label(code: str) -> str:
    try:
        return language_name(code)
    except KeyError:  # a language the site no longer declares
        return code


def _value(inquiry: Inquiry, column: str) -> str:
    if inquiry.is_destroyed and column in Inquiry.PERSONAL:
        return ""
    if column == "created_at":
        return timezone.localtime(inquiry.created_at).strftime("%Y-%m-%d %H:%M")
    if column == "kind":
        return str(inquiry.get_kind_display())
    if column == "status":
        return str(inquiry.get_status_display())
    if column == "country":
        return country_name(inquiry.country)
    if column == "department":
        return str(inquiry.department or "")
    if column == "answer_language":
        return language_label(inquiry.answer_language)
    return str(getattr(inquiry, column) or "")


def csv_response(user, inquiries) -> HttpResponse:
    """The file, and one access-log row for each request whose personal data
    it holds (a destroyed request exports only its statistics)."""
    inquiries = list(inquiries)
    day = timezone.localdate().isoformat()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="requests-{day}.csv"'
    response.write(BOM)
    writer = csv.writer(response)
    fields = Inquiry._meta
    writer.writerow([str(fields.get_field(column).verbose_name) for column in COLUMNS])
    for inquiry in inquiries:
        writer.writerow([guarded(_value(inquiry, column)) for column in COLUMNS])
    InquiryAccess.record(
        user,
        [inquiry for inquiry in inquiries if not inquiry.is_destroyed],
        InquiryAccess.Action.EXPORTED,
    )
    return response
