"""Which language a piece of translated content is actually shown in."""

from typing import NamedTuple

from django.conf import settings
from django.utils.translation import get_language, get_language_info, gettext


class Shown(NamedTuple):
    """A translated field as displayed: the text, its language, and whether
    it is a fallback (the page's own language had nothing)."""

    text: str
    lang: str
    is_fallback: bool


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def localized_verbose_name(verbose_name, code: str) -> str:
    """The label of one language's copy of a translated field, in the reader's
    language: "제목 [영어]", "title [English]".

    modeltranslation's own suffix is the bare code ("title [en]"), which a
    Korean editor reads as English; the admin's history stores these labels
    untranslated (as the English name) and translates them when shown.
    """
    # Translators: a field's label and, in brackets, the language of that copy.
    return gettext("%(field)s [%(language)s]") % {
        "field": verbose_name,
        "language": get_language_info(code)["name_translated"],
    }


def current_language() -> str:
    lang = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return lang if lang in language_codes() else settings.LANGUAGE_CODE


def shown_field(obj, field: str, lang: str | None = None) -> Shown:
    lang = lang or current_language()
    # Called for every title on every card: the usual case returns at once.
    value = getattr(obj, f"{field}_{lang}", "") or ""
    if value.strip():
        return Shown(value, lang, False)
    for code in language_codes():
        value = "" if code == lang else getattr(obj, f"{field}_{code}", "") or ""
        if value.strip():
            return Shown(value, code, True)
    return Shown("", lang, False)
