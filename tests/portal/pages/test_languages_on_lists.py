"""The home page and lists lead with what exists in the visitor's language; posts
only in another language follow in a group of their own, never passing for local
content."""

import pytest

from portal.models import Post
from tests.conftest import parse
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def english_only(count: int, **fields) -> list[Post]:
    # As the seeds leave it (NULL) and as a form that cleared it does ("").
    return [
        PostFactory(title_ko=None if n % 2 else "", summary_ko="", **fields)
        for n in range(count)
    ]


def slugs(cards) -> list[str]:
    return [card.select_one(".card__title a")["href"].split("/")[-2] for card in cards]


def local_and_elsewhere(page) -> tuple[list[str], list[str]]:
    cards = page.select("main .card")
    elsewhere = page.select("main .elsewhere .card")
    return slugs(c for c in cards if c not in elsewhere), slugs(elsewhere)


def test_the_korean_home_leads_with_korean_posts_and_groups_the_rest(client):
    PostFactory(slug="both", published_at="2020-01-01T09:00+09:00")
    english_only(2, kind=Post.Kind.NEWS)
    english_only(1, kind=Post.Kind.PUBLICATION)

    korean = parse(client.get("/ko/"))
    english = parse(client.get("/en/"))

    local, elsewhere = local_and_elsewhere(korean)
    assert local == ["both"]
    assert len(elsewhere) == 3
    assert korean.select_one(".elsewhere h2")
    # Every card outside the group is in the page's language.
    outside = set(korean.select("main .card")) - set(korean.select(".elsewhere .card"))
    assert not [card for card in outside if card.select(".fallback-notice--badge")]
    assert local_and_elsewhere(english)[1] == []
    assert not english.select(".elsewhere")


def test_a_home_with_nothing_in_the_visitors_language_says_so_once(client):
    english_only(4, kind=Post.Kind.NEWS)
    english_only(2, kind=Post.Kind.PUBLICATION)

    korean = parse(client.get("/ko/"))

    local, elsewhere = local_and_elsewhere(korean)
    assert len(korean.select(".elsewhere__none")) == 1
    assert (local, len(elsewhere)) == ([], 6)
    assert not parse(client.get("/en/")).select(".elsewhere__none")


def test_lists_lead_with_the_visitors_language_on_every_page(client):
    both = [
        PostFactory(slug=f"both-{n}", published_at=f"2020-0{n}-01T09:00+09:00")
        for n in (3, 2, 1)
    ]
    english_only(13)  # newer than every bilingual post

    first = parse(client.get("/ko/news/"))
    second = parse(client.get("/ko/news/?page=2"))

    local, elsewhere = local_and_elsewhere(first)
    assert (local, len(elsewhere)) == ([post.slug for post in both], 9)
    local, elsewhere = local_and_elsewhere(second)
    assert (local, len(elsewhere)) == ([], 4)
    assert not first.select(".elsewhere__none") and not second.select(
        ".elsewhere__none"
    )
    # English visitors read every post in English: newest first, no group.
    english = parse(client.get("/en/news/"))
    assert not english.select(".elsewhere")
    assert len(english.select("main .card")) == 12


def test_a_list_with_nothing_in_the_visitors_language_says_so_once(client):
    english_only(14)

    first = parse(client.get("/ko/news/"))
    second = parse(client.get("/ko/news/?page=2"))

    assert len(first.select(".elsewhere__none")) == 1
    assert not second.select(".elsewhere__none")
    for page in (first, second):
        assert local_and_elsewhere(page)[0] == []
        assert page.select_one(".elsewhere h2")
    assert client.get("/ko/news/?page=3").status_code == 404
    assert not parse(client.get("/en/news/")).select(".elsewhere__none")
