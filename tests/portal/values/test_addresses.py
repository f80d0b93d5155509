"""Only http, https and mailto addresses become links on public pages."""

import pytest
from django.db import connection

from portal.values.addresses import linkable
from tests.conftest import parse
from tests.factories import PartnerFactory, PostFactory

HOSTILE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/",
    "file:///etc/passwd",
    "http://[::1",
]


@pytest.mark.parametrize("address", HOSTILE)
def test_hostile_addresses_are_not_linkable(address):
    assert linkable(address) == ""


@pytest.mark.parametrize(
    "address",
    ["https://www.seoul.go.kr/", "http://example.org/a?b=c", "mailto:info@seoul.go.kr"],
)
def test_ordinary_addresses_are_linked_as_written(address):
    assert linkable(address) == address


@pytest.mark.django_db
@pytest.mark.parametrize("address", HOSTILE[:4])
def test_addresses_written_outside_the_admin_never_reach_an_href(client, address):
    partner = PartnerFactory(name_en="Bank")
    PostFactory(slug="video", kind="video")
    PostFactory(slug="report", kind="publication")
    # As a shell or the database could write them, past the form's checks.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE portal_partner SET website = %s WHERE id = %s",
            [address, partner.pk],
        )
        cursor.execute(
            "UPDATE portal_post SET video_url = %s, link_url = %s",
            [address, address],
        )

    for path in ("/en/partners/", "/en/posts/video/", "/en/posts/report/"):
        page = client.get(path)
        hrefs = [a["href"] for a in parse(page).select("a[href]")]
        assert not [href for href in hrefs if "script" in href.lower()], path
        assert "alert(1)" not in page.content.decode(), path
