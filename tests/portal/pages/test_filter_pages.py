"""Filter combinations as search engines and visitors meet them: one indexable
address per list page, every canonical a real page, and one way to each kind."""

from urllib.parse import urlsplit

import pytest

from portal.languages import language_codes
from portal.models import Post
from tests.conftest import parse
from tests.factories import PolicyFieldFactory, PostFactory

pytestmark = pytest.mark.django_db

# A sample of what a crawler follows from chip to chip, issue 29's 404 among them.
COMBINATIONS = [
    "news/",
    "news/?page=2",
    "news/?year=2024",
    "news/?year=2024&page=2",
    "news/?kind=all&page=2",
    "news/?kind=video&page=2",
    "news/?policy_field=housing&year=2023",
    "news/?policy_field=housing&page=2",
    "videos/?page=2",
    "videos/?year=2024&page=2",
    "publications/?policy_field=housing",
    "policy-fields/housing/?kind=news&page=2",
    "policy-fields/housing/?year=2024",
    "news/?page=9",
    "news/?utm_source=mail&page=2",
]


@pytest.fixture
def lists():
    housing = PolicyFieldFactory(slug="housing", name_en="Housing")
    # Eleven news posts fill one page; with the videos, every kind fills two.
    PostFactory.create_batch(
        10, kind=Post.Kind.NEWS, published_at="2024-03-01T09:00+09:00"
    )
    PostFactory(
        kind=Post.Kind.NEWS, policy_field=housing, published_at="2023-03-01T09:00+09:00"
    )
    PostFactory.create_batch(14, kind=Post.Kind.VIDEO, policy_field=housing)
    PostFactory(kind=Post.Kind.PUBLICATION, policy_field=housing)


def robots(page) -> str:
    tag = page.head.find("meta", attrs={"name": "robots"})
    return tag["content"] if tag else ""


@pytest.mark.parametrize("lang", language_codes())
def test_every_canonical_of_a_filter_combination_answers_200(client, lists, lang):
    for path in COMBINATIONS:
        response = client.get(f"/{lang}/{path}", follow=True)
        canonical = parse(response).head.find("link", rel="canonical")
        if canonical is None:
            assert response.status_code == 404, path
            continue
        address = urlsplit(canonical["href"])

        answer = client.get(address.path, dict(_query(address.query)))

        assert answer.status_code == 200, (path, canonical["href"])


def _query(text: str):
    return (pair.split("=", 1) for pair in text.split("&") if pair)


def test_filter_combinations_are_noindex_follow_and_plain_pages_indexable(
    client, lists
):
    for path in ("news/", "videos/?page=2", "policy-fields/housing/?page=2"):
        assert robots(parse(client.get(f"/en/{path}"))) == "", path
    for path in (
        "news/?year=2024",
        "news/?year=2024&page=2",
        "videos/?policy_field=housing",
        "policy-fields/housing/?kind=video",
    ):
        assert robots(parse(client.get(f"/en/{path}"))) == "noindex, follow", path


def test_the_news_list_offers_no_kind_chips_and_old_kind_links_lead_to_the_list(
    client, lists
):
    page = parse(client.get("/en/news/"))

    assert not page.select("nav[aria-label=Kinds]")
    for old, new in (
        ("/en/news/?kind=video&page=2", "/en/videos/?page=2"),
        ("/en/news/?kind=publication&year=2024", "/en/publications/?year=2024"),
        ("/en/news/?kind=news&page=2", "/en/news/?page=2"),
        ("/en/news/?kind=all&page=2", "/en/news/"),
        ("/en/videos/?kind=news", "/en/news/"),
        ("/en/news/?kind=nonsense&year=2024", "/en/news/?year=2024"),
        # Every kind in one field: that field's page, which lists every kind.
        ("/en/news/?kind=all&policy_field=housing", "/en/policy-fields/housing/"),
        ("/en/news/?kind=all&field=housing&page=2", "/en/policy-fields/housing/"),
    ):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old


def test_a_missing_page_declares_no_canonical_address(client, lists):
    for path in ("/en/no-such-page/", "/en/news/?page=9"):
        response = client.get(path)

        assert response.status_code == 404
        assert not parse(response).head.find("link", rel="canonical"), path
