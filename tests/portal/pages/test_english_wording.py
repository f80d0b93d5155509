"""English pages: one date style and telephone numbers a caller abroad can dial
(docs/glossary.md)."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from portal.models import Page
from tests.conftest import parse
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db

SEOUL = ZoneInfo("Asia/Seoul")
MONTHS = (
    "January February March April May June July August September October "
    "November December"
).split()
ENGLISH_DATE = re.compile(rf"(?:{'|'.join(MONTHS)}) [1-9][0-9]?, [0-9]{{4}}")


def dates_on(client, path: str) -> list[str]:
    return [t.get_text() for t in parse(client.get(path)).select("main time")]


def test_every_english_page_writes_dates_with_the_month_in_full(client):
    # Months Django's default abbreviated ("Sept.", "Aug.") or did not ("May").
    for day in (
        datetime(2025, 9, 4, 9, tzinfo=SEOUL),
        datetime(2025, 5, 4, tzinfo=SEOUL),
    ):
        PostFactory(slug=f"on-{day.month}", title_en="Bus lanes", published_at=day)
    Page.objects.filter(slug="privacy").update(
        updated_at=datetime(2025, 8, 1, tzinfo=SEOUL)
    )

    shown = [
        *dates_on(client, "/en/posts/on-9/"),
        *dates_on(client, "/en/news/"),
        *dates_on(client, "/en/search/?q=Bus"),
        *dates_on(client, "/en/pages/privacy/"),
    ]

    assert "September 4, 2025" in shown and "May 4, 2025" in shown
    assert "August 1, 2025" in shown
    assert [d for d in shown if not ENGLISH_DATE.fullmatch(d)] == []


def test_korean_pages_keep_the_korean_date_style(client):
    PostFactory(slug="on-9", published_at=datetime(2025, 9, 4, 9, tzinfo=SEOUL))

    assert dates_on(client, "/ko/posts/on-9/") == ["2025년 9월 4일"]


def test_english_pages_show_telephone_numbers_in_international_form(client, settings):
    settings.PORTAL_OPERATOR = {"phone": "02-2133-0000"}
    PostFactory(
        slug="bus",
        department_ko="교통정책과",
        department_en="Transport Policy Division",
        department_phone="02-2133-7777",
    )

    for path in ("/en/", "/en/posts/bus/", "/en/pages/privacy/"):
        text = parse(client.get(path)).get_text(" ")
        assert "02-2133" not in text.replace("+82-2-2133", ""), path
    html = parse(client.get("/en/posts/bus/"))
    assert html.select_one(".site-footer address a[href^='tel:']").get_text() == (
        "+82-2-2133-0000"
    )
    assert html.select_one(".page-info a[href^='tel:']").get_text() == "+82-2-2133-7777"
    korean = parse(client.get("/ko/posts/bus/"))
    assert korean.select_one(".page-info a[href^='tel:']").get_text() == "02-2133-7777"


def test_the_english_privacy_policy_gives_the_international_number(client):
    text = parse(client.get("/en/pages/privacy/")).select_one(".prose").get_text()

    assert "+82-2-120" in text and "02-120" not in text.replace("+82-2-120", "")
