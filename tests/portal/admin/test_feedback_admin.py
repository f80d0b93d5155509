"""Staff read the page satisfaction answers in the admin: each answer, and the
count and average per page; nobody edits what a visitor said."""

import pytest

from portal.models import PageFeedback
from tests.conftest import parse

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/portal/pagefeedback/"


@pytest.fixture
def answers(db):
    for path, lang, rating, comment in [
        ("/posts/bus/", "ko", 5, ""),
        ("/posts/bus/", "en", 3, "The table is hard to read"),
        ("/posts/bus/", "ko", 4, ""),
        ("/news/", "ko", 1, "<script>alert(1)</script>"),
    ]:
        PageFeedback.objects.create(
            path=path, language=lang, rating=rating, comment=comment
        )


def per_page(response) -> list[list[str]]:
    return [
        [cell.get_text(strip=True) for cell in row.select("td")]
        for row in parse(response).select("table.feedback-per-page tbody tr")
    ]


def test_editors_read_the_answers_and_the_count_per_page(editor_client, answers):
    response = editor_client.get(CHANGELIST)

    assert response.status_code == 200
    assert per_page(response) == [["/posts/bus/", "3", "4.0"], ["/news/", "1", "1.0"]]
    assert "The table is hard to read" in response.content.decode()
    # A comment is shown as the words it is.
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_counts_follow_the_filters(admin_client, answers):
    response = admin_client.get(CHANGELIST, {"language": "en"})

    assert per_page(response) == [["/posts/bus/", "1", "3.0"]]


def test_nobody_adds_or_edits_an_answer(admin_client, answers):
    answer = PageFeedback.objects.filter(comment__startswith="The table").get()

    assert admin_client.get(f"{CHANGELIST}add/").status_code == 403
    form = parse(admin_client.get(f"{CHANGELIST}{answer.pk}/change/"))
    assert not form.select("textarea[name=comment], input[name=rating]")
    admin_client.post(
        f"{CHANGELIST}{answer.pk}/change/",
        {"path": "/x/", "language": "ko", "rating": 1, "comment": "edited"},
    )
    answer.refresh_from_db()
    assert answer.comment == "The table is hard to read"


def test_translators_read_the_answers_too(translator_client, answers):
    assert translator_client.get(CHANGELIST).status_code == 200
