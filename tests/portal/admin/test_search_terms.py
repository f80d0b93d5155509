"""The admin's search box takes a bounded number of words."""

import pytest
from django.urls import reverse

from portal.admin.search_terms import MAX_SEARCH_TERMS, bounded_search
from tests.conftest import parse
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def test_a_thousand_one_letter_words_answer_200_with_a_warning(editor_client):
    PostFactory(title_en="a b c")
    words = " ".join(chr(ord("a") + n % 26) + str(n) for n in range(1000))

    response = editor_client.get(reverse("admin:portal_post_changelist"), {"q": words})

    assert response.status_code == 200
    assert parse(response).select(".messagelist .warning")


def test_the_first_words_are_searched_and_repeats_count_once(editor_client):
    numbered = " ".join(f"w{n}" for n in range(MAX_SEARCH_TERMS))
    PostFactory(title_en=f"Seoul bike sharing {numbered}")
    PostFactory(title_en="Seoul bus lanes")
    url = reverse("admin:portal_post_changelist")

    repeated = editor_client.get(url, {"q": "Seoul bike" + " bike" * 50})
    too_many = editor_client.get(url, {"q": f"Seoul bike {numbered} unwritten"})

    for response in (repeated, too_many):
        assert len(parse(response).select("#result_list tbody tr")) == 1
    assert not parse(repeated).select(".messagelist .warning")
    assert parse(too_many).select(".messagelist .warning")


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("x" * 500, "x" * 100),
        ('"' + "y " * 200 + '"', '"' + "y " * 49 + '"'),
        ('"' + "\\" * 300 + '"', '""'),
    ],
)
def test_long_words_are_shortened_and_phrases_stay_quoted(term, expected):
    assert bounded_search(term) == (expected, True)
