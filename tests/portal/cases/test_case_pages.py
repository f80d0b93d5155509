"""What a visitor reads of a policy case, and how the archive is narrowed."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from portal.models import PolicyCase
from tests.conftest import parse
from tests.factories import (
    ChangeNoteFactory,
    DepartmentFactory,
    MilestoneFactory,
    OutcomeFactory,
    PolicyCaseFactory,
    PolicyFieldFactory,
    PostFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db


def url(name: str, lang: str = "en", **kwargs) -> str:
    with translation.override(lang):
        return reverse(f"portal:{name}", kwargs=kwargs or None)


def titles(response) -> list[str]:
    return [h.get_text(" ", strip=True) for h in parse(response).select(".card__title")]


@pytest.fixture
def archive():
    transport = PolicyFieldFactory(slug="transportation", name_en="Transportation")
    welfare = PolicyFieldFactory(slug="social-policy", name_en="Social Policy")
    card = PolicyCaseFactory(
        title_en="Climate Card",
        slug="climate-card",
        policy_field=transport,
        phase=PolicyCase.Phase.RUNNING,
        start_year=2024,
    )
    card.goals.set([11, 13])
    patrol = PolicyCaseFactory(
        title_en="Dog patrol",
        slug="dog-patrol",
        policy_field=welfare,
        phase=PolicyCase.Phase.ENDED,
        start_year=2021,
        end_year=2023,
    )
    patrol.goals.set([16])
    return {"card": card, "patrol": patrol}


@pytest.mark.parametrize(
    "query,shown",
    [
        ("", {"Climate Card", "Dog patrol"}),
        ("?policy_field=transportation", {"Climate Card"}),
        ("?status=ended", {"Dog patrol"}),
        ("?status=running", {"Climate Card"}),
        ("?year=2022", {"Dog patrol"}),
        ("?year=2024", {"Climate Card"}),
        ("?goal=16", {"Dog patrol"}),
        ("?goal=13&status=running", {"Climate Card"}),
        ("?goal=13&status=ended", set()),
    ],
)
def test_the_archive_narrows_by_field_status_year_and_goal(
    client, archive, query, shown
):
    response = client.get(url("policy_case_list") + query)

    assert response.status_code == 200
    assert set(titles(response)) == shown


def test_only_choices_that_lead_somewhere_are_offered(client, archive):
    page = parse(client.get(url("policy_case_list")))
    chips = {a.get_text(strip=True) for a in page.select(".filter-bar a")}

    assert {"Transportation", "Social Policy", "2021", "2024"} <= chips
    assert "16. Peace, justice and strong institutions" in chips
    assert "2020" not in chips
    assert not any(chip.startswith("1. ") for chip in chips)  # no case has goal 1


def test_nonsense_in_the_filters_shows_the_whole_list(client, archive):
    response = client.get(
        url("policy_case_list") + "?policy_field=%00&status=x&year=99999&goal=-1"
    )

    assert response.status_code == 200
    assert set(titles(response)) == {"Climate Card", "Dog patrol"}


def test_a_case_page_answers_in_the_order_an_official_asks(client):
    department = DepartmentFactory(
        name_en="Climate Division", phone="02-2133-3500", email="climate@seoul.go.kr"
    )
    case = PolicyCaseFactory(
        department=department,
        start_year=2024,
        period_en="January 2024 onward",
        budget_en="KRW 75 billion",
        obstacles_en="<p>Fare sharing with Gyeonggi.</p>",
        lessons_en="<p>Start small.</p>",
    )
    MilestoneFactory(case=case, year=2024, month=7, text_en="Full launch")
    MilestoneFactory(case=case, year=2024, month=1, text_en="Pilot began")
    OutcomeFactory(
        case=case, figure_en="1 million", text_en="cards sold", source_en="SMG"
    )

    page = parse(client.get(case.get_absolute_url()))
    headings = [h.get_text(strip=True) for h in page.select("article.case h2")]
    text = page.select_one("article.case").get_text(" ", strip=True)

    assert headings[:7] == [
        "The problem",
        "What Seoul did",
        "When",
        "With what",
        "What came of it",
        "What was hard",
        "Lessons",
    ]
    assert headings.index("Who ran it") > headings.index("Lessons")
    assert text.index("Pilot began") < text.index("Full launch")
    assert "KRW 75 billion" in text and "Source: SMG" in text
    assert "Climate Division" in text and "climate@seoul.go.kr" in text


def test_a_section_the_sources_do_not_answer_has_no_heading(client):
    case = PolicyCaseFactory(problem_en="", problem_ko="", budget_en="")

    page = parse(client.get(case.get_absolute_url()))
    headings = [h.get_text(strip=True) for h in page.select("article.case h2")]

    assert "The problem" not in headings
    assert "With what" not in headings  # no budget, staff, partners or goals
    assert "What came of it" not in headings
    assert "Who ran it" not in headings


def test_the_contact_person_is_named_only_when_staff_publish_it(client):
    case = PolicyCaseFactory(
        department=DepartmentFactory(), contact_name_en="Kim Min-ji"
    )

    hidden = client.get(case.get_absolute_url()).content.decode()
    case.publish_contact = True
    case.save()
    shown = client.get(case.get_absolute_url()).content.decode()

    assert "Kim Min-ji" not in hidden
    assert "Kim Min-ji" in shown


def test_renaming_a_department_changes_every_case_it_ran(client):
    department = DepartmentFactory(name_en="Transport Division")
    cases = PolicyCaseFactory.create_batch(2, department=department)
    for case in cases:
        client.get(case.get_absolute_url())  # cached pages must be retired

    department.name_en = "Mobility Division"
    department.save()

    for case in cases:
        page = client.get(case.get_absolute_url()).content.decode()
        assert "Mobility Division" in page and "Transport Division" not in page


def test_first_published_and_last_updated_with_its_change_note(client):
    case = PolicyCaseFactory()
    ChangeNoteFactory(case=case, note_en="Added the 2025 figures")

    page = parse(client.get(case.get_absolute_url()))
    meta = page.select_one(".article__meta").get_text(" ", strip=True)

    assert "First published" in meta and "Last updated" in meta
    assert "Added the 2025 figures" in page.select_one("#changes").get_text()


def test_a_case_and_the_posts_and_programmes_about_it_link_each_other(client):
    publication = PostFactory(kind="publication", title_en="Climate Card manual")
    program = ProgramFactory(name_en="Transport course")
    case = PolicyCaseFactory(title_en="Climate Card")
    case.related_posts.set([publication])
    case.related_programs.set([program])

    case_page = client.get(case.get_absolute_url()).content.decode()
    post_page = parse(client.get(publication.get_absolute_url()))
    program_page = parse(client.get(program.get_absolute_url()))

    assert publication.get_absolute_url() in case_page
    assert program.get_absolute_url() in case_page
    for page in (post_page, program_page):
        links = page.select(".case-links a")
        assert [a["href"] for a in links] == [case.get_absolute_url()]


def test_a_draft_case_is_neither_listed_nor_linked(client):
    post = PostFactory()
    draft = PolicyCaseFactory(status=PolicyCase.Status.DRAFT, title_en="Secret plan")
    draft.related_posts.set([post])

    listing = client.get(url("policy_case_list")).content.decode()
    page = client.get(draft.get_absolute_url())
    post_page = client.get(post.get_absolute_url()).content.decode()

    assert "Secret plan" not in listing and "Secret plan" not in post_page
    assert page.status_code == 404


def test_a_case_is_described_as_a_report_by_its_department(client):
    case = PolicyCaseFactory(
        department=DepartmentFactory(name_en="Climate Division"),
        start_year=2024,
    )

    page = parse(client.get(case.get_absolute_url()))
    data = [
        json.loads(tag.string)
        for tag in page.select('script[type="application/ld+json"]')
    ]
    report = next(item for item in data if item.get("@type") == "Report")

    assert report["author"]["@type"] == "GovernmentOrganization"
    assert report["author"]["name"] == "Climate Division"
    assert report["temporalCoverage"] == "2024/.."


def test_feeds_and_the_sitemap_include_cases(client):
    case = PolicyCaseFactory(title_en="Climate Card")

    rss = client.get(url("policy_case_feed_rss")).content.decode()
    atom = client.get(url("policy_case_feed_atom")).content.decode()
    index = client.get("/sitemap.xml").content.decode()
    section = client.get("/sitemap-policy-cases.xml").content.decode()

    assert "Climate Card" in rss and "Climate Card" in atom
    assert "policy-cases" in index
    assert case.get_absolute_url().strip("/").split("/", 1)[1] in section


def test_the_home_page_and_the_menu_lead_to_the_archive(client):
    PolicyCaseFactory(title_en="Climate Card")

    home = parse(client.get(url("home")))

    assert "Climate Card" in home.select_one("#home-cases").parent.parent.get_text()
    menu = [a["href"] for a in home.select(".site-nav a")]
    assert url("policy_case_list") in menu


def test_the_printed_brief_names_its_own_address(client):
    case = PolicyCaseFactory()

    page = parse(client.get(case.get_absolute_url()))

    assert case.get_absolute_url() in page.select_one(".print-only").get_text()


def test_staff_preview_a_draft_case_and_find_flagged_ones_in_the_dashboard(
    admin_client,
):
    draft = PolicyCaseFactory(
        status=PolicyCase.Status.DRAFT, title_en="Draft case", needs_review=True
    )
    preview = url("policy_case_preview", pk=draft.pk)

    seen = admin_client.get(preview)
    hidden = Client().get(preview)  # a visitor
    dashboard = admin_client.get("/admin/translations/", HTTP_ACCEPT_LANGUAGE="en")

    assert seen.status_code == 200 and "Draft case" in seen.content.decode()
    assert seen["X-Robots-Tag"] == "noindex, nofollow"
    assert hidden.status_code == 404
    assert "Flagged for review by staff" in dashboard.content.decode()


def test_a_period_that_ends_before_it_begins_is_refused_with_a_message(admin_client):
    from tests.portal.admin.test_translator_fields import form_data

    case = PolicyCaseFactory(start_year=2024)
    address = reverse("admin:portal_policycase_change", args=[case.pk])
    data = form_data(admin_client.get(address, HTTP_ACCEPT_LANGUAGE="en"))

    response = admin_client.post(
        address, {**data, "end_year": "2020"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    case.refresh_from_db()
    assert response.status_code == 200
    assert "The last year cannot come before the first year." in (
        response.content.decode()
    )
    assert case.end_year is None
