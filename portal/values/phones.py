"""Telephone numbers as each reader dials them: the domestic form ("02-120") on
pages in the site's own language, the international one ("+82-2-120") on the
others, whose readers may be calling from abroad.

Numbers are written once, in either form (the operator's settings, a post's
department); the grouping the writer chose is kept. The phonenumbers library
regroups every number its own way ("+82 2-120") and calls short numbers such as
Seoul's 120 invalid, so the one rule needed here, the trunk prefix "0" for
"+82", is applied by hand.
"""

import re

from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from portal.languages import current_language

COUNTRY_CODE = "82"
TRUNK_PREFIX = "0"
# "02-120", "02 2133 0000", "(02) 120": the trunk prefix, then the area code.
DOMESTIC = re.compile(rf"^\(?{TRUNK_PREFIX}(?=[1-9])")
validate_phone = RegexValidator(
    r"^\+?[0-9][0-9 ().-]{1,28}[0-9]$",
    _("Enter a telephone number: digits, spaces, hyphens, an optional leading +."),
)
INTERNATIONAL = re.compile(rf"^\+{COUNTRY_CODE}(?P<separator>[\s.-]?)\(?(?=[1-9])")


def international(number: str) -> str:
    """``02-120`` -> ``+82-2-120``. A number without the trunk prefix (a
    nationwide number such as 1588-…, which cannot be called from abroad) or
    already international is returned as written."""
    number = number.strip()
    match = DOMESTIC.match(number)
    if not match:
        return number
    rest = number[match.end() :].replace(")", "", 1)
    separator = next((char for char in rest if not char.isdigit()), "-")
    return f"+{COUNTRY_CODE}{separator}{rest}"


def domestic(number: str) -> str:
    """``+82-2-120`` -> ``02-120``; anything else as written."""
    number = number.strip()
    match = INTERNATIONAL.match(number)
    if not match:
        return number
    return TRUNK_PREFIX + number[match.end() :]


def for_reader(number: str) -> str:
    """The form a reader of the current page dials: domestic in the site's own
    language (``LANGUAGE_CODE``), international in every other."""
    if current_language() == settings.LANGUAGE_CODE:
        return domestic(number)
    return international(number)
