"""Grids too big to run whole in CI: every language audited, the page types or
values shared out among them so that together they still cover each one."""

from portal.languages import default_language, language_codes


def default_whole_others_shared(items: list, lang: str) -> list:
    """Every item in the default language; in each other one, every n-th item
    from its own place on, so that together they take each item once, and a
    language added tomorrow takes its share."""
    if lang == default_language():
        return items
    others = [code for code in language_codes() if code != default_language()]
    return items[others.index(lang) :: len(others)]
