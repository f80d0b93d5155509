"""Search in both languages, as Korean and English readers type."""

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from portal.models import Page, Post, Program
from portal.search import search
from portal.search.backends import MAX_COUNTED
from tests.conftest import parse
from tests.factories import FAQEntryFactory, PostFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def found(query, **kwargs):
    return [hit.obj.slug for hit in search(query, **kwargs).hits]


@pytest.fixture(autouse=True)
def no_site_pages(db):
    """The site pages migrations start with (privacy, copyright, accessibility)
    are searched too and hold common words; these tests count what they create."""
    Page.objects.all().delete()


@pytest.fixture
def corpus():
    PostFactory(
        slug="sharing",
        title_ko="공유도시 서울의 성과",
        title_en="",
        body_ko="서울시의 공유 정책은 시민과 함께합니다.",
        body_en="",
    )
    PostFactory(
        slug="climate",
        title_en="Climate Card Sales Hit 1 Million",
        title_ko="",
        body_en="The Climate Card covers subways and buses.",
        body_ko="",
    )
    PostFactory(
        slug="mentions-climate",
        title_en="Summer safety measures",
        title_ko="",
        body_en="Heat waves grow with climate change.",
        body_ko="",
    )
    program = ProgramFactory(
        slug="sharing-city", name_en="Sharing City Seoul", name_ko=""
    )
    FAQEntryFactory(
        program=program, question_ko="공유경제란?", answer_ko="나누는 경제입니다."
    )


@pytest.mark.parametrize(
    "query,expected",
    [
        ("공유", {"sharing", "sharing-city"}),
        ("서울시", {"sharing"}),
        ("도시", {"sharing"}),
        ("공유경제", {"sharing-city"}),
        ("climate", {"climate", "mentions-climate"}),
        ("CLIMATE", {"climate", "mentions-climate"}),
        ("Card subways", {"climate"}),
        ("climate 공유", set()),
    ],
)
def test_words_match_inside_longer_words_in_both_languages(corpus, query, expected):
    assert set(found(query)) == expected


@pytest.mark.parametrize("query", ["ai", "AI", "서울"])
def test_short_words_are_found_at_the_very_end_of_a_text(query):
    PostFactory(slug="ends", title_ko="정책 서울", title_en="Policy in the age of AI")
    PostFactory(slug="other", title_ko="정책", title_en="Parks")

    assert found(query) == ["ends"]


def test_short_words_found_by_scanning_when_too_many_trigrams_start_with_them(
    corpus, monkeypatch
):
    # One trigram allowed: "공유" starts several, so every row is read instead.
    monkeypatch.setattr("portal.search.backends.SqliteBackend.MAX_EXPANSION", 1)

    assert set(found("공유")) == {"sharing", "sharing-city"}
    assert set(found("climate 공유")) == set()


def test_a_short_word_nothing_starts_with_finds_nothing(corpus):
    assert found("qz") == []
    assert search("qz").total == 0


def test_title_matches_rank_first(corpus):
    assert found("climate") == ["climate", "mentions-climate"]


def test_matches_are_highlighted(corpus):
    [hit] = search("card").hits

    assert str(hit.title_html) == "Climate <mark>Card</mark> Sales Hit 1 Million"
    assert "<mark>Card</mark>" in str(hit.snippet.text)


def test_highlighting_escapes_markup(corpus):
    PostFactory(slug="xss", title_en="<b>bold</b> climate", title_ko="")

    hit = next(h for h in search("climate").hits if h.obj.slug == "xss")

    assert str(hit.title_html) == "&lt;b&gt;bold&lt;/b&gt; <mark>climate</mark>"


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Post.Status.DRAFT},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "scheduled"],
)
def test_unpublished_posts_are_never_found(corpus, hidden):
    PostFactory(slug="secret", title_en="Secret climate plan", **hidden)

    assert "secret" not in found("climate")
    assert "secret" not in found("secret")


def test_draft_programs_are_never_found(corpus):
    ProgramFactory(
        slug="draft-program", name_en="Secret program", status=Program.Status.DRAFT
    )

    assert found("secret") == []


def test_index_follows_edits_and_deletions(corpus):
    post = Post.objects.get(slug="climate")
    post.title_en = "Transit pass milestone"
    post.save()

    assert found("transit") == ["climate"]
    post.delete()
    assert found("transit") == []


def test_ranking_follows_title_edits(corpus):
    retitled = Post.objects.get(slug="mentions-climate")
    retitled.title_en = "Climate and summer safety"
    retitled.save()
    demoted = Post.objects.get(slug="climate")
    demoted.title_en = "Transit pass milestone"
    demoted.save()

    # The body still mentions the card, so it is found, after the title match.
    assert found("climate") == ["mentions-climate", "climate"]


