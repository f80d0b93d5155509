"""Who runs the site, as the footer of a Korean public site must say.

The defaults are the Seoul Metropolitan Government's, translated like any other
text; an operator names their own division in the environment (README,
"Operator identity"), one variable per language where the text differs.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from portal.content.i18n import current_language


@dataclass(frozen=True)
class Operator:
    name: str
    division: str
    address: str
    phone: str
    email: str


def _defaults() -> dict[str, str]:
    return {
        "name": _("Seoul Metropolitan Government"),
        "division": _("Global Urban Policy Division"),
        "address": _("110 Sejong-daero, Jung-gu, Seoul 04524, Republic of Korea"),
        "phone": "02-120",
        "email": "policy@seoul.go.kr",
    }


def current_operator() -> Operator:
    """The operator's identity in the active language."""
    lang = current_language()
    given = settings.PORTAL_OPERATOR
    values = {
        key: given.get(f"{key}_{lang}") or given.get(key) or default
        for key, default in _defaults().items()
    }
    return Operator(**values)
