"""The page satisfaction question (portal/pages/feedback.py): it works from cached
pages without JavaScript, stores anonymous answers, and refuses hostile or
excessive input with a clear answer that loses nothing typed."""

import pytest

from portal.models import PageFeedback
from portal.pages.feedback import ANSWERS_PER_HOUR
from tests.conftest import parse
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db

FEEDBACK = "/ko/feedback/"


@pytest.fixture
def post(db):
    return PostFactory(slug="bus")


def answer(client, page="/ko/posts/bus/", rating="5", comment="", **headers):
    return client.post(
        FEEDBACK, {"page": page, "rating": rating, "comment": comment}, **headers
    )


def test_a_cached_page_carries_the_question_and_no_token_or_cookie(client, post):
    client.get("/ko/posts/bus/")
    response = client.get("/ko/posts/bus/")

    form = parse(response).select_one("form.satisfaction")
    assert response["X-Cache"] == "hit" and not response.cookies
    assert form["action"] == FEEDBACK and form["method"] == "post"
    assert form.select_one("legend").get_text() == "이 페이지의 정보에 만족하셨습니까?"
    assert [i["value"] for i in form.select("input[name=rating]")] == [
        "5",
        "4",
        "3",
        "2",
        "1",
    ]
    assert form.select_one("input[name=page]")["value"] == "/ko/posts/bus/"
    assert not form.select("input[name=csrfmiddlewaretoken]")


def test_an_answer_is_stored_without_the_address_and_the_page_says_thanks(client, post):
    response = answer(
        client, rating="4", comment="표가 보기 좋아요", REMOTE_ADDR="203.0.113.9"
    )

    assert response.status_code == 303
    assert response["Location"] == "/ko/posts/bus/?feedback=thanks#page-feedback"
    stored = PageFeedback.objects.get()
    assert (stored.path, stored.language, stored.rating, stored.comment) == (
        "/posts/bus/",
        "ko",
        4,
        "표가 보기 좋아요",
    )
    assert "203.0.113.9" not in str(PageFeedback.objects.values_list().get())
    thanked = client.get(response["Location"])
    assert thanked.get("X-Cache") != "hit"
    assert parse(thanked).select_one("#page-feedback[role=status]")
    assert not parse(thanked).select_one("form.satisfaction")
    # The thanks is not stored for the next visitor.
    assert parse(client.get("/ko/posts/bus/")).select_one("form.satisfaction")


def test_a_list_page_is_answered_about_and_its_filters_are_kept(client, post):
    response = answer(client, page="/en/news/?year=2025&page=2")

    assert response["Location"] == (
        "/en/news/?year=2025&page=2&feedback=thanks#page-feedback"
    )
    assert PageFeedback.objects.get().path == "/news/"
    assert PageFeedback.objects.get().language == "en"


# Not named "page": that is pytest-playwright's fixture, and a parameter of that name
# made pytest run the browser tests (which empty the database) amid these.
@pytest.mark.parametrize(
    "address",
    [
        "https://evil.example/ko/posts/bus/",
        "//evil.example/ko/",
        "/ko/no-such-page/",
        "/admin/",
        "/ko/preview/posts/1/",
        "/ko/feedback/",
        "/xx/posts/bus/",
        "",
        "/ko/posts/" + "x" * 400 + "/",
    ],
)
def test_an_answer_about_no_page_of_the_portal_is_refused(client, post, address):
    response = answer(client, page=address, comment="제 의견")

    assert response.status_code == 400
    html = parse(response)
    assert html.select_one("[role=alert]")
    assert "제 의견" in html.select_one("main").get_text()
    assert not PageFeedback.objects.exists()


@pytest.mark.parametrize(
    "rating,comment",
    [
        ("", "좋아요"),
        ("9", "좋아요"),
        ("abc", "좋아요"),
        ("5", "가" * 501),
        ("5", "a\x00b"),
    ],
)
def test_a_bad_answer_is_a_400_with_the_form_refilled(client, post, rating, comment):
    response = answer(client, rating=rating, comment=comment)

    assert response.status_code == 400
    form = parse(response).select_one("main form.satisfaction")
    assert form.select_one("textarea").get_text().startswith(comment[0])
    assert form.select_one("input[name=page]")["value"] == "/ko/posts/bus/"
    assert form.select_one(".form-error")
    assert not PageFeedback.objects.exists()


def test_a_long_comment_comes_back_whole_so_it_can_be_shortened(client, post):
    comment = "가" * 501

    response = answer(client, comment=comment)

    assert parse(response).select_one("textarea").get_text() == comment
    checked = parse(response).select_one("input[name=rating][checked]")
    assert checked["value"] == "5"


def test_another_site_cannot_make_browsers_send_answers(client, post):
    cross_site = answer(client, HTTP_SEC_FETCH_SITE="cross-site")
    other_origin = answer(client, HTTP_ORIGIN="https://evil.example")
    same_origin = answer(
        client, HTTP_SEC_FETCH_SITE="same-origin", HTTP_ORIGIN="http://testserver"
    )

    assert cross_site.status_code == other_origin.status_code == 403
    assert same_origin.status_code == 303
    assert PageFeedback.objects.count() == 1


def test_answers_from_one_address_are_limited_per_hour(client, post):
    for _ in range(ANSWERS_PER_HOUR):
        assert answer(client, REMOTE_ADDR="198.51.100.1").status_code == 303

    refused = answer(client, comment="한 번 더", REMOTE_ADDR="198.51.100.1")
    other = answer(client, REMOTE_ADDR="198.51.100.2")

    assert refused.status_code == 429
    assert parse(refused).select_one("textarea").get_text() == "한 번 더"
    assert other.status_code == 303
    assert PageFeedback.objects.count() == ANSWERS_PER_HOUR + 1


def test_the_address_only_takes_answers(client):
    response = client.get(FEEDBACK)

    assert response.status_code == 405 and response["Allow"] == "POST"


def test_an_answer_does_not_retire_cached_pages(client, post):
    client.get("/ko/posts/bus/")

    answer(client)

    assert client.get("/ko/posts/bus/")["X-Cache"] == "hit"
