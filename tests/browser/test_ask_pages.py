"""Ask Seoul in a real browser: the form, its error state, the confirmation, the
private status page and withdrawal are axe-clean in every language on a desktop
and a phone; the form is filled and sent from the keyboard alone; it stays under
50 KB and is never served from the page cache.

Forms are sent as a visitor sends them, without JavaScript help: the form has
``novalidate``, so an empty or wrong form reaches the server and comes back with
its error summary (status 400).
"""

import re
import urllib.request

import pytest

from portal.models import Inquiry, InquiryReply
from tests.browser.conftest import DESKTOP, LANGUAGES, PHONE
from tests.browser.test_accessibility import violations
from tests.browser.test_keyboard import FOCUSED

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# A seeded case: asking about it shows the case and its department on the form.
CASE = "climate-card"
FILLED = {
    "subject": "Bike sharing in Lyon",
    "message": "We would like to learn how Seoul runs Ttareungyi.",
    "organisation": "Métropole de Lyon",
    "city": "Lyon",
    "name": "Camille Martin",
    "position": "Head of mobility",
    "email": "camille@example.org",
}
CHOSEN = {"kind": "consulting", "country": "FR"}


@pytest.fixture
def ask_site(site, settings):
    """The live server (same process: the settings fixture reaches it) without
    the minimum time to fill in the form: the tests fill it faster than a person
    can. Every other anti-spam rule stays on."""
    settings.ASK_MINIMUM_SECONDS = 0
    return site


def fill(page) -> None:
    for name, value in FILLED.items():
        page.fill(f"#id_{name}", value)
    for name, value in CHOSEN.items():
        page.select_option(f"#id_{name}", value)
    page.check("#id_consent_required")


def submit(page) -> int:
    """Press the form's button; the status of the page it leads to."""
    with page.expect_navigation() as navigation:
        page.locator(".ask-form button[type=submit]").click()
    return navigation.value.status


def both_viewports(page) -> list[str]:
    """axe's findings on the page as it is, at desktop width and on a phone."""
    desktop = page.viewport_size
    found = violations(page)
    page.set_viewport_size(PHONE)
    found += [f"phone: {problem}" for problem in violations(page)]
    page.set_viewport_size(desktop)
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_ask_page_and_state_has_no_violations(ask_site, page, lang):
    found = {}
    page.goto(f"{ask_site.url}/{lang}/ask/?case={CASE}")
    found["form"] = both_viewports(page)

    assert submit(page) == 400
    assert page.locator(".error-summary li").count() >= len(FILLED)
    found["errors"] = both_viewports(page)

    fill(page)
    page.fill("#id_email", "camille@@example")
    page.fill("#id_phone", "+33 4 78 00 00 00")
    page.uncheck("#id_consent_required")
    assert submit(page) == 400
    found["errors on a filled form"] = both_viewports(page)

    page.fill("#id_email", FILLED["email"])
    page.check("#id_consent_required")
    page.check("#id_consent_optional")
    assert submit(page) == 200
    assert re.search(rf"/{lang}/ask/[\w-]+/sent/$", page.url)
    found["confirmation"] = both_viewports(page)

    inquiry = Inquiry.objects.get()
    InquiryReply.objects.create(
        inquiry=inquiry,
        text="Thank you.\n\nOur transport office will write to you.",
        sent_at=inquiry.created_at,
    )
    page.goto(f"{ask_site.url}{inquiry.get_absolute_url()}")
    found["status"] = both_viewports(page)

    page.goto(f"{ask_site.url}/{lang}/ask/{inquiry.token}/withdraw/")
    found["withdraw"] = both_viewports(page)

    with page.expect_navigation():
        page.locator("article form button[type=submit]").click()
    assert page.url.endswith(f"/{lang}/ask/withdrawn/")
    found["withdrawn"] = both_viewports(page)

    assert {name: problems for name, problems in found.items() if problems} == {}


# The form's controls a keyboard user should reach, in document order, with
# their place on the screen.
FORM_CONTROLS = """() => [...document.querySelectorAll(
    ".ask-form :is(a[href], button, input:not([type=hidden]), select, textarea, " +
    "[tabindex]:not([tabindex='-1']))")]
  .map(el => {
    const box = el.getBoundingClientRect();
    return {id: el.id || el.className || el.type, visible: el.checkVisibility(),
            top: Math.round(box.top + scrollY)};
  })"""


def press_tab(page) -> str:
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused and focused["ring"], f"no visible focus: {focused}"
    return page.evaluate(
        "(el => el.id || el.className || el.type)(document.activeElement)"
    )


def tab_into_form(page) -> str:
    """Tab from the top of the page to the form's first control."""
    for _ in range(60):
        name = press_tab(page)
        if page.evaluate("!!document.activeElement.closest('.ask-form')"):
            return name
    raise AssertionError("Tab never reached the form")


