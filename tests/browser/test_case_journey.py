"""A visiting official finds a policy case, reads on to a publication about it,
comes back, and prints the case as a brief."""

import re

import pytest
from playwright.sync_api import expect

from portal.models import PolicyCase, PolicyField, Post
from tests.browser.conftest import SCENARIO_LANGUAGES

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.journey,
]

FIELD = {"ko": "교통", "en": "Transportation"}


@pytest.fixture
def case_with_manual(site):
    field = PolicyField.objects.get(slug="transportation")
    manual = Post.objects.create(
        kind=Post.Kind.PUBLICATION,
        status=Post.Status.PUBLISHED,
        slug="climate-card-manual",
        title_ko="기후동행카드 운영 매뉴얼",
        title_en="Climate Card operating manual",
    )
    case = PolicyCase.objects.create(
        status=PolicyCase.Status.PUBLISHED,
        slug="journey-climate-card",
        title_ko="기후동행카드 사례",
        title_en="The Climate Card case",
        budget_ko="750억 원",
        budget_en="KRW 75 billion",
        policy_field=field,
        start_year=2024,
        phase=PolicyCase.Phase.RUNNING,
    )
    case.related_posts.set([manual])
    return case, manual


@pytest.mark.parametrize("lang", SCENARIO_LANGUAGES)
def test_visitor_filters_opens_follows_a_publication_and_prints(
    site, page, lang, case_with_manual
):
    case, manual = case_with_manual
    title = case.translation_value("title", lang)
    page.goto(f"{site.url}/{lang}/cases/")

    page.get_by_role("link", name=FIELD[lang], exact=True).click()
    expect(page).to_have_url(re.compile(r"policy_field=transportation"))
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    case_url = page.url

    page.get_by_role("link", name=manual.translation_value("title", lang)).click()
    expect(page).to_have_url(f"{site.url}/{lang}/posts/{manual.slug}/")
    # The publication links back to the case it belongs to.
    page.locator(".case-links").get_by_role("link", name=title).click()
    expect(page).to_have_url(case_url)

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.locator(".case__facts")).to_be_visible()
    expect(page.locator(".print-only")).to_contain_text(case_url)
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
