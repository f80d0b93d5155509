"""The languages the site serves (settings.LANGUAGES and the facts beside it),
and which language a piece of translated content is actually shown in.

Nothing else names a language: code loops over ``language_codes()`` and asks
here for a language's direction, fallbacks or column.
"""

from functools import cache
from typing import NamedTuple

from django.conf import settings
from django.utils.translation import get_language, get_language_info


class Shown(NamedTuple):
    """A translated field as displayed: the text, its language, and whether
    it is a fallback (the page's own language had nothing)."""

    text: str
    lang: str
    is_fallback: bool


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def default_language() -> str:
    return settings.LANGUAGE_CODE


@cache
def localized(field: str, code: str) -> str:
    """One language's column of a translated field: ``title_zh_hans``.

    Cached: every title on every card asks, and the answer never changes."""
    # Imported here: modeltranslation's settings, read on import, must not be
    # read before ours exist.
    from modeltranslation.utils import build_localized_fieldname

    return build_localized_fieldname(field, code)


def localized_all(*fields: str) -> list[str]:
    """Every language's column of each field, for ``.only()`` and search fields."""
    return [localized(field, code) for field in fields for code in language_codes()]


def slug_source(field: str) -> str:
    """The column a new slug is made from: ``field`` in ``settings.SLUG_LANGUAGE``,
    a language written in Latin letters, since slugs are ASCII."""
    return localized(field, settings.SLUG_LANGUAGE)


def language_name(code: str) -> str:
    """A language's name in the reader's language: "스페인어", "Spanish"."""
    return str(get_language_info(code)["name_translated"])


def fallback_chain(code: str) -> tuple[str, ...]:
    """The languages tried, in order, when text is missing in ``code``: the chain
    settings declare, then every other language, so a text written only in one
    language still shows somewhere rather than nowhere."""
    return _chains(tuple(language_codes()), _frozen(settings.LANGUAGE_FALLBACKS))[code]


def _frozen(chains) -> tuple:
    if isinstance(chains, dict):
        return tuple((key, tuple(value)) for key, value in chains.items())
    return (("default", tuple(chains)),)


@cache
def _chains(codes: tuple[str, ...], declared: tuple) -> dict[str, tuple[str, ...]]:
    declared = dict(declared)
    chains = {}
    for code in codes:
        wanted = [*declared.get(code, declared.get("default", ())), *codes]
        chain = []
        for other in wanted:
            if other != code and other in codes and other not in chain:
                chain.append(other)
        chains[code] = tuple(chain)
    return chains


def is_right_to_left(code: str) -> bool:
    return bool(get_language_info(code).get("bidi"))


def direction(code: str) -> str:
    return "rtl" if is_right_to_left(code) else "ltr"


def script(code: str) -> str:
    """The language's writing system (ISO 15924, lower case), for typography."""
    return settings.LANGUAGE_SCRIPTS.get(code, "latn")


def open_graph_locale(code: str) -> str:
    return settings.OPEN_GRAPH_LOCALES.get(code, code.replace("-", "_"))


def current_language() -> str:
    """The site language being served: Django's active language, or the
    language it is a variant of (``en-us`` → ``en``), else the default."""
    lang = (get_language() or settings.LANGUAGE_CODE).lower()
    codes = language_codes()
    while lang not in codes and "-" in lang:
        lang = lang.rsplit("-", 1)[0]
    return lang if lang in codes else settings.LANGUAGE_CODE


def shown_field(obj, field: str, lang: str | None = None) -> Shown:
    lang = lang or current_language()
    # Called for every title on every card: the usual case returns at once.
    value = getattr(obj, localized(field, lang), "") or ""
    if value.strip():
        return Shown(value, lang, False)
    for code in fallback_chain(lang):
        value = getattr(obj, localized(field, code), "") or ""
        if value.strip():
            return Shown(value, code, True)
    return Shown("", lang, False)
