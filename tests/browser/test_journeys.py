"""What visitors and staff do, end to end, in a real browser, in both languages."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from portal.models import Post, Program
from tests.browser.conftest import SCENARIO_LANGUAGES, STAFF_PASSWORD, sign_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.journey,
]

OTHER = {"ko": "en", "en": "ko"}
NEWS = {"ko": "뉴스", "en": "News"}


@pytest.mark.parametrize("lang", SCENARIO_LANGUAGES)
def test_reader_opens_a_post_from_the_news_and_switches_language(site, page, lang):
    page.goto(f"{site.url}/{lang}/")
    page.get_by_role(
        "navigation", name=re.compile("주 메뉴|Main navigation")
    ).get_by_role("link", name=NEWS[lang], exact=True).click()
    expect(page).to_have_url(f"{site.url}/{lang}/news/")

    first = page.locator("main .card__title a").first
    # The title itself, without a card's "EN" badge for text in the other language.
    title = first.locator("span[lang]").first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    path = page.url.removeprefix(f"{site.url}/{lang}")
    assert path.startswith("/posts/")

    page.locator(".language-switcher summary").click()
    page.locator(".language-switcher").get_by_role(
        "link", name=re.compile("English|한국어")
    ).and_(page.locator(f"[hreflang={OTHER[lang]}]")).click()

    expect(page).to_have_url(f"{site.url}/{OTHER[lang]}{path}")
    expect(page.locator("html")).to_have_attribute("lang", OTHER[lang])


@pytest.mark.parametrize("lang", SCENARIO_LANGUAGES)
@pytest.mark.parametrize(
    "word,expected",
    [
        ("공유", {"ko": "공유도시 서울", "en": "Sharing City Seoul"}),
        ("climate", {"ko": "Climate Card", "en": "Climate Card"}),
    ],
)
def test_reader_searches_from_the_header(site, page, lang, word, expected):
    page.goto(f"{site.url}/{lang}/news/")
    box = page.get_by_role("search").first.get_by_role("searchbox")
    box.fill(word)
    box.press("Enter")

    expect(page).to_have_url(re.compile(rf"/{lang}/search/\?q="))
    expect(page.get_by_role("status")).to_contain_text(word)
    results = page.locator(".search-result__title")
    expect(results.first).to_be_visible()
    assert any(expected[lang] in text for text in results.all_inner_texts())
    expect(page.locator(".search-results mark").first).to_be_visible()


@pytest.mark.parametrize("lang", SCENARIO_LANGUAGES)
def test_keyboard_user_expands_a_programme_faq(site, page, lang):
    program = Program.objects.get()
    page.goto(f"{site.url}/{lang}/programs/{program.slug}/")
    question = page.locator(".faq summary").first
    answer = page.locator(".faq details .prose").first
    expect(answer).to_be_hidden()

    for _ in range(80):
        page.keyboard.press("Tab")
        if question.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first FAQ question")
    page.keyboard.press("Enter")

    expect(answer).to_be_visible()
    expect(page.locator(".faq details").first).to_have_attribute("open", "")


@pytest.mark.parametrize("lang", SCENARIO_LANGUAGES)
def test_reader_browses_the_partners(site, page, lang):
    page.goto(f"{site.url}/{lang}/")
    page.locator(".site-nav").get_by_role(
        "link", name=re.compile("^(협력기관|Partners)$")
    ).click()

    expect(page).to_have_url(f"{site.url}/{lang}/partners/")
    expect(page.locator(".partner")).to_have_count(28)
    expect(page.get_by_role("heading", level=3, name="KOSMIC")).to_be_visible()


# A Korean member of staff: the admin opens on the Korean tab.
@pytest.mark.browser_context_args(locale="ko-KR")
def test_staff_member_edits_an_english_title_and_sees_it_published(site, page):
    get_user_model().objects.create_superuser(
        "editor", "editor@example.org", STAFF_PASSWORD
    )
    post = Post.objects.order_by("pk").first()

    sign_in(page, site.url)
    page.goto(f"{site.url}/admin/portal/post/{post.pk}/change/")
    # modeltranslation's tabs: the English field is hidden until its tab is chosen.
    english_title = page.locator("#id_title_en")
    expect(english_title).to_be_hidden()
    page.locator(".ui-tabs-nav a", has_text=re.compile("^en$", re.I)).first.click()
    expect(english_title).to_be_visible()
    english_title.fill("Seoul opens a new policy library")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()

    page.goto(f"{site.url}/en/posts/{post.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Seoul opens a new policy library"
    )
