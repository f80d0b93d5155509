from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.staticfiles import finders

from portal.languages import language_codes
from portal.models import Post
from portal.pages.views import PARTNERS_PER_PAGE
from tests.conftest import parse
from tests.factories import (
    FAQEntryFactory,
    PartnerFactory,
    PolicyFieldFactory,
    PostFactory,
    ProgramFactory,
    one_of_everything,
)
from tests.support.public_pages import public_pages

pytestmark = pytest.mark.django_db

LANGUAGES = ["ko", "en"]


def seoul_time(year, month, day):
    return datetime(year, month, day, 9, tzinfo=ZoneInfo("Asia/Seoul"))


@pytest.fixture
def content():
    policy_field = PolicyFieldFactory(slug="environment")
    news = PostFactory(slug="climate-card", policy_field=policy_field)
    PostFactory(slug="older-news", policy_field=policy_field)
    PostFactory(kind=Post.Kind.VIDEO, slug="smart-city-video")
    PostFactory(kind=Post.Kind.PUBLICATION, slug="research-digest")
    program = ProgramFactory(slug="sharing-city")
    FAQEntryFactory(program=program)
    PartnerFactory(slug="metropolis")
    return {"news": news, "program": program}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_type_renders_in_both_languages(client, lang):
    one_of_everything()
    found = {}
    for name, path in public_pages(lang).items():
        page = parse(client.get(path))
        problems = [
            problem
            for problem, broken in (
                ("lang", page.html["lang"] != lang),
                ("h1", len(page.find_all("h1")) != 1),
                ("skip link", page.find("a", class_="skip-link")["href"] != "#main"),
                ("main", not page.find("main", id="main")),
            )
            if broken
        ]
        if problems:
            found[name] = problems

    assert found == {}


@pytest.mark.parametrize("lang,other", [("ko", "en"), ("en", "ko")])
def test_language_switcher_leads_to_same_page(client, lang, other):
    one_of_everything()
    theirs = public_pages(other)
    for name, path in public_pages(lang).items():
        switcher = parse(client.get(path)).find("nav", class_="language-switcher")

        link = switcher.find("a", hreflang=other)
        assert link["href"] == theirs[name], name
        assert link["lang"] == other
        # The page's own language is named, not linked.
        assert not switcher.find("a", hreflang=lang)
        assert switcher.find(lang=lang, attrs={"aria-current": "true"})
        assert client.get(link["href"]).status_code == 200, name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_carry_hreflang_alternates_and_canonical(client, content, lang):
    page = parse(client.get(f"/{lang}/posts/climate-card/"))

    alternates = {
        link["hreflang"]: link["href"]
        for link in page.find_all("link", rel="alternate")
        if link.get("hreflang")
    }
    assert alternates == {
        **{
            code: f"http://testserver/{code}/posts/climate-card/"
            for code in language_codes()
        },
        "x-default": "http://testserver/ko/posts/climate-card/",
    }
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical == f"http://testserver/{lang}/posts/climate-card/"


