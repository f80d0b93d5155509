"""Layout on a 375 px phone and a 1280 px screen, motion preferences and print."""

import pytest

from tests.browser.conftest import LANGUAGES, PHONE
from tests.browser.pages import public_pages

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Sideways scrolling, text under 16 px, and controls smaller than 44 x 44 px.
# Links inside running text are exempt from the target size, as WCAG 2.5.8 says.
PHONE_PROBLEMS = """() => {
  const root = document.documentElement;
  const describe = el => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`;
  const small = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || !el.checkVisibility()) continue;
    if (el.closest(".visually-hidden")) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 16) small.add(`${describe(el)} ${size}px`);
  }
  const tiny = [...document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary")]
    .filter(el => el.checkVisibility() && !el.closest(".prose"))
    .filter(el => !el.matches(".skip-link"))
    .map(el => [el, el.getBoundingClientRect()])
    .filter(([el, box]) => box.width < 44 || box.height < 44)
    .map(([el, box]) => `${describe(el)} ${box.width | 0}x${box.height | 0}`);
  return {sideways: root.scrollWidth > root.clientWidth, small: [...small], tiny};
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_phone_pages_fit_the_screen_with_readable_text_and_big_targets(
    site, page, lang
):
    page.set_viewport_size(PHONE)
    found = {}
    for name, path in public_pages(lang).items():
        page.goto(site.url + path)
        problems = page.evaluate(PHONE_PROBLEMS)
        if problems != {"sideways": False, "small": [], "tiny": []}:
            found[name] = problems

    assert found == {}


def test_wide_screens_use_the_width_for_columns_not_long_lines(site, page):
    page.goto(f"{site.url}/en/news/")
    columns = page.evaluate(
        "() => new Set([...document.querySelectorAll('main .card')]"
        ".map(card => card.getBoundingClientRect().left)).size"
    )
    main = page.locator("main").bounding_box()

    assert columns >= 3
    assert main["width"] >= 1100
    # Centred: equal room on both sides.
    assert abs(main["x"] - (1280 - main["x"] - main["width"])) <= 2

    page.goto(site.url + public_pages("en")["post_detail[news]"])
    assert page.locator(".prose").bounding_box()["width"] <= 760


@pytest.mark.parametrize(
    "motion,scrolling,transition",
    [("reduce", "auto", "0s"), ("no-preference", "smooth", "0.15s")],
)
def test_motion_follows_the_visitors_preference(
    site, page, motion, scrolling, transition
):
    page.emulate_media(reduced_motion=motion)
    page.goto(f"{site.url}/en/")

    assert (
        page.evaluate("getComputedStyle(document.documentElement).scrollBehavior")
        == scrolling
    )
    durations = page.evaluate(
        "getComputedStyle(document.querySelector('.site-nav a')).transitionDuration"
    )
    assert durations.split(",")[0] == transition


def test_posts_print_without_the_site_around_them(site, page):
    page.goto(site.url + public_pages("en")["post_detail[news]"])
    page.emulate_media(media="print")

    for chrome in (".site-header", ".site-footer", ".share", ".related"):
        for element in page.locator(chrome).all():
            assert element.is_hidden(), chrome
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator(".prose").is_visible()
    assert page.pdf(format="A4")[:5] == b"%PDF-"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_first_news_item_is_on_a_phones_first_screen(site, page, lang):
    # An older, smaller phone: the filter chips once filled this screen.
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(f"{site.url}/{lang}/news/")

    first = page.locator("main .card").first.bounding_box()
    chips = page.locator("nav.filters a")

    assert first["y"] + first["height"] <= 667
    # Every chip is still there, reachable by scrolling its row sideways.
    assert chips.count() >= 6
    assert all(chip.is_visible() for chip in chips.all()[:2])
