"""A page whose translation is older than its original says so, once, in the
page's language, with a link to the original."""

import pytest
from django.utils.translation import override

from portal.languages import language_codes, localized
from tests.conftest import parse
from tests.factories import PageFactory, PolicyCaseFactory, PostFactory, ProgramFactory

pytestmark = pytest.mark.django_db

SOURCE = language_codes()[0]


def everywhere(field: str, text: str) -> dict:
    return {localized(field, code): f"{text} ({code})" for code in language_codes()}


def corrected(obj, field: str):
    setattr(obj, localized(field, SOURCE), "고친 원문")
    obj.save()
    return obj


def url(obj, code: str) -> str:
    with override(code):
        return obj.get_absolute_url()


@pytest.mark.parametrize("code", language_codes()[1:])
def test_an_out_of_date_translation_says_when_the_original_changed(client, code):
    post = corrected(PostFactory(**everywhere("title", "Title")), "title")

    notice = parse(client.get(url(post, code))).select_one(".outdated-notice")

    assert notice["lang"] == code
    assert notice.select_one("time")["datetime"].startswith(
        post.updated_at.astimezone().date().isoformat()[:4]
    )
    link = notice.select_one("a")
    assert link["href"] == url(post, SOURCE)
    assert link["hreflang"] == SOURCE


def test_the_original_and_up_to_date_translations_say_nothing(client):
    post = corrected(PostFactory(**everywhere("title", "Title")), "title")
    other = language_codes()[1]
    setattr(post, localized("title", other), "A new translation")
    post.save()

    for code in (SOURCE, other):
        assert not parse(client.get(url(post, code))).select(".outdated-notice")


def test_every_kind_of_item_page_has_the_line(client):
    code = language_codes()[1]
    items = [
        corrected(ProgramFactory(**everywhere("name", "Program")), "name"),
        corrected(PolicyCaseFactory(**everywhere("title", "Case")), "title"),
        corrected(PageFactory(**everywhere("title", "Page")), "title"),
    ]
    for item in items:
        assert len(parse(client.get(url(item, code))).select(".outdated-notice")) == 1


def test_cards_and_lists_do_not_shout(client):
    post = corrected(PostFactory(**everywhere("title", "Title")), "title")
    code = language_codes()[1]
    with override(code):
        listing = client.get(post.list_url(post.kind))

    assert post.slug in listing.content.decode()
    assert not parse(listing).select(".outdated-notice")


def test_the_line_costs_no_query_of_its_own(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    code = language_codes()[1]
    fresh = PostFactory(**everywhere("title", "Fresh"))
    stale = corrected(PostFactory(**everywhere("title", "Stale")), "title")
    client.get(url(PostFactory(), code))  # what the first page of all reads once
    counts = []
    for post in (fresh, stale):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url(post, code))
        counts.append(len(captured))
        assert response.status_code == 200

    assert counts[0] == counts[1]
    assert parse(response).select(".outdated-notice")
