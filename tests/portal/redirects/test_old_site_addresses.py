"""Links to the old site's addresses land on the page that replaced them, in the
language they asked for, with 301 and in one hop (portal.middleware.old_addresses)."""

import pytest
from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.languages import language_codes
from portal.old_addresses import parse_old_address, record
from tests.factories import PostFactory, ProgramFactory

pytestmark = pytest.mark.django_db

OLD_HOST = "www.seoulsolution.kr"
DEFAULT = settings.LANGUAGE_CODE


@pytest.fixture(autouse=True)
def recorded():
    program = ProgramFactory(slug="climate-card")
    record([(program, parse_old_address("/en/node/9826"))])


def moved_to(client, path: str, **extra) -> str:
    response = client.get(path, **extra)
    assert response.status_code == 301, (path, response.status_code)
    return response["Location"]


@pytest.mark.parametrize(
    "path",
    [
        "/en/node/9826",
        "/en/node/9826/",
        "/en/node/9826?utm_source=partner&x=%00",
        "/en/content/9826",
        "/en/content/9826/",
    ],
)
def test_an_old_address_moves_permanently_to_its_page(client, path):
    location = moved_to(client, path)

    assert location == "/en/programs/climate-card/"
    assert client.get(location).status_code == 200


def test_an_address_without_a_prefix_moves_to_the_default_languages_page(client):
    location = moved_to(client, "/node/9826", HTTP_ACCEPT_LANGUAGE="en")

    assert location == f"/{DEFAULT}/programs/climate-card/"
    assert client.get(location).status_code == 200


@pytest.mark.parametrize("code", language_codes())
def test_another_languages_prefix_moves_to_the_page_in_that_language(client, code):
    location = moved_to(client, f"/{code}/node/9826")

    assert location == f"/{code}/programs/climate-card/"
    assert client.get(location).status_code == 200


def test_the_addresses_own_prefix_wins_then_none_then_the_others(client):
    own, plain = PostFactory(slug="own"), PostFactory(slug="plain")
    record(
        [
            (own, parse_old_address("/fr/node/5")),
            (plain, parse_old_address("/node/5")),
        ]
    )

    assert moved_to(client, "/fr/node/5") == "/fr/posts/own/"
    assert moved_to(client, "/en/content/5") == "/en/posts/plain/"
    assert moved_to(client, "/node/5") == f"/{DEFAULT}/posts/plain/"


@pytest.mark.parametrize("code", language_codes())
def test_an_unknown_node_moves_to_the_home_page_of_its_language(client, code):
    location = moved_to(client, f"/{code}/node/424242/")

    assert location == f"/{code}/"
    assert client.get(location).status_code == 200


def test_an_unknown_node_without_a_prefix_moves_to_the_default_home_page(client):
    assert moved_to(client, "/content/424242") == f"/{DEFAULT}/"


def test_head_is_answered_as_get(client):
    response = client.head("/en/node/9826")

    assert response.status_code == 301
    assert response["Location"] == "/en/programs/climate-card/"


def test_an_address_staff_marked_gone_answers_410(client):
    Redirect.objects.filter(old_path="/en/node/9826").update(new_path="")

    assert client.get("/en/node/9826").status_code == 410


def test_an_old_address_costs_one_indexed_query_more_than_a_404_at_most(client):
    with CaptureQueriesContext(connection) as missing:
        assert client.get("/en/no-such-page/").status_code == 404
    with CaptureQueriesContext(connection) as old:
        assert client.get("/en/node/9826").status_code == 301

    redirects = [q["sql"] for q in old if "django_redirect" in q["sql"]]
    assert len(redirects) == 1
    assert "IN" in redirects[0] and "old_path" in redirects[0]
    assert len(old) <= len(missing)
    assert not any("django_site" in q["sql"] for q in [*old, *missing])


def test_pages_that_answer_make_no_redirect_query(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/programs/climate-card/").status_code == 200

    assert not any("django_redirect" in q["sql"] for q in queries)


@pytest.fixture
def old_host_served(settings):
    settings.ALLOWED_HOSTS = ["policy.example.org", "seoulsolution.kr", OLD_HOST]
    settings.SITE_URL = "https://policy.example.org"


def test_the_old_host_moves_an_old_address_to_its_page_here_in_one_hop(
    client, old_host_served
):
    location = moved_to(client, "/en/node/9826/?ref=mail", HTTP_HOST=OLD_HOST)

    assert location == "https://policy.example.org/en/programs/climate-card/"


@pytest.mark.parametrize("secure", [False, True])
def test_the_old_host_over_plain_http_needs_no_https_hop_first(
    client, old_host_served, settings, secure
):
    settings.SECURE_SSL_REDIRECT = True

    location = moved_to(client, "/ko/node/9826", HTTP_HOST=OLD_HOST, secure=secure)

    assert location == "https://policy.example.org/ko/programs/climate-card/"


@pytest.mark.parametrize(
    "path, moved",
    [
        ("/", "/"),
        ("/en/news/?page=2", "/en/news/?page=2"),
        ("/sites/default/files/report.pdf", "/sites/default/files/report.pdf"),
        ("/en/node/424242", "/en/"),
    ],
)
def test_the_old_host_moves_every_other_address_to_the_same_one_here(
    client, old_host_served, path, moved
):
    location = moved_to(client, path, HTTP_HOST="SeoulSolution.kr")

    assert location == f"https://policy.example.org{moved}"


def test_without_a_site_url_the_old_host_moves_to_the_first_host_of_ours(
    client, settings
):
    settings.ALLOWED_HOSTS = [".example.org", OLD_HOST, "policy.example.org"]
    settings.SITE_URL = ""

    location = moved_to(client, "/en/node/9826", HTTP_HOST=OLD_HOST)

    assert location == "http://policy.example.org/en/programs/climate-card/"


def test_the_old_host_is_refused_unless_the_deployment_allows_it(client, settings):
    settings.ALLOWED_HOSTS = ["policy.example.org"]

    assert client.get("/en/node/9826", HTTP_HOST=OLD_HOST).status_code == 400
