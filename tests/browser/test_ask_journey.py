"""An official of another city asks Seoul about a policy case, staff answer in
the admin, the official reads the answer through the private link; then the
retention period passes and the personal data is gone, the statistics kept."""

import re
from datetime import timedelta
from importlib import import_module

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from portal.models import Department, Inquiry, PolicyCase
from tests.browser.conftest import SCENARIO_LANGUAGES, STAFF_PASSWORD, sign_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.journey,
]

ANSWER = "Seoul's dog patrol team will share its training manual with you."


@pytest.fixture
def case_with_department(site, settings):
    # A person takes longer than the minimum time; Playwright does not.
    settings.ASK_MINIMUM_SECONDS = 0
    department = Department.objects.create(
        slug="journey-police",
        name_ko="자치경찰위원회",
        name_en="Autonomous Police Commission",
        email="police@seoul.example",
    )
    case = PolicyCase.objects.filter(status=PolicyCase.Status.PUBLISHED).first()
    case.department = department
    case.save()
    staff = get_user_model().objects.create_user(
        "handler", "handler@seoul.example", STAFF_PASSWORD, is_staff=True
    )
    # Migration 0032's group, gone if an earlier test emptied the database.
    handling = import_module("portal.migrations.0032_request_rights").HANDLING
    handlers, _created = Group.objects.get_or_create(name="Request handlers")
    handlers.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="portal", codename__in=handling
        )
    )
    staff.groups.add(handlers)
    department.members.add(staff)
    return case, department


def private_link(address: str) -> str:
    [message] = [m for m in mail.outbox if m.to == [address]]
    return re.search(r"https?://\S+/ask/[\w-]+/", message.body)[0]


@pytest.mark.parametrize("lang", SCENARIO_LANGUAGES)
def test_ask_about_a_case_get_an_answer_and_the_data_goes_after_retention(
    site, page, lang, case_with_department
):
    case, department = case_with_department
    page.goto(f"{site.url}/{lang}/cases/{case.slug}/")
    page.locator(f"a[href$='/ask/?case={case.slug}']").click()
    expect(page.locator(".form-about")).to_contain_text(
        department.translation_value("name", lang)
    )

    page.locator("#id_kind").select_option("study-tour")
    page.locator("#id_subject").fill("Dog patrol study tour")
    page.locator("#id_message").fill("<b>We</b> would like to visit in May.")
    page.locator("#id_organisation").fill("Ville de Lyon")
    page.locator("#id_country").select_option("FR")
    page.locator("#id_city").fill("Lyon")
    page.locator("#id_name").fill("Camille Martin")
    page.locator("#id_position").fill("Policy officer")
    page.locator("#id_email").fill("camille@example.org")
    page.locator("#id_consent_required").check()
    page.locator("form.ask-form button[type=submit]").click()

    expect(page).to_have_url(re.compile(rf"/{lang}/ask/[\w-]+/sent/$"))
    inquiry = Inquiry.objects.get()
    expect(page.locator("main")).to_contain_text(inquiry.reference)
    assert inquiry.department == department and inquiry.policy_case == case
    link = private_link("camille@example.org")
    assert f"/{lang}/ask/{inquiry.token}/" in link
    assert [m for m in mail.outbox if m.to == ["police@seoul.example"]]

    staff = page.context.browser.new_context()
    admin = staff.new_page()
    sign_in(admin, site.url, "handler")
    admin.goto(f"{site.url}/admin/portal/inquiry/")
    admin.get_by_role("link", name=inquiry.reference).click()
    expect(admin.locator("#content")).to_contain_text("Camille Martin")
    admin.locator("textarea[name='replies-0-text']").fill(ANSWER)
    admin.locator("input[name='_save']").click()
    expect(admin.locator(".messagelist")).to_be_visible()
    staff.close()

    # The mail links to the address the request came to: this live server.
    assert link.startswith(site.url)
    page.goto(link)
    expect(page.locator(".reply")).to_contain_text(ANSWER)
    expect(page.locator(".quoted-message")).to_contain_text("<b>We</b>")

    later = timezone.now() + timedelta(days=3650)
    call_command("purge_requests", now=later.isoformat(), verbosity=0)

    page.reload()
    expect(page.locator("h1")).not_to_contain_text(inquiry.reference)
    kept = Inquiry.objects.get()
    assert (kept.name, kept.email, kept.message, kept.token) == ("", "", "", None)
    assert (kept.kind, kept.country, kept.department, kept.status) == (
        "study-tour",
        "FR",
        department,
        Inquiry.Status.ANSWERED,
    )