@pytest.mark.parametrize(
    "accept,expected",
    [
        ("en-US,en;q=0.9", "/en/"),
        ("ko-KR,ko;q=0.9", "/ko/"),
        ("fr-FR", "/fr/"),
        ("de-DE", "/ko/"),
        ("", "/ko/"),
    ],
)
def test_root_redirects_by_accept_language(client, db, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 302
    assert response["Location"] == expected


def test_english_page_marks_korean_fallback_title(client):
    PostFactory(slug="korean-only", title_en="", body_en="", title_ko="서울 소식")

    page = parse(client.get("/en/posts/korean-only/"))

    heading = page.find("h1")
    assert heading.get_text(strip=True) == "서울 소식"
    assert heading["lang"] == "ko"
    notice = heading.find_next_sibling(class_="fallback-notice")
    assert notice is not None
    assert "Korean" in notice.get_text()


def test_korean_page_marks_english_fallback_everywhere(client):
    PostFactory(slug="english-only", title_ko="", body_ko="", title_en="Climate Card")

    detail = parse(client.get("/ko/posts/english-only/"))
    listing = parse(client.get("/ko/news/"))

    assert detail.find("h1")["lang"] == "en"
    assert detail.find(class_="article__body")["lang"] == "en"
    assert "영어" in detail.find(class_="fallback-notice").get_text()
    title = listing.find("span", string="Climate Card")
    assert title["lang"] == "en"
    # On a card, a compact badge read out as "영어 원문"; the sentence is on the post.
    badge = title.find_parent("a").find(class_="fallback-notice--badge")
    assert badge["lang"] == "ko"
    assert badge.find(attrs={"aria-hidden": "true"}).get_text() == "EN"
    assert "영어" in badge.find(class_="visually-hidden").get_text()
    assert "번역" not in badge.get_text()


def test_translated_page_has_no_fallback_notice(client, content):
    page = parse(client.get("/en/posts/climate-card/"))

    assert page.find("h1")["lang"] == "en"
    assert page.find(class_="fallback-notice") is None


def test_partial_translation_marks_only_the_untranslated_body(client):
    PostFactory(slug="half", title_en="Half translated", body_en="")

    page = parse(client.get("/en/posts/half/"))

    assert page.find("h1")["lang"] == "en"
    body = page.find(class_="article__body")
    assert body["lang"] == "ko"
    assert body.find(class_="fallback-notice")


def test_post_detail_shows_date_author_field_and_neighbours(client):
    policy_field = PolicyFieldFactory(
        name_en="Environment", name_ko="환경", slug="environment"
    )
    for day, slug in [(1, "c"), (2, "b"), (3, "a")]:
        PostFactory(
            slug=slug, policy_field=policy_field, published_at=seoul_time(2024, 5, day)
        )
    PostFactory(
        kind=Post.Kind.VIDEO, slug="video-elsewhere", title_en="Film", title_ko="영상"
    )

    page = parse(client.get("/en/posts/b/"))

    assert page.find("time")["datetime"].startswith("2024-05-02T09:00:00")
    assert page.find("dd", string="Seoul Institute")
    assert page.find("a", href="/en/policy-fields/environment/", string="Environment")
    assert page.find("a", rel="prev")["href"] == "/en/posts/c/"
    assert page.find("a", rel="next")["href"] == "/en/posts/a/"
    related = {
        a["href"] for a in page.find(id="related").find_next("div").find_all("a")
    }
    assert related == {"/en/posts/a/", "/en/posts/c/"}
    korean = parse(client.get("/ko/posts/b/"))
    assert korean.find("a", href="/ko/policy-fields/environment/", string="환경")


def test_english_page_marks_a_byline_written_only_in_korean(client):
    PostFactory(slug="institute", author_ko="서울연구원", author_en="")
    PostFactory(slug="translated", author_ko="서울연구원", author_en="Seoul Institute")

    english = parse(client.get("/en/posts/institute/"))
    byline = english.find("dt", string="Author").find_next("dd")
    translated = parse(client.get("/en/posts/translated/"))

    assert byline.find(lang="ko", string="서울연구원")
    assert byline.find(class_="fallback-notice")
    byline = translated.find("dt", string="Author").find_next("dd")
    assert byline.find(lang="en", string="Seoul Institute")
    assert byline.find(class_="fallback-notice") is None


def test_future_posts_are_not_public(client):
    from django.utils import timezone

    PostFactory(
        slug="tomorrow", published_at=timezone.now() + timezone.timedelta(days=1)
    )

    assert client.get("/en/posts/tomorrow/").status_code == 404
    assert b"/en/posts/tomorrow/" not in client.get("/en/news/").content
    assert b"/en/posts/tomorrow/" not in client.get("/en/").content


def test_news_list_is_paginated(client):
    for _ in range(13):
        PostFactory()

    first = parse(client.get("/ko/news/"))
    second = parse(client.get("/ko/news/?page=2"))

    assert len(first.find_all("article", class_="card")) == 12
    assert len(second.find_all("article", class_="card")) == 1
    assert first.find("a", rel="next")["href"] == "?page=2"
    assert client.get("/ko/news/?page=99").status_code == 404


def test_news_list_filters_by_policy_field(client):
    transport = PolicyFieldFactory(slug="transportation")
    PostFactory(slug="bus", policy_field=transport)
    PostFactory(slug="park")

    page = parse(client.get("/en/news/?policy_field=transportation"))

    links = {a["href"] for a in page.select("article.card a")}
    assert links == {"/en/posts/bus/"}


def test_program_detail_lists_faq_in_order_as_details(client):
    program = ProgramFactory(slug="sharing-city")
    FAQEntryFactory(program=program, question_en="Second?", order=2)
    FAQEntryFactory(program=program, question_en="First?", order=1)

    page = parse(client.get("/en/programs/sharing-city/"))

    questions = [s.get_text(strip=True) for s in page.select(".faq details > summary")]
    assert questions == ["First?", "Second?"]


def test_partners_are_grouped_by_group(client):
    PartnerFactory(name_en="World Bank", short_name="WB", group="finance")
    PartnerFactory(
        name_en="Local Governments for Sustainability",
        short_name="ICLEI",
        group="international",
    )

    page = parse(client.get("/en/partners/"))

    headings = [h.get_text(strip=True) for h in page.find("main").find_all("h2")]
    assert headings == ["International organizations", "Finance and business"]
    names = [h.get_text(" ", strip=True) for h in page.select("li.partner h3")]
    assert names == ["Local Governments for Sustainability (ICLEI)", "World Bank (WB)"]


def test_partner_directory_comes_a_page_at_a_time(client):
    for number in range(PARTNERS_PER_PAGE + 2):
        group = "international" if number < PARTNERS_PER_PAGE else "research"
        PartnerFactory(
            slug=f"partner-{number:03}",
            name_en=f"City {number}",
            short_name="",
            group=group,
        )
    PartnerFactory(slug="bank", name_en="World Bank", short_name="", group="finance")

    first = parse(client.get("/en/partners/"))
    second = parse(client.get("/en/partners/", {"page": "2"}))

    assert len(first.select("li.partner")) == PARTNERS_PER_PAGE
    assert first.find("a", rel="next")["href"] == "?page=2"
    # The groups keep their order across pages: the bank is on page 2, before research.
    headings = [h.get_text(strip=True) for h in second.find("main").find_all("h2")]
    assert headings == ["Finance and business", "Research and academia"]
    assert [h.get_text(strip=True) for h in second.select("li.partner h3")] == [
        "World Bank",
        f"City {PARTNERS_PER_PAGE}",
        f"City {PARTNERS_PER_PAGE + 1}",
    ]
    assert second.find("a", rel="prev") and not second.find("a", rel="next")
    assert client.get("/en/partners/", {"page": "3"}).status_code == 404


@pytest.mark.parametrize(
    "lang,title", [("ko", "페이지를 찾을 수 없습니다"), ("en", "Page not found")]
)
def test_404_page_is_localized(client, db, lang, title):
    response = client.get(f"/{lang}/no-such-page/")

    assert response.status_code == 404
    page = parse(response)
    assert page.html["lang"] == lang
    assert page.find("h1").get_text(strip=True) == title
    switcher = page.find("nav", class_="language-switcher")
    assert switcher.find(attrs={"aria-current": "true"})["lang"] == lang
    assert switcher.find("a", hreflang="en" if lang == "ko" else "ko")


def test_500_page_renders_without_request_context(settings):
    from django.template import loader
    from django.utils import translation

    with translation.override("ko"):
        html = loader.get_template("500.html").render({})

    assert '<html lang="ko" dir="ltr" data-script="hang">' in html
    assert "문제가 발생했습니다" in html


@pytest.mark.parametrize("handler", ["server_error", "busy_response"])
def test_error_pages_carry_the_operators_contact_without_the_database(
    rf, settings, handler
):
    from django.db import connection

    from portal.middleware import busy
    from portal.operator import current_operator
    from portal.pages import views
    from portal.values.phones import international

    render = getattr(views, handler, None) or getattr(busy, handler)
    with connection.execute_wrapper(refuse_queries):
        response = render(rf.get("/en/"))

    footer = parse(response).find("address", class_="operator")
    operator = current_operator()
    assert footer.find("a", href=f"tel:{international(operator.phone)}")
    assert footer.find("a", href=f"mailto:{operator.email}")
    assert operator.address in footer.get_text()


def refuse_queries(execute, sql, params, many, context):
    raise AssertionError(f"an error page read the database: {sql}")


def test_fallback_notice_is_in_the_page_language_inside_a_fallback_block(client):
    PostFactory(slug="half", title_en="Half translated", body_en="")

    page = parse(client.get("/en/posts/half/"))

    notice = page.find(class_="article__body").find(class_="fallback-notice")
    assert notice["lang"] == "en"


def test_untranslated_faq_questions_are_marked_without_opening_them(client):
    program = ProgramFactory(slug="sharing-city")
    FAQEntryFactory(program=program, question_en="", question_ko="공유도시 서울은?")
    FAQEntryFactory(program=program, question_en="", question_ko="왜 공유인가?")

    faq = parse(client.get("/en/programs/sharing-city/")).select_one(".faq")

    summaries = faq.select("details > summary")
    assert summaries[0].find("span", lang="ko").get_text() == "공유도시 서울은?"
    # Each question gets the compact badge; the sentence comes once, above them.
    for summary in summaries:
        badge = summary.find(class_="fallback-notice--badge")
        assert badge["lang"] == "en" and badge.get_text() == "KOOriginal in Korean"
    assert faq.get_text().count("Not yet translated: shown in Korean.") == 1


def test_related_posts_share_field_and_words(client):
    transport = PolicyFieldFactory(slug="transport")
    for slug, title, field in [
        ("card", "Climate Card passes 1 million", transport),
        ("card-tourists", "Climate Card for tourists", None),
        ("bus", "Night bus routes", transport),
        ("unrelated", "Dog patrol program", None),
    ]:
        PostFactory(slug=slug, title_en=title, title_ko="", policy_field=field)

    page = parse(client.get("/en/posts/card/"))

    related = [
        a["href"] for a in page.find(id="related").find_next("div").find_all("a")
    ]
    assert related == ["/en/posts/card-tourists/", "/en/posts/bus/"]


def test_favicon_ico_leads_to_the_icon(client, db):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"] == "/static/portal/img/favicon.svg"
    assert finders.find("portal/img/favicon.svg")
