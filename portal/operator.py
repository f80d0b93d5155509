"""Who runs the site, as the footer of a Korean public site must say.

The defaults are the Seoul Metropolitan Government's, translated like any other
text; an operator names their own division in the environment (README,
"Operator identity"), one variable per language where the text differs.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from portal.languages import current_language, shown_field


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


@dataclass(frozen=True)
class Responsible:
    """The department answerable for a page and its telephone number."""

    department: str
    phone: str
    # The department's language when it is shown in another one (a fallback).
    lang: str = ""


def responsible_for(obj=None) -> Responsible:
    """The department a page names, else the operator's division; the
    department's telephone, else the operator's.

    A post names its department as text, in each language, with a telephone
    beside it; a policy case points at a department row with its own."""
    operator = current_operator()
    department = getattr(obj, "department", None)
    if department is not None and not isinstance(department, str):
        named, phone = shown_field(department, "name"), department.phone
    elif department is not None:
        named, phone = shown_field(obj, "department"), obj.department_phone
    else:
        named, phone = None, ""
    if not named or not named.text.strip():
        return Responsible(operator.division, operator.phone)
    return Responsible(
        named.text, phone or operator.phone, named.lang if named.is_fallback else ""
    )
