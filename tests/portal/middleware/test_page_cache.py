"""Anonymous pages come from the cache, and no change ever leaves a stale one."""

import gc
import gzip
import os
import time
import tracemalloc
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config.env import cache_from_url
from portal.models import Post
from tests.factories import PostFactory, ProgramFactory
from tests.portal.admin.test_roles import change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def post():
    return PostFactory(slug="climate", title_en="Climate Card", title_ko="기후동행카드")


def fetch(path: str, **headers):
    # A fresh client each time: no cookies carried from one request to the next.
    return Client().get(path, headers=headers)


def test_second_visit_is_served_from_the_cache_in_one_query(post):
    first = fetch("/en/news/")
    with CaptureQueriesContext(connection) as queries:
        second = fetch("/en/news/")

    assert first["X-Cache"] == "miss" and second["X-Cache"] == "hit"
    assert second.content == first.content
    assert len(queries) == 1  # the content version


def test_an_admin_save_shows_at_once(post, editor_client):
    assert b"Climate Card" in fetch("/en/posts/climate/").content

    response = editor_client.post(
        f"/admin/portal/post/{post.pk}/change/",
        change_form_data(post, title_en="Climate Card for tourists"),
    )

    assert response.status_code == 302
    page = fetch("/en/posts/climate/")
    assert page["X-Cache"] == "miss"
    assert b"Climate Card for tourists" in page.content


def test_saves_and_deletes_from_code_show_at_once(post):
    fetch("/en/news/")
    Post.objects.filter(pk=post.pk).update(title_en="Renamed in a shell")
    assert b"Renamed in a shell" in fetch("/en/news/").content

    post.delete()
    assert b"Renamed in a shell" not in fetch("/en/news/").content


def test_a_scheduled_post_appears_when_it_comes_due(post):
    PostFactory(
        slug="soon",
        title_en="Coming soon",
        published_at=timezone.now() + timedelta(seconds=1),
    )
    assert b"Coming soon" not in fetch("/en/news/").content
    assert fetch("/en/news/")["X-Cache"] == "hit"

    time.sleep(1.2)

    assert b"Coming soon" in fetch("/en/news/").content


def test_staff_never_get_or_fill_cached_pages(post, admin_client):
    fetch("/en/news/")
    staff_page = admin_client.get("/en/news/")
    PostFactory(slug="x", title_en="Fresh")  # retires the anonymous copy
    admin_client.get("/en/programs/")

    assert "X-Cache" not in staff_page
    assert fetch("/en/programs/")["X-Cache"] == "miss"


@pytest.mark.parametrize(
    "path", ["/en/search/?q=climate", "/", "/en/no-such-page/", "/admin/login/"]
)
def test_search_redirects_errors_and_the_admin_are_not_cached(post, path):
    fetch(path)

    assert "X-Cache" not in fetch(path)


def test_previews_are_never_cached(admin_client):
    draft = ProgramFactory(status="draft")

    response = admin_client.get(f"/en/preview/programs/{draft.pk}/")

    assert response.status_code == 200
    assert "X-Cache" not in response


def test_unchanged_pages_answer_304_to_revalidation(post):
    etag = fetch("/en/news/")["ETag"]

    again = fetch("/en/news/", if_none_match=etag)

    assert again.status_code == 304
    assert again.content == b""
    post.title_en = "Changed"
    post.save()
    assert fetch("/en/news/", if_none_match=etag).status_code == 200


def test_pages_are_compressed_for_browsers_that_accept_it(post):
    fetch("/en/", accept_encoding="gzip")
    cached = fetch("/en/", accept_encoding="gzip")
    plain = fetch("/en/")

    assert cached["X-Cache"] == "hit"
    assert cached["Content-Encoding"] == "gzip"
    assert gzip.decompress(cached.content) == plain.content