def test_the_form_is_filled_and_sent_with_the_keyboard_alone(ask_site, page):
    page.goto(f"{ask_site.url}/en/ask/")
    controls = page.evaluate(FORM_CONTROLS)
    visible = [control for control in controls if control["visible"]]
    # The visual order is the document order: each control below the last.
    assert [c["top"] for c in visible] == sorted(c["top"] for c in visible)
    assert "id_website" in [c["id"] for c in controls]
    assert "id_website" not in [c["id"] for c in visible]

    # From the top of the page, Tab reaches the form, then walks its controls
    # in that order.
    first = tab_into_form(page)
    order = [first] + [press_tab(page) for _ in visible[1:]]
    assert order == [c["id"] for c in visible]

    page.reload()
    typed = {"id_country": "Fra", "id_answer_language": "Eng"}
    for index in range(len(visible)):
        name = tab_into_form(page) if index == 0 else press_tab(page)
        if name == "id_kind":
            page.keyboard.press("ArrowDown")  # from "—" to the first kind
        elif name in typed:
            page.keyboard.type(typed[name])
        elif name.removeprefix("id_") in FILLED:
            page.keyboard.type(FILLED[name.removeprefix("id_")])
        elif name == "id_consent_required":
            page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation() as sent:
        page.keyboard.press("Enter")

    assert sent.value.status == 200, page.locator(".error-summary").inner_text()
    inquiry = Inquiry.objects.get()
    assert page.url.endswith(f"/en/ask/{inquiry.token}/sent/")
    assert (inquiry.kind, inquiry.country, inquiry.answer_language) == (
        "consulting",
        "FR",
        "en",
    )
    assert inquiry.email == FILLED["email"]


def test_each_error_links_to_its_field_and_following_it_focuses_the_field(
    ask_site, page
):
    # Jumps land at once, as for a visitor who asked for less motion.
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{ask_site.url}/en/ask/")
    page.fill("#id_subject", FILLED["subject"])
    page.fill("#id_email", "camille@@example")
    assert submit(page) == 400

    links = page.locator(".error-summary a")
    targets = [
        href.removeprefix("#")
        for href in links.evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        )
    ]
    assert "id_email" in targets and "id_consent_required" in targets
    assert "id_subject" not in targets
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        for index, target in enumerate(targets):
            # From the keyboard: to the link, then Enter.
            links.nth(index).focus()
            page.keyboard.press("Enter")
            page.wait_for_function(f"document.activeElement.id === {target!r}")
            # The field, its label and its error are on screen: not above the
            # top edge, where a field scrolled to the very top leaves its label.
            for part in (f"label[for={target}]", f"#{target}_error", f"#{target}"):
                box = page.locator(part).bounding_box()
                assert 0 <= box["y"] <= viewport["height"] - box["height"], part
        described = page.locator(f"#{target}").get_attribute("aria-describedby")
        assert f"{target}_error" in described.split(), target


def fetch(url: str) -> tuple[dict, bytes]:
    # urllib: no cookie from one request is carried to the next.
    with urllib.request.urlopen(url, timeout=30) as response:
        return dict(response.headers), response.read()


def stamp_of(html: bytes) -> str:
    return re.search(rb'name="stamp" value="([^"]+)"', html).group(1).decode()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_form_is_under_50_kb_and_never_served_from_the_page_cache(ask_site, lang):
    url = f"{ask_site.url}/{lang}/ask/?case={CASE}"
    first_headers, first = fetch(url)
    second_headers, second = fetch(url)

    assert len(first) < 50_000, f"{len(first)} bytes"
    assert second_headers.get("X-Cache") != "hit"
    assert "no-store" in second_headers["Cache-Control"]
    assert stamp_of(first) != stamp_of(second)


# Words of the consent table cut in two across lines ("Purpo" / "se"): a column
# squeezed narrower than its longest word.
SPLIT_WORDS = """() => {
  const split = [];
  // Chinese has no spaces between words: any character may end a line.
  if (document.documentElement.dataset.script === "hans") return split;
  const walker = document.createTreeWalker(
    document.querySelector(".consent__table"), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const word of node.data.matchAll(/[^\\s\\-–]+/g)) {
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      if (range.getClientRects().length > 1) split.push(word[0]);
    }
  }
  return split;
}"""
BUTTON_TEXT = """() => [document.querySelector(".ask-form button[type=submit]"),
  document.body].map(el => getComputedStyle(el).fontSize)"""


def test_on_a_phone_the_consent_keeps_its_words_whole_and_the_button_is_readable(
    ask_site, page
):
    page.set_viewport_size(PHONE)
    found = {}
    for lang in LANGUAGES:
        page.goto(f"{ask_site.url}/{lang}/ask/")
        button, text = page.evaluate(BUTTON_TEXT)
        if split := page.evaluate(SPLIT_WORDS):
            found[lang] = split
        if button != text:
            found[f"{lang} button"] = f"{button}, text {text}"

    assert found == {}


def test_fields_in_error_are_marked_along_their_side(ask_site, page):
    page.goto(f"{ask_site.url}/en/ask/")
    assert submit(page) == 400

    marks = page.locator(".field--error").evaluate_all(
        "fields => fields.map(f => getComputedStyle(f).borderInlineStartWidth)"
    )
    assert len(marks) >= len(FILLED)
    assert set(marks) == {"4px"}
