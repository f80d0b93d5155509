"""One URL per public page type, for the accessibility and layout checks: every
public HTML page the URLconf has (tests/support/public_pages.py), plus two states
a visitor meets that are not page types of their own."""

from tests.support.public_pages import public_pages as page_types


def public_pages(lang: str) -> dict[str, str]:
    """Paths of every public page type in ``lang``, from the seeded content.

    The seed posts are in English only, so every Korean detail page shows
    fallback-language content.
    """
    return {
        **page_types(lang),
        "filtered to nothing": f"/{lang}/news/?year=1999",
        "not found": f"/{lang}/no-such-page/",
    }