@pytest.mark.parametrize("path", ["/en/news/", "/sitemap.xml"])
def test_a_page_cached_for_an_odd_host_is_not_served_to_others(post, settings, path):
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]
    odd = Client().get(path, HTTP_HOST="127.0.0.1:31337")
    assert b"127.0.0.1:31337" in odd.content

    normal = fetch(path)

    assert b"31337" not in normal.content
    assert b"http://testserver/" in normal.content


@pytest.mark.parametrize(
    ("proxy_header", "request_options"),
    [
        # gunicorn trusts X-Forwarded-Ssl and X-Forwarded-Proto from loopback and
        # hands Django an https request (its wsgi.url_scheme).
        (None, {"secure": True}),
        # Behind a proxy that Django is told to trust (SECURE_PROXY_SSL_HEADER).
        (
            ("HTTP_X_FORWARDED_PROTO", "https"),
            {"headers": {"x-forwarded-proto": "https", "host": "testserver"}},
        ),
    ],
)
def test_a_page_fetched_over_https_is_not_served_to_plain_http_visitors(
    post, settings, proxy_header, request_options
):
    settings.SECURE_PROXY_SSL_HEADER = proxy_header
    for path in ("/en/news/", "/en/posts/climate/", "/sitemap.xml"):
        https = Client().get(path, **request_options)
        assert b"https://testserver" in https.content, path

        plain = fetch(path)

        assert b"https://testserver" not in plain.content, path
        assert b"http://testserver/" in plain.content, path


def stored_pages(cache) -> list[str]:
    """The page-cache keys written while the test ran."""
    keys = [call.args[0] for call in cache.set.call_args_list]
    return [key for key in keys if "page:" in key]


@pytest.fixture
def spied_cache():
    cache = caches["default"]
    with mock.patch.object(cache, "set", wraps=cache.set):
        yield cache


def test_junk_query_strings_do_not_fill_the_cache(post, spied_cache):
    statuses = {
        fetch(f"/en/about/?utm_source=mail{number}").status_code
        for number in range(1000)
    }
    for path in ("/en/posts/climate/?ref=1", "/en/news/?page=1&fbclid=2"):
        fetch(path)
        assert "X-Cache" not in fetch(path), path

    assert statuses == {200}
    assert stored_pages(spied_cache) == []


def test_the_parameters_a_page_reads_are_still_cached(post, spied_cache):
    # Order and encoding do not make a second copy.
    first = fetch("/en/news/?year=2024&page=1")
    again = fetch("/en/news/?page=1&y%65ar=2024")
    fetch("/en/partners/?page=1")

    assert first["X-Cache"] == "miss" and again["X-Cache"] == "hit"
    assert fetch("/en/partners/?page=1")["X-Cache"] == "hit"
    assert len(stored_pages(spied_cache)) == 2


def in_process_cache(settings, **options) -> None:
    """The default cache as a deployment without DJANGO_CACHE_URL has it."""
    config = cache_from_url("")
    config["OPTIONS"] = {**config["OPTIONS"], **options}
    settings.CACHES = {"default": config}


def test_the_in_process_cache_stays_within_its_memory_budget(settings):
    in_process_cache(settings, MAX_BYTES=2_000_000, MAX_ENTRY_BYTES=200_000)
    cache = caches["default"]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        # 300 answers of 100 kB: fifteen times the budget.
        for number in range(300):
            cache.set(f"page-{number}", os.urandom(100_000))
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()

    assert held < 2_500_000
    assert cache.get("page-299") is not None  # the newest stay
    assert cache.get("page-0") is None  # the least recently used went


def test_an_answer_too_large_for_the_cache_is_not_stored(post, settings):
    # Each entry may take 1/64 of the budget: here 4 kB, less than a list page.
    in_process_cache(settings, MAX_BYTES=256_000)
    fetch("/en/news/")
    fetch("/robots.txt")

    assert fetch("/en/news/")["X-Cache"] == "miss"
    assert fetch("/robots.txt")["X-Cache"] == "hit"
