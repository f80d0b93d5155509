"""The import records old addresses as redirects (portal.old_addresses.record)."""

import pytest
from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.models import Post
from portal.old_addresses import (
    OldAddress,
    parse_old_address,
    record,
    record_mapping,
    record_mappings,
)
from tests.factories import PostFactory, ProgramFactory

pytestmark = pytest.mark.django_db


class PostPage:
    """What ``record`` reads of an item: its page. Cheaper to make by the
    thousand than unsaved posts, whose translated fields cost time."""

    get_absolute_url = Post.get_absolute_url

    def __init__(self, slug: str):
        self.slug = slug


def stored() -> dict[str, str]:
    return dict(Redirect.objects.values_list("old_path", "new_path"))


def test_each_address_leads_to_the_page_in_its_own_language():
    program = ProgramFactory(slug="climate-card")
    post = PostFactory(slug="bus-reform")

    changed = record(
        [
            (program, parse_old_address("/en/node/9826")),
            (program, parse_old_address("/ko/node/6306")),
            (post, parse_old_address("https://www.seoulsolution.kr/node/77")),
        ]
    )

    assert changed == 3
    assert stored() == {
        "/en/node/9826": "/en/programs/climate-card/",
        "/ko/node/6306": "/ko/programs/climate-card/",
        # Without a prefix: the default language's page.
        "/node/77": f"/{settings.LANGUAGE_CODE}/posts/bus-reform/",
    }
    assert set(Redirect.objects.values_list("site_id", flat=True)) == {settings.SITE_ID}


def test_recording_again_changes_nothing_and_a_moved_item_is_updated():
    first, second = PostFactory(slug="first"), PostFactory(slug="second")
    address = parse_old_address("/en/node/1")
    record([(first, address)])

    assert record([(first, address)]) == 0
    assert record([(second, address)]) == 1
    assert stored() == {"/en/node/1": "/en/posts/second/"}


def test_existing_redirects_are_read_in_one_query():
    Redirect.objects.create(
        site_id=settings.SITE_ID, old_path="/en/node/1", new_path="/en/"
    )
    pairs = [
        (PostPage(f"post-{n}"), OldAddress("en", "node", n)) for n in range(1, 501)
    ]

    with CaptureQueriesContext(connection) as queries:
        assert record(pairs) == 500

    reads = [q for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert len(reads) == 1


def test_ten_thousand_addresses_are_recorded_in_batches():
    pairs = [
        (PostPage(f"post-{n}"), OldAddress(("en", None)[n % 2], "node", n))
        for n in range(1, 10_001)
    ]
    moved = [(PostPage(f"moved-{n}"), address) for n, (_, address) in enumerate(pairs)]

    # Batches, not a query per address: the speed itself is the import
    # benchmark's to measure (docs/performance.md), not a timed test's.
    with CaptureQueriesContext(connection) as queries:
        assert record(pairs) == 10_000
        assert record(moved) == 10_000
        assert record(moved) == 0

    assert Redirect.objects.count() == 10_000
    # About 70 now (batches of 500); one per address would be 30,000.
    assert len(queries) < 100, len(queries)


def test_a_curated_mapping_leads_to_the_path_it_names():
    assert record_mapping("https://www.seoulsolution.kr/en/node/12", "/en/about/") == 1
    assert record_mappings([("/node/12", "/ko/about/"), ("/en/node/12", "/en/about/")])

    assert stored() == {"/en/node/12": "/en/about/", "/node/12": "/ko/about/"}


@pytest.mark.parametrize(
    "text, target",
    [
        ("/en/news/", "/en/about/"),
        ("https://partner.example.org/en/node/1", "/en/about/"),
        ("/en/node/1", "https://elsewhere.example.org/"),
        ("/en/node/1", "//elsewhere.example.org/"),
        ("/en/node/1", "en/about/"),
        ("/en/node/1", "/en/\x00/"),
        ("/en/node/1", "/" + "a" * 300),
    ],
)
def test_a_curated_mapping_that_is_not_an_old_address_or_a_path_here_is_refused(
    text, target
):
    with pytest.raises(ValueError):
        record_mapping(text, target)

    assert not Redirect.objects.exists()
