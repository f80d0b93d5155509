from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from portal.languages import language_codes
from portal.models import PolicyField, Post
from tests.conftest import parse
from tests.factories import PolicyFieldFactory, PostFactory

pytestmark = pytest.mark.django_db


def on(year, month=6):
    return datetime(year, month, 1, 9, tzinfo=ZoneInfo("Asia/Seoul"))


@pytest.fixture
def library():
    transport = PolicyFieldFactory(slug="transportation", name_en="Transportation")
    environment = PolicyFieldFactory(slug="environment", name_en="Environment")
    PostFactory(slug="bus-2023", policy_field=transport, published_at=on(2023))
    PostFactory(slug="bus-2024", policy_field=transport, published_at=on(2024))
    PostFactory(slug="park-2024", policy_field=environment, published_at=on(2024))
    PostFactory(
        slug="bus-video",
        kind=Post.Kind.VIDEO,
        policy_field=transport,
        published_at=on(2024),
    )
    PostFactory(slug="hidden-2019", status=Post.Status.DRAFT, published_at=on(2019))


def listed(client, url):
    return {
        a["href"].split("/")[-2]
        for a in parse(client.get(url)).select("article.card .card__title a")
    }


@pytest.mark.parametrize(
    "url,expected",
    [
        ("/en/news/", {"bus-2023", "bus-2024", "park-2024"}),
        ("/en/news/?policy_field=transportation", {"bus-2023", "bus-2024"}),
        ("/en/news/?year=2024", {"bus-2024", "park-2024"}),
        ("/en/policy-fields/transportation/?year=2024", {"bus-2024", "bus-video"}),
        ("/en/policy-fields/transportation/?kind=video", {"bus-video"}),
        ("/en/videos/?year=2024", {"bus-video"}),
        ("/en/policy-fields/transportation/", {"bus-2023", "bus-2024", "bus-video"}),
        ("/en/policy-fields/transportation/?year=2023", {"bus-2023"}),
        (
            "/en/news/?policy_field=nonsense&year=abc",
            {"bus-2023", "bus-2024", "park-2024"},
        ),
        (
            "/en/policy-fields/transportation/?year=abc&kind=<script>",
            {"bus-2023", "bus-2024", "bus-video"},
        ),
    ],
)
def test_lists_filter_by_kind_field_and_year_from_the_url(
    client, library, url, expected
):
    assert listed(client, url) == expected


def test_filter_links_keep_the_other_filters(client, library):
    page = parse(client.get("/en/news/?policy_field=transportation"))

    years = {
        a.get_text(): a["href"]
        for a in page.select("nav.filters a")
        if a.get_text().isdigit()
    }
    assert years == {
        "2024": "?policy_field=transportation&year=2024",
        "2023": "?policy_field=transportation&year=2023",
    }
    current = [a.get_text() for a in page.select("nav.filters a[aria-current]")]
    assert current == ["Transportation", "All years"]


def test_draft_years_are_not_offered(client, library):
    page = parse(client.get("/en/news/"))

    assert "2019" not in [a.get_text() for a in page.select("nav.filters a")]


def test_pagination_keeps_filters(client, library):
    for _ in range(12):
        PostFactory(published_at=on(2024))

    page = parse(client.get("/en/news/?year=2024"))

    assert page.find("a", rel="next")["href"] == "?year=2024&page=2"


def test_field_page_is_titled_by_its_field(client, library):
    page = parse(client.get("/en/policy-fields/environment/"))

    assert page.find("h1").get_text(strip=True) == "Environment"
    assert client.get("/en/policy-fields/no-such-field/").status_code == 404


def test_news_pages_link_onwards_without_counting_everything(client):
    PostFactory.create_batch(13, kind=Post.Kind.NEWS)

    first = parse(client.get("/en/news/"))
    second = parse(client.get("/en/news/?page=2"))

    assert len(first.select("article.card")) == 12
    assert first.select_one("a[rel=next]")["href"] == "?page=2"
    assert not first.select_one("a[rel=prev]")
    assert len(second.select("article.card")) == 1
    assert second.select_one("a[rel=prev]") and not second.select_one("a[rel=next]")
    assert "Page 2" in second.select_one(".pagination").text


@pytest.mark.parametrize("number", ["3", "0", "-1", "abc", "501", "9" * 30])
def test_pages_past_the_end_or_malformed_are_not_found(client, number):
    PostFactory.create_batch(13, kind=Post.Kind.NEWS)

    assert client.get("/en/news/", {"page": number}).status_code == 404


def test_a_post_dated_in_year_224_breaks_no_page(client, library):
    # 2024 mistyped, saved before the forms refused it (or written by a shell).
    typo = PostFactory(slug="typo", policy_field=PolicyField.objects.first())
    Post.objects.filter(pk=typo.pk).update(published_at=on(224, 5))
    lists = ["", "news/", "videos/", "publications/"]
    lists += [f"policy-fields/{field.slug}/" for field in PolicyField.objects.all()]

    for code in language_codes():
        for path in [*lists, "posts/typo/"]:
            assert client.get(f"/{code}/{path}").status_code == 200, (code, path)
    years = [a.get_text() for a in parse(client.get("/en/news/")).select("nav a")]
    assert "2024" in years and "224" not in years


def test_year_chips_count_in_seoul_time_and_skip_years_without_posts(client):
    seoul = ZoneInfo("Asia/Seoul")
    # Half past midnight on New Year's Day in Seoul is still the old year in UTC.
    PostFactory(published_at=datetime(2024, 1, 1, 0, 30, tzinfo=seoul))
    PostFactory(published_at=datetime(2020, 12, 31, 23, 30, tzinfo=seoul))
    PostFactory(kind=Post.Kind.VIDEO, published_at=on(2022))
    PostFactory(status=Post.Status.DRAFT, published_at=on(2021))

    assert Post.published_years() == {"news": [2024, 2020], "video": [2022]}

    def years(path):
        page = parse(client.get(path))
        return [
            a.get_text() for a in page.select("nav.filters a") if a.get_text().isdigit()
        ]

    assert years("/en/news/") == ["2024", "2020"]
    assert years("/en/videos/") == ["2022"]
