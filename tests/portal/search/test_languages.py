"""Search in every language: Chinese without spaces, Arabic with or without its
vowel marks, accents, and the fallback text a visitor is shown."""

import re

import pytest
from django.db import connection
from django.utils import translation

from portal.languages import Shown, language_codes, localized
from portal.models import Page
from portal.search import fold, search
from portal.search.highlight import snippet
from tests.conftest import parse
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db

HAN_RUN = "首尔市政府今天宣布推进共享城市政策并在全市范围内扩大公共自行车服务"


def found(query, lang="ko"):
    with translation.override(lang):
        return [hit.obj.slug for hit in search(query).hits]


def only(lang: str, **fields) -> dict:
    """Post fields with text in one language and every other left empty."""
    empty = {localized(name, code): "" for name in fields for code in language_codes()}
    return {**empty, **{localized(name, lang): text for name, text in fields.items()}}


@pytest.fixture(autouse=True)
def no_site_pages(db):
    Page.objects.all().delete()


@pytest.fixture
def chinese():
    PostFactory(
        slug="seoul",
        **only(
            "zh-hans",
            title="首尔共享城市",
            body=f"<p>{HAN_RUN * 3}，2024年Climate Card发行。</p>",
        ),
    )
    PostFactory(slug="other", **only("zh-hans", title="北京", body="<p>天气很好</p>"))


@pytest.mark.parametrize(
    "query",
    ["市", "首尔", "共享城市", "自行车服务", "2024年", "climate 发行", "Card发行"],
)
def test_chinese_terms_are_found_inside_runs_of_han_characters(chinese, query):
    assert found(query, "zh-hans") == ["seoul"]


def test_chinese_title_matches_rank_first(chinese):
    PostFactory(slug="newer", **only("zh-hans", title="新闻", body="<p>共享城市</p>"))

    assert found("共享城市") == ["seoul", "newer"]


def test_a_chinese_snippet_shows_the_match_from_the_middle_of_a_long_run():
    text = HAN_RUN * 10 + "气候卡" + HAN_RUN * 10

    shown = str(snippet(text, ["气候卡"]))

    assert "<mark>气候卡</mark>" in shown
    assert shown.startswith("… ") and shown.endswith(" …")
    assert len(shown) < 260


@pytest.mark.parametrize(
    "written,query",
    [
        ("المَدِينَةُ الذَّكِيَّةُ", "المدينة الذكية"),  # marks in the text only
        ("المدينة الذكية", "المَدِينَةُ"),  # marks in the query only
        ("إدارة النقل العام", "ادارة"),  # alef with hamza below
        ("مستشفى سيول", "مستشفي"),  # alef maksura
        ("مدينة سيول", "مدينه"),  # ta marbuta
        ("الـمـديـنـة", "المدينة"),  # tatweel
        ("Séoul, ville du partage", "seoul"),  # French accent
        ("La CIUDAD DE SEÚL", "seul"),  # uppercase accent
        ("Politica publica", "política"),  # accent in the query only
    ],
)
def test_arabic_and_accented_words_match_however_they_are_written(written, query):
    PostFactory(slug="found", **only("ar", title=written))
    PostFactory(slug="other", **only("ar", title="حديقة"))

    assert found(query, "ar") == ["found"]


def test_the_highlight_marks_the_word_as_written_with_its_marks():
    PostFactory(slug="found", **only("ar", title="المَدِينَةُ الذَّكِيَّةُ"))

    with translation.override("ar"):
        [hit] = search("المدينه").hits

    assert str(hit.title_html) == "<mark>المَدِينَةُ</mark> الذَّكِيَّةُ"


def test_the_index_folds_as_the_query_does():
    """The SQL of the triggers and the Python fold of the terms agree on every
    character of the mapping (the index folds case itself)."""
    text = "".join(fold.MAPPING) + " Ab"
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + fold.sql("%s", connection.vendor), [text])
        [(in_sql,)] = cursor.fetchall()

    assert in_sql.casefold() == fold.fold(text)
    assert not set(fold.fold(text)) & set(fold.MAPPING)


def test_an_english_word_finds_an_english_only_post_from_a_spanish_page(client):
    PostFactory(slug="card", **only("en", title="Climate Card sales"))

    page = parse(client.get("/es/search/", {"q": "climate"}))
    [link] = page.select(".search-result__title a")

    assert link["href"].startswith("/es/") and link["href"].endswith("/card/")
    assert link["lang"] == "en"
    assert page.select(".search-result .fallback-notice--badge")


def test_a_spanish_word_finds_the_spanish_title_from_any_page():
    PostFactory(slug="bikes", title_es="Bicicletas públicas de Seúl")

    for lang in ("es", "ko", "ar"):
        assert found("bicicletas", lang) == ["bikes"]
    with translation.override("es"):
        [hit] = search("bicicletas").hits
    assert hit.title == Shown("Bicicletas públicas de Seúl", "es", False)


def test_the_snippet_is_the_text_the_page_falls_back_to():
    """On a Spanish page a post written in Korean and English shows its English
    text (the fallback chain), not the first language declared."""
    PostFactory(
        slug="bikes",
        title_es="Bicicletas",
        body_ko="<p>공공자전거 따릉이</p>",
        body_en="<p>Public bicycles of Seoul</p>",
    )

    with translation.override("es"):
        [hit] = search("bicicletas").hits

    assert hit.snippet.lang == "en"
    assert hit.snippet.is_fallback
    assert re.sub("<[^>]+>", "", hit.snippet.text) == "Public bicycles of Seoul"
