"""Korean public-site conventions in a real browser (issue 20): a phone header
that leaves room for content, a menu that works without JavaScript, the footer's
policies, filters that can be cleared, and the admin's language switch."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from portal.languages import script
from portal.models import Page
from tests.browser.conftest import (
    DESKTOP,
    LANGUAGES,
    PHONE,
    SCENARIO_LANGUAGES,
    STAFF_PASSWORD,
    sign_in,
)
from tests.browser.pages import public_pages

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MENU = {"ko": "메뉴", "en": "Menu"}
NEWS = {"ko": "뉴스", "en": "News"}
PRIVACY = {"ko": "개인정보처리방침", "en": "Privacy policy"}
ALL_FIELDS = {"ko": "전체 분야", "en": "All fields"}
SEARCH = {"ko": "검색", "en": "Search"}


@pytest.fixture
def phone_without_script(browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_phone_header_leaves_the_content_in_view(site, page, lang):
    page.set_viewport_size(PHONE)
    tall = {}
    for name, path in public_pages(lang).items():
        page.goto(site.url + path)
        top = page.locator("main").bounding_box()["y"]
        if top > 160:
            tall[name] = top

    assert tall == {}


@pytest.mark.parametrize("lang", SCENARIO_LANGUAGES)
def test_phone_visitor_without_script_menu_privacy_filter_search_read(
    site, phone_without_script, lang
):
    page = phone_without_script
    page.goto(f"{site.url}/{lang}/")
    news_link = page.get_by_role("link", name=NEWS[lang], exact=True)
    expect(news_link).to_be_hidden()

    page.get_by_text(MENU[lang], exact=True).click()
    expect(news_link).to_be_visible()
    news_link.click()
    expect(page).to_have_url(f"{site.url}/{lang}/news/")

    # The privacy policy, from the footer of any page.
    page.locator(".site-footer").get_by_role("link", name=PRIVACY[lang]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PRIVACY[lang])

    # Filter the news by a policy field, then clear the filter.
    page.goto(f"{site.url}/{lang}/news/")
    everything = page.locator("main .card").count()
    fields = page.get_by_role("navigation", name=re.compile("정책 분야|Policy fields"))
    fields.get_by_role("link").nth(1).click()
    expect(page).to_have_url(re.compile(r"\?policy_field="))
    narrowed = page.locator("main .card").count()
    assert 0 < narrowed < everything
    fields = page.get_by_role("navigation", name=re.compile("정책 분야|Policy fields"))
    fields.get_by_role("link", name=ALL_FIELDS[lang]).click()
    expect(page.locator("main .card")).to_have_count(everything)

    # Search from the header, then read the post it finds.
    page.get_by_role("searchbox").fill("Climate Card")
    page.locator(".site-search").get_by_role("button", name=SEARCH[lang]).click()
    expect(page).to_have_url(re.compile(r"/search/\?q=Climate"))
    hit = page.locator(".search-result__title a").first
    hit.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Climate Card")
    expect(page.locator(".prose").first).to_be_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_filter_that_finds_nothing_can_be_cleared(site, page, lang):
    page.goto(f"{site.url}/{lang}/news/?year=1999")
    clear = page.locator(".empty-state").get_by_role("link")

    clear.click()

    expect(page).to_have_url(f"{site.url}/{lang}/news/?")
    expect(page.locator("main .card").first).to_be_visible()


# A tall phone, so that the not-found page is shorter than the screen.
TALL_PHONE = {**PHONE, "height": 1400}


@pytest.mark.parametrize("viewport", [TALL_PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_footer_sits_at_the_bottom_of_a_short_page(site, page, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{site.url}/en/no-such-page/")

    footer = page.locator(".site-footer").bounding_box()

    assert footer["y"] + footer["height"] == pytest.approx(viewport["height"], abs=1)


def test_the_post_page_uses_the_desktop_width_for_a_side_column(site, page):
    page.goto(f"{site.url}/en/news/")
    page.locator("main .card__title a").first.click()

    article = page.locator(".page-layout > .article").bounding_box()
    aside = page.locator(".page-layout > .page-aside").bounding_box()

    assert aside["x"] >= article["x"] + article["width"]
    assert aside["y"] < article["y"] + 200
    # A comfortable measure: about 40 full-width characters, 80 Latin ones.
    assert 560 <= article["width"] <= 700


@pytest.mark.parametrize("lang", SCENARIO_LANGUAGES)
def test_programme_facts_follow_the_name_on_a_phone_and_stand_beside_it_on_a_desktop(
    site, page, lang
):
    page.set_viewport_size(PHONE)
    page.goto(site.url + public_pages(lang)["program_detail"])

    def boxes():
        return {
            name: page.locator(selector).bounding_box()
            for name, selector in {
                "name": "h1",
                "facts": ".facts",
                "faq": ".faq",
                "body": ".page-layout > .article",
            }.items()
        }

    phone = boxes()
    assert phone["name"]["y"] < phone["facts"]["y"] < phone["faq"]["y"]

    page.set_viewport_size(DESKTOP)
    desktop = boxes()
    name_bottom = desktop["name"]["y"] + desktop["name"]["height"]
    assert desktop["facts"]["x"] >= desktop["body"]["x"] + desktop["body"]["width"]
    assert desktop["facts"]["y"] < name_bottom
    # The body follows the name; the taller facts box does not push it down.
    assert desktop["body"]["y"] - name_bottom < 80


@pytest.mark.parametrize(
    "accept,expected", [("en", "English"), ("ko", "한국어")], ids=["en", "ko"]
)
def test_the_admin_language_switch_names_the_tab_that_is_open(
    site, page, accept, expected
):
    get_user_model().objects.create_superuser(
        "editor", "editor@example.org", STAFF_PASSWORD
    )
    page.context.set_extra_http_headers({"Accept-Language": accept})
    sign_in(page, site.url)
    privacy = Page.objects.get(slug="privacy")
    page.goto(f"{site.url}/admin/portal/page/{privacy.pk}/change/")

    switch = page.locator("#modeltranslation-main-switch")
    expect(switch.locator("option:checked")).to_have_text(expected)
    for tabs in page.locator(".ui-tabs-nav").all():
        expect(tabs.locator(".ui-tabs-active")).to_have_text(re.compile(accept, re.I))


FOCUSED = """() => {
  const el = document.activeElement;
  return el.tagName.toLowerCase() + (el.className ? "." + el.className : "");
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_keyboard_user_opens_the_phone_menu_in_header_order(site, page, lang):
    page.set_viewport_size(PHONE)
    page.goto(f"{site.url}/{lang}/news/")
    order = []
    for _ in range(6):
        page.keyboard.press("Tab")
        order.append(page.evaluate(FOCUSED))

    # KRDS order: skip link, identity, utility (the languages), search, menu.
    assert order == [
        "a.skip-link",
        "a.site-title",
        "summary.language-switcher__toggle",
        "input",
        "button",
        "summary.site-menu__toggle",
    ]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    assert page.locator(".site-menu").get_attribute("open") is not None
    focused = page.evaluate(
        "() => [document.activeElement.closest('.site-nav') !== null,"
        " getComputedStyle(document.activeElement).outlineStyle]"
    )
    assert focused == [True, "solid"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_with_a_korean_font_installed_no_font_is_downloaded(site, page, lang):
    # CI's Chromium has NanumGothic (fonts-nanum): named before Pretendard GOV,
    # it draws Hangul and Latin alike, so no subset of the web font is fetched.
    fonts = []
    page.on(
        "request",
        lambda request: fonts.append(request.url) if ".woff" in request.url else None,
    )
    for path in ("", "news/", "pages/privacy/"):
        page.goto(f"{site.url}/{lang}/{path}")
        page.wait_for_load_state("networkidle")

    assert fonts == []
    family = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    if script(lang) in ("hang", "latn"):
        assert family.index("NanumGothic") < family.index("Pretendard GOV")
    else:  # a system stack of the page's script, no Korean face for Han
        assert "Pretendard GOV" not in family and "NanumGothic" not in family
