"""Arabic pages mirror the layout, and every language fits a phone, in a browser."""

import pytest

from portal.languages import language_codes
from tests.browser.conftest import PHONE
from tests.browser.pages import public_pages
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The page types whose layout differs most: cards, a post with its side column,
# a programme's facts; and results with pagination ("Seoul" is in enough of the
# seed posts for a second page).
CHECKED = ("home", "post_list", "post_detail[news]", "program_detail")
RESULTS = "/{lang}/search/?q=Seoul"


def paths_in(lang: str) -> dict[str, str]:
    """The checked pages in ``lang``: the same addresses under another prefix."""
    pages = public_pages("en")
    return {
        **{name: pages[name].replace("/en/", f"/{lang}/", 1) for name in CHECKED},
        "search results": RESULTS.format(lang=lang),
    }


def test_arabic_puts_the_start_of_the_page_on_the_right(site, page):
    page.goto(f"{site.url}/ar/")
    title = page.locator(".site-title").bounding_box()
    switcher = page.locator(".language-switcher").bounding_box()
    menu = page.locator(".site-nav a").all()

    # The site's name at the right edge, the tools at the left.
    assert title["x"] > switcher["x"]
    assert title["x"] + title["width"] > 1280 - 60
    # The menu reads from the right: its first section is rightmost.
    assert menu[0].bounding_box()["x"] > menu[-1].bounding_box()["x"]


def test_arabic_pagination_and_breadcrumbs_point_left_to_go_on(site, page):
    page.goto(site.url + RESULTS.format(lang="ar"))
    current = page.locator(".pagination [aria-current]").bounding_box()
    following = page.locator(".pagination a[rel=next]")

    assert following.bounding_box()["x"] < current["x"]
    arrow = following.evaluate("el => getComputedStyle(el, '::after').content")
    assert arrow.startswith('"←"')

    page.goto(site.url + paths_in("ar")["post_detail[news]"])
    crumbs = page.locator(".breadcrumbs li").all()
    assert crumbs[1].bounding_box()["x"] < crumbs[0].bounding_box()["x"]


@pytest.mark.parametrize("lang", language_codes())
def test_every_language_fits_a_phone_with_its_switcher_open(site, page, lang):
    page.set_viewport_size(PHONE)
    sideways = {}
    for name, path in paths_in(lang).items():
        page.goto(site.url + path)
        page.locator(".language-switcher summary").click()
        for link in page.locator(".language-switcher a").all():
            assert link.is_visible(), name
        root = "document.documentElement"
        if page.evaluate(f"{root}.scrollWidth > {root}.clientWidth"):
            sideways[name] = path

    assert sideways == {}


def test_the_switcher_opens_and_leads_on_from_the_keyboard(site, page):
    page.set_viewport_size(PHONE)
    page.goto(f"{site.url}/ar/")
    page.locator(".language-switcher summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    focused = page.evaluate(
        "() => [document.activeElement.closest('.language-switcher') !== null,"
        " document.activeElement.getAttribute('hreflang')]"
    )
    assert focused == [True, language_codes()[0]]
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site.url}/{language_codes()[0]}/")


@pytest.mark.parametrize("lang", ["ar", "zh-hans"])
@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_arabic_and_chinese_pages_have_no_violations(site, page, lang, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    found = {}
    for name, path in paths_in(lang).items():
        page.goto(site.url + path)
        if problems := violations(page):
            found[name] = problems

    assert found == {}
