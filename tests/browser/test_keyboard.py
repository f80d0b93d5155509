"""Everything works from the keyboard: skip link first, every control reachable with a
visible focus ring, and Tab always moves on (no trap)."""

import pytest

from tests.browser.conftest import LANGUAGES
from tests.browser.pages import public_pages

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

KEYBOARD_PAGES = (
    "home",
    "post_list",
    "post_detail[news]",
    "program_detail",
    "search[results]",
)

# Numbers the controls a keyboard user should reach, in document order. A group of
# radio buttons is one Tab stop (arrow keys move inside it), reached at its first.
MARK_CONTROLS = """() => {
  const groups = new Set();
  const controls = [...document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary, " +
    "[tabindex]:not([tabindex='-1'])")].filter(el => el.checkVisibility())
    .filter(el => el.type !== "radio" || !groups.has(el.name) && groups.add(el.name));
  controls.forEach((el, index) => el.dataset.kb = index);
  return controls.length;
}"""
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  return {index: el.dataset.kb ?? el.tagName, ring};
}"""


def tab_through(page, count: int) -> tuple[list, bool]:
    """Press Tab until focus leaves the page; the stops, and whether it left."""
    stops = []
    for _ in range(count + 5):
        page.keyboard.press("Tab")
        if (focused := page.evaluate(FOCUSED)) is None:
            return stops, True
        stops.append(focused)
    return stops, False


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tab_reaches_every_control_with_a_visible_ring_and_moves_on(
    site, context, lang
):
    pages = public_pages(lang)
    for name in KEYBOARD_PAGES:
        # A fresh tab each time: once focus has left a page, Chromium resumes there.
        page = context.new_page()
        page.goto(site.url + pages[name])
        count = page.evaluate(MARK_CONTROLS)

        stops, left = tab_through(page, count)

        assert [stop["index"] for stop in stops] == [str(i) for i in range(count)], name
        assert [stop for stop in stops if not stop["ring"]] == [], name
        assert left, f"{name}: focus never left the page"
        page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_skip_link_comes_first_and_jumps_to_the_content(site, page, lang):
    page.goto(site.url + public_pages(lang)["post_detail[news]"])

    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] >= 44  # on screen once focused

    page.keyboard.press("Enter")
    # The jump is a same-page navigation that lands a moment after the key press.
    page.wait_for_function("location.hash === '#main'", timeout=5000)
    assert page.url.endswith("#main")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
