"""The privacy policy states what requests collect and how long they are kept,
from the settings, so it always matches what the daily purge does."""

import pytest
from django.core.cache import cache

from portal.models import Inquiry
from portal.pages.privacy import OPTIONAL_ITEMS, REQUIRED_ITEMS
from tests.conftest import parse
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db

SECTION = "section[aria-labelledby=request-data]"


def section_text(client, path: str) -> str:
    found = parse(client.get(path)).select(SECTION)
    assert len(found) == 1, path
    return " ".join(found[0].get_text(" ").split())


@pytest.mark.parametrize(
    "lang,phrases",
    [
        ("ko", ["45일 동안", "필수 항목: 요청 유형, 기관명", "선택 항목: 전화번호"]),
        (
            "en",
            [
                "kept for 45 days after",
                "Required items: type of request, organization",
                "Optional item: telephone number",
            ],
        ),
    ],
)
def test_the_privacy_page_states_the_retention_period_in_force(
    client, settings, lang, phrases
):
    settings.ASK_RETENTION_DAYS = 45

    text = section_text(client, f"/{lang}/pages/privacy/")

    assert all(phrase in text for phrase in phrases), text


def test_changing_the_retention_period_changes_the_privacy_page(client, settings):
    settings.ASK_RETENTION_DAYS = 180
    assert "180 days" in section_text(client, "/en/pages/privacy/")

    settings.ASK_RETENTION_DAYS = 1
    cache.clear()  # a new setting means a restart; pages cached before expire
    assert "kept for 1 day after" in section_text(client, "/en/pages/privacy/")


def test_only_the_privacy_page_carries_the_section(client, settings):
    PageFactory(slug="terms")

    assert not parse(client.get("/en/pages/terms/")).select(SECTION)
    assert not parse(client.get("/en/pages/copyright/")).select(SECTION)

    settings.PRIVACY_PAGE_SLUG = "terms"
    cache.clear()
    assert parse(client.get("/en/pages/terms/")).select(SECTION)


def test_the_section_names_every_personal_item_a_request_collects():
    # The site's own secrets are not asked of the visitor.
    secrets = {"token", "submission_key"}

    assert set(Inquiry.PERSONAL) - secrets <= {*REQUIRED_ITEMS, *OPTIONAL_ITEMS}
    assert {*REQUIRED_ITEMS, *OPTIONAL_ITEMS} <= {
        field.name for field in Inquiry._meta.concrete_fields
    }


def test_the_shipped_privacy_text_stops_saying_visitors_are_never_asked_their_name(
    db,
):
    from importlib import import_module

    from django.apps import apps

    from portal.models import Page

    migration = import_module("portal.migrations.0033_privacy_page_mentions_requests")
    Page.objects.filter(slug="privacy").delete()
    old_ko, new_ko = migration.SENTENCES["ko"]
    old_en, new_en = migration.SENTENCES["en"]
    page = Page.objects.create(
        slug="privacy",
        title_en="Privacy policy",
        body_ko=f"<p>{old_ko}</p>",
        body_en=f"<p>{old_en}</p>",
    )

    migration.forwards(apps, None)

    page.refresh_from_db()
    assert page.body_en == f"<p>{new_en}</p>" and new_en in page.body_text_en
    assert page.body_ko == f"<p>{new_ko}</p>" and new_ko in page.body_text_ko
    migration.backwards(apps, None)
    page.refresh_from_db()
    assert page.body_en == f"<p>{old_en}</p>"
