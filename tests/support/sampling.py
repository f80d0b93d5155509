"""Grids too big to run whole in CI: every language audited, the page types or
values shared out among them so that together they still cover each one."""

from portal.languages import default_language, language_codes


def share_of(items: list, lang: str, among: list[str] | None = None) -> list:
    """``lang``'s turn of ``items``: each language of ``among`` (every declared
    one by default) takes every n-th item, so that together they take each
    item once, and a language added tomorrow takes its share."""
    among = language_codes() if among is None else among
    return items[among.index(lang) :: len(among)]


def default_whole_others_shared(items: list, lang: str) -> list:
    """Every item in the default language; a share of them in each other one."""
    if lang == default_language():
        return items
    others = [code for code in language_codes() if code != default_language()]
    return share_of(items, lang, others)
