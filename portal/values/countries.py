"""Countries, by ISO 3166 code, named in any language of the site.

The names are the Unicode CLDR's, through Babel, which has every language the
site may declare (django-countries has no plain Korean catalog, only ko_KR,
which Django's "ko" never finds).
"""

from functools import cache

from babel import Locale
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import to_locale

from portal.languages import current_language, default_language

# CLDR's two-letter territories that are not countries a visitor lives in:
# the unknown region, the EU, the euro area, the UN, outlying Oceania and the
# pseudo-locales.
NOT_COUNTRIES = frozenset({"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"})


@cache
def _names(lang: str) -> dict[str, str]:
    territories = Locale.parse(to_locale(lang)).territories
    return {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    }


def country_codes() -> frozenset[str]:
    return frozenset(_names(default_language()))


def country_name(code: str, lang: str | None = None) -> str:
    """The country's name in ``lang`` (the active language by default)."""
    return _names(lang or current_language()).get(code, code)


def country_choices(lang: str | None = None) -> list[tuple[str, str]]:
    """(code, name) for every country, in the order of the names."""
    names = _names(lang or current_language())
    return sorted(names.items(), key=lambda item: item[1].casefold())


def validate_country(code: str) -> None:
    if code not in country_codes():
        raise ValidationError(_("Choose a country from the list."), code="country")
