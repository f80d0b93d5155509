"""Arabic pages run right to left, and text in another language or direction inside
a page says so: its own ``lang`` and ``dir``, and an isolated fragment where a
sentence interpolates it."""

import pytest
from django.template import loader
from django.utils import translation

from portal.languages import language_codes
from portal.pages import views
from tests.conftest import parse
from tests.factories import PolicyFieldFactory, PostFactory, ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "lang,direction", [("ar", "rtl"), ("ko", "ltr"), ("en", "ltr")]
)
def test_the_page_declares_its_language_and_direction(client, lang, direction):
    html = parse(client.get(f"/{lang}/")).html

    assert (html["lang"], html["dir"]) == (lang, direction)


@pytest.mark.parametrize("template", ["500.html", "400.html"])
def test_error_pages_without_a_request_are_right_to_left_in_arabic(template):
    name = template.removesuffix(".html")
    handler = {"500": views.server_error, "400": views.bad_request}[name]
    with translation.override("ar"):
        response = handler(None) if name == "500" else handler(None, None)

    html = parse(response).html
    assert (html["lang"], html["dir"]) == ("ar", "rtl")


def test_english_fallback_in_an_arabic_page_runs_left_to_right(client):
    field = PolicyFieldFactory(slug="transport")
    PostFactory(slug="bus", title_en="Bus reform", title_ko="", policy_field=field)

    page = parse(client.get("/ar/posts/bus/"))

    heading = page.find("h1")
    assert (heading["lang"], heading["dir"]) == ("en", "ltr")
    body = page.find(class_="article__body")
    assert (body["lang"], body["dir"]) == ("en", "ltr")
    # The policy field's name, shown in English, is marked and badged too.
    name = page.find("a", href=field.get_absolute_url())
    assert (name["lang"], name["dir"]) == ("en", "ltr")
    assert name.find_next_sibling(class_="fallback-notice--badge")


def test_the_fallback_notice_keeps_the_pages_direction_inside_english_text(client):
    PostFactory(slug="half", title_ar="نصف مترجم", body_ar="", body_ko="")

    page = parse(client.get("/ar/posts/half/"))

    body = page.find(class_="article__body")
    assert body["dir"] == "ltr"
    notice = body.find(class_="fallback-notice")
    assert (notice["lang"], notice["dir"]) == ("ar", "rtl")


def test_cards_mark_the_fallback_title_and_its_badge_each_with_its_direction(client):
    PostFactory(title_en="Bus reform")
    ProgramFactory(name_en="Urban planning")

    page = parse(client.get("/ar/"))

    titles = page.select(".card__title [lang='en']")
    assert titles and all(title["dir"] == "ltr" for title in titles)
    badges = page.select(".card__title .fallback-notice--badge")
    assert badges and all(badge["dir"] == "rtl" for badge in badges)


def test_previous_and_next_titles_carry_their_language_and_badge(client):
    PostFactory(slug="older", title_en="Older")
    PostFactory(slug="middle")
    PostFactory(slug="newer", title_en="Newer")

    page = parse(client.get("/ar/posts/middle/"))

    for link in page.select(".prev-next__link"):
        title = link.find(lang="en")
        assert title["dir"] == "ltr"
        assert link.find(class_="fallback-notice--badge")


def test_the_search_query_is_isolated_in_the_sentence_that_echoes_it(client):
    page = parse(client.get("/ar/search/", {"q": "Seoul!"}))

    summary = page.find(class_="search-summary")
    assert summary.find("bdi").get_text() == "Seoul!"


def test_the_operators_name_is_isolated_in_the_footer_sentences(client):
    page = parse(client.get("/ar/"))

    footer = page.find("footer")
    assert footer.select_one("address strong bdi")
    assert footer.select_one(".identifier bdi")
    # A telephone number keeps its groups in order inside Arabic text.
    assert footer.select_one("a[href^='tel:']")["dir"] == "ltr"


def test_the_upload_limit_is_isolated_in_the_400_sentence():
    with translation.override("ar"):
        page = parse(views.bad_request(None, None))

    assert page.find("main").find("bdi")


def test_the_switcher_names_each_language_in_itself_and_links_the_others(client):
    PostFactory(slug="bus")

    switcher = parse(client.get("/ko/posts/bus/")).find(class_="language-switcher")

    current = switcher.find(attrs={"aria-current": "true"})
    assert current.name == "span" and current["lang"] == "ko"
    links = {link["hreflang"]: link for link in switcher.find_all("a")}
    assert links["ar"]["href"] == "/ar/posts/bus/"
    assert (links["ar"]["lang"], links["ar"]["dir"]) == ("ar", "rtl")
    assert links["ar"].get_text() == "العربيّة"
    assert links["zh-hans"]["lang"] == "zh-hans"
    # Same direction as the page: no dir needed.
    assert "dir" not in links["en"].attrs
    assert len(links) == len(language_codes()) - 1


def test_the_500_switcher_names_the_current_language_without_linking_it():
    with translation.override("ar"):
        html = loader.get_template("500.html").render({})

    switcher = parse_html(html).find(class_="language-switcher")
    assert switcher.find(attrs={"aria-current": "true"})["lang"] == "ar"
    assert not switcher.find("a", hreflang="ar")
    assert switcher.find("a", hreflang="en")["dir"] == "ltr"


def parse_html(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")