def test_programme_names_are_searched_as_titles(corpus):
    PostFactory(slug="lending", title_en="Lending library", body_en="sharing tools")
    assert found("sharing") == ["sharing-city", "lending"]

    program = Program.objects.get(slug="sharing-city")
    program.name_en = "Seoul Commons"
    program.save()
    assert found("sharing") == ["lending"]


def test_index_follows_faq_edits(corpus):
    entry = Program.objects.get(slug="sharing-city").faq_entries.get()
    entry.answer_en = "An economy of lending."
    entry.save()

    assert found("lending") == ["sharing-city"]


def test_results_are_counted_and_paginated(db):
    for number in range(12):
        PostFactory(title_en=f"Budget report {number}", title_ko="")

    first, second = search("budget", page=1), search("budget", page="2")

    assert first.total == second.total == 12
    assert len(first.hits) == 10 and len(second.hits) == 2
    assert second.first_index == 11
    with pytest.raises(Http404):
        search("budget", page="3")  # past the end: the lists' rule


def test_very_common_words_say_more_than_the_counting_limit(client):
    Post.objects.bulk_create(
        PostFactory.build(slug=f"transport-{number}", title_en=f"Transport {number}")
        for number in range(MAX_COUNTED + 5)
    )

    last = MAX_COUNTED // 10
    results = search("transport", page=str(last))
    response = client.get("/en/search/", {"q": "transport"})

    assert results.more_than_counted
    assert results.number == results.num_pages == last
    assert len(results.hits) == 10
    assert (
        client.get("/en/search/", {"q": "transport", "page": last + 1}).status_code
        == 404
    )
    assert "More than 100 results" in parse(response).find(role="status").text


def test_pieces_of_a_long_word_in_different_places_do_not_match(corpus):
    PostFactory(slug="pieces", title_en="", body_en="greener energy fields")

    # "energ" and "nergy" are both there, but "greenergy" is not.
    assert found("greenergy") == []
    assert found("energy") == ["pieces"]


def test_words_joined_by_other_scripts_punctuation_are_found(corpus):
    PostFactory(slug="joined", title_ko="서울·부산 협력", title_en="")

    assert found("부산") == ["joined"]
    assert found("서울·부산") == ["joined"]


@pytest.mark.parametrize(
    "query",
    [
        "x",
        "a" * 500,
        "!!! ??? ...",
        "🏙️✨",
        "‮evil‬",
        "e\u0301",
        "\x00",
        "'; DROP TABLE portal_post; --",
        '"',
        "%_\\",
    ],
)
def test_odd_queries_get_a_sensible_answer(client, corpus, query):
    response = client.get("/en/search/", {"q": query})

    assert response.status_code == 200
    assert parse(response).find("h1")
    assert Post.objects.count() == 3


@pytest.mark.parametrize(
    "page_number", ["-1", "0", "abc", "99999999999999999999", "1e9"]
)
def test_odd_page_numbers_are_not_found_as_on_lists(client, corpus, page_number):
    for path in ("/en/search/?q=climate", "/en/news/?year=2024"):
        response = client.get(f"{path}&page={page_number}")

        assert response.status_code == 404, path


def test_invalid_utf8_in_the_query_string_is_handled(client, corpus):
    response = client.get("/en/search/?q=%ED%A0%80%FF")

    assert response.status_code == 200


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_search_page_shows_count_and_results(client, corpus, lang):
    page = parse(client.get(f"/{lang}/search/", {"q": "climate"}))

    assert page.html["lang"] == lang
    assert "2" in page.find(class_="search-summary").get_text()
    links = [a["href"] for a in page.select(".search-result h2 a")]
    assert links == [f"/{lang}/posts/climate/", f"/{lang}/posts/mentions-climate/"]
    assert page.select(".search-result mark")


def test_fallback_results_carry_their_language(client, corpus):
    page = parse(client.get("/en/search/", {"q": "공유"}))

    korean = page.find("a", href="/en/posts/sharing/")
    assert korean["lang"] == "ko"
    assert korean.find_parent("li").find(class_="fallback-notice")["lang"] == "en"


def test_every_page_has_a_search_box(client, corpus):
    form = parse(client.get("/ko/")).find("form", role="search")

    assert form["action"] == "/ko/search/"
    assert form.find("input", attrs={"name": "q"})
    assert form.find("label")


def test_search_pages_through_the_same_pager_as_the_lists(client, db):
    for number in range(12):
        PostFactory(title_en=f"Budget report {number}", title_ko="")

    first = parse(client.get("/en/search/", {"q": "budget report"}))
    second = parse(client.get("/en/search/", {"q": "budget report", "page": "2"}))

    assert first.select_one("nav.pagination a[rel=next]")["href"] == (
        "?q=budget+report&page=2"
    )
    assert second.select_one("nav.pagination a[rel=prev]")["href"] == (
        "?q=budget+report&page=1"
    )
    assert second.select_one("nav.pagination [aria-current=page]").text == (
        "Page 2 of 2"
    )
