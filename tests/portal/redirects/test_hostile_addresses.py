"""Odd and hostile addresses never cost a 500, and nothing the database would
refuse (a NUL, PostgreSQL refuses it in any parameter) reaches a query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.old_addresses import parse_old_address, record
from tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

OLD_HOST = "www.seoulsolution.kr"
PATHS = [
    "/en/node/99999999999999999999",
    "/en/node/" + "9" * 5000,
    "/en/node/-1",
    "/en/node/%00",
    "/en/node/1%00",
    "/%00/node/1",
    "/node/%00/",
    "/xx/node/1",
    "/en/node/1/%2e%2e/%2e%2e/admin/",
    "/en/node/%D9%A1",
    "/en/node/%FF%FE",
    "/en/" + "a" * 10_000,
    "/en/node/1" + "/" * 500,
    "/" + "node/1/" * 500,
    "/en/node/1?" + "x=" + "y" * 5000,
    "/en/node/1?%00=%00",
    "/%00?%00",
    "//evil.example.org/en/node/1",
    "/en/node/１２",
]


@pytest.fixture(autouse=True)
def recorded(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, OLD_HOST]
    record([(ProgramFactory(slug="climate-card"), parse_old_address("/en/node/1"))])


@pytest.mark.parametrize("host", ["testserver", OLD_HOST])
@pytest.mark.parametrize("path", PATHS, ids=lambda path: path[:40])
def test_odd_addresses_never_fail_and_never_query_with_a_nul(client, path, host):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HOST=host)

    assert response.status_code in (301, 400, 404, 410), response.status_code
    assert not any("\x00" in q["sql"] for q in queries)
    if response.status_code == 301:
        assert "\x00" not in response["Location"]


def test_a_post_to_an_old_address_is_no_error(client):
    assert client.post("/en/node/1", {"x": "1"}).status_code in (301, 403, 404)
