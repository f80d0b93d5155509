"""The years a publication date may fall in: one range for the admin's forms, the
seed import, the lists' year filter and the admin's date drill-down.

1900 to 2100. The archive starts in the 2000s, so anything before 1900 is a
typo (``0224`` for ``2024``), and so is anything after 2100 (``2204``): nobody
schedules a post a lifetime ahead. Outside the range some dates are not even
times Python can convert to UTC (year 1 at Seoul midnight is year 0 there), and
each distinct year becomes a filter chip on every list.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

YEARS = range(1900, 2101)


def validate_publication_date(value: date) -> None:
    """A date or time whose year, as written, is in ``YEARS``.

    The year is read where the value was entered, before any conversion to
    UTC: converting year 1 is what overflowed.
    """
    if value.year not in YEARS:
        raise ValidationError(
            _("Enter a date between the years %(first)s and %(last)s."),
            code="year_out_of_range",
            params={"first": YEARS.start, "last": YEARS.stop - 1},
        )
