"""Shared query results are reused between renders, and never outlive a change."""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import PolicyFieldFactory, PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    # Every request renders, so only the results cache can save work.
    settings.PAGE_CACHE_SECONDS = 0


def queries(path: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(path)
    assert response.status_code == 200, path
    return len(captured), response.content.decode()


@pytest.fixture
def posts():
    field = PolicyFieldFactory(slug="environment", name_en="Environment")
    older = PostFactory(slug="older", title_en="Older story", policy_field=field)
    newer = PostFactory(
        slug="newer",
        title_en="Newer story",
        policy_field=field,
        published_at=older.published_at + timedelta(hours=1),
    )
    return older, newer


@pytest.mark.parametrize(
    "path", ["/en/", "/en/news/", "/en/posts/older/", "/en/search/?q=story"]
)
def test_a_second_render_reuses_shared_results(posts, path):
    first, _html = queries(path)
    second, _html = queries(path)

    assert second < first


@pytest.mark.parametrize("how", ["orm", "sql"])
def test_a_change_shows_at_once_on_the_next_render(posts, how):
    older, newer = posts
    assert "Newer story" in queries("/en/posts/older/")[1]

    if how == "orm":
        newer.title_en = "Renamed neighbour story"
        newer.save()
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE portal_post SET title_en = %s WHERE id = %s",
                ["Renamed neighbour story", newer.pk],
            )

    _count, html = queries("/en/posts/older/")
    assert "Renamed neighbour story" in html
    assert "Renamed neighbour story" in queries("/en/news/")[1]
    # Highlighted there: <mark>story</mark>.
    assert "Renamed neighbour" in queries("/en/search/?q=story")[1]


def test_a_scheduled_post_appears_in_cached_results_when_it_comes_due(posts):
    PostFactory(
        slug="soon",
        title_en="Coming soon",
        published_at=timezone.now() + timedelta(seconds=1),
    )
    assert "Coming soon" not in queries("/en/news/")[1]

    time.sleep(1.2)

    assert "Coming soon" in queries("/en/news/")[1]


def test_without_the_results_cache_every_render_queries(posts, settings):
    settings.RESULTS_CACHE_SECONDS = 0

    first, _html = queries("/en/posts/older/")
    second, _html = queries("/en/posts/older/")

    assert second == first
