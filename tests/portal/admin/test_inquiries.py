"""Visitors' requests in the admin, as staff work on them: who sees which,
what opening one logs, replies mailed to the visitor, notes kept internal,
assignment, the CSV export and the destruction of personal data."""

import csv
import io
import secrets

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.test import Client
from django.urls import reverse

from portal.models import Consent, Inquiry, InquiryAccess, InquiryNote, OutgoingMail
from portal.values.countries import country_name
from tests.conftest import parse, staff_in_group
from tests.factories import DepartmentFactory
from tests.portal.admin.test_translator_fields import form_data

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/portal/inquiry/"


def make_inquiry(**fields) -> Inquiry:
    consent = Consent.accepted(
        version="2026-12", language="en", text="We keep your data.\nYou may refuse."
    )
    data = {
        "kind": Inquiry.Kind.CONSULTING,
        "country": "FR",
        "organisation": "Métropole de Lyon",
        "city": "Lyon",
        "name": "Camille Martin",
        "position": "Head of mobility",
        "email": "camille@example.org",
        "phone": "+33 4 78 00 00 00",
        "subject": "Bike sharing",
        "message": "How do you run it?\n<b>bold</b>",
        "language": "en",
        "answer_language": "en",
        "consent": consent,
        "token": secrets.token_urlsafe(24),
    }
    data.update(fields)
    return Inquiry.objects.create(**data)


def change_url(inquiry) -> str:
    return reverse("admin:portal_inquiry_change", args=[inquiry.pk])


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def department():
    return DepartmentFactory()


@pytest.fixture
def handler(department):
    user = staff_in_group("Request handlers", "handler")
    department.members.add(user)
    return user


@pytest.fixture
def handler_client(handler):
    return logged_in(handler)


@pytest.fixture
def save(django_capture_on_commit_callbacks):
    """Posts a request's change form as the browser shows it, with changes;
    the mail goes once the save is committed."""

    def save(client, inquiry, **changes):
        data = form_data(client.get(change_url(inquiry)))
        data.update(changes)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(change_url(inquiry), data)
        assert response.status_code == 302, parse(response).select(".errorlist")
        inquiry.refresh_from_db()
        return response

    return save


def run_action(client, action, inquiries, **extra):
    data = {
        "action": action,
        ACTION_CHECKBOX_NAME: [str(i.pk) for i in inquiries],
        **extra,
    }
    return client.post(CHANGELIST, data)


def test_a_handler_sees_and_opens_only_their_departments_requests(
    handler_client, department
):
    own = make_inquiry(department=department)
    other = make_inquiry(department=DepartmentFactory())

    listed = handler_client.get(CHANGELIST).content.decode()

    assert own.reference in listed
    assert other.reference not in listed
    assert handler_client.get(change_url(own)).status_code == 200
    assert handler_client.get(change_url(other)).status_code == 404


def test_an_editor_sees_every_departments_requests(editor_client, department):
    inquiries = [make_inquiry(department=department), make_inquiry()]

    listed = editor_client.get(CHANGELIST).content.decode()

    assert all(inquiry.reference in listed for inquiry in inquiries)


def test_a_translator_is_refused_the_requests(translator_client):
    inquiry = make_inquiry()

    assert translator_client.get(CHANGELIST).status_code == 403
    assert translator_client.get(change_url(inquiry)).status_code == 403
    assert not InquiryAccess.objects.exists()


def test_the_queue_shows_no_personal_data_and_finds_a_reference(editor_client):
    inquiry = make_inquiry()
    make_inquiry()

    page = editor_client.get(CHANGELIST, {"q": inquiry.reference})
    text = page.content.decode()

    assert len(parse(page).select("#result_list tbody tr")) == 1
    for personal in ("Camille", "camille@example.org", "Bike sharing", "Lyon"):
        assert personal not in text
    assert country_name("FR") in parse(page).select_one("#result_list").get_text()
    assert not InquiryAccess.objects.exists()


def test_opening_a_request_logs_who_opened_which(handler_client, handler, department):
    inquiry = make_inquiry(department=department)

    handler_client.get(change_url(inquiry))

    access = InquiryAccess.objects.get()
    assert (access.user, access.username) == (handler, "handler")
    assert (access.inquiry, access.reference) == (inquiry, inquiry.reference)
    assert access.action == InquiryAccess.Action.OPENED


def test_the_page_shows_the_visitors_text_without_inputs_for_it(editor_client):
    inquiry = make_inquiry()

    page = parse(editor_client.get(change_url(inquiry)))

    for name in ("subject", "message", "name", "email", "organisation", "country"):
        assert page.select_one(f"[name={name}]") is None, name
    assert page.select_one("select[name=status]") is not None
    message = page.select_one(".field-message .readonly")
    assert "<b>bold</b>" in message.get_text()
    assert message.find("b") is None and message.find("br") is not None
    assert "We keep your data." in page.select_one(".field-consent_shown").get_text()


def test_the_access_log_cannot_be_changed_or_deleted_even_by_a_superuser(
    admin_client, superuser
):
    InquiryAccess.record(superuser, [make_inquiry()], InquiryAccess.Action.OPENED)
    access = InquiryAccess.objects.get()
    url = reverse("admin:portal_inquiryaccess_change", args=[access.pk])
    delete = reverse("admin:portal_inquiryaccess_delete", args=[access.pk])

    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url, {"username": "someone"}).status_code == 403
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    access.refresh_from_db()
    assert access.username == "admin"
    assert admin_client.get("/admin/portal/inquiryaccess/add/").status_code == 403


def test_a_handler_cannot_read_the_access_log(handler_client):
    assert handler_client.get("/admin/portal/inquiryaccess/").status_code == 403


def test_a_reply_is_mailed_in_the_answer_language_and_shown_at_the_private_link(
    handler_client, handler, department, save, client
):
    inquiry = make_inquiry(department=department, language="en", answer_language="es")

    save(handler_client, inquiry, **{"replies-0-text": "Come in May.\nWelcome."})

    assert inquiry.status == Inquiry.Status.ANSWERED
    reply = inquiry.replies.get()
    assert reply.author == handler and reply.sent_at is not None
    [sent] = mail.outbox
    assert sent.to == ["camille@example.org"]
    assert sent.extra_headers["Content-Language"] == "es"
    assert "Come in May." in sent.body
    assert inquiry.status_url("es") in sent.body
    status = client.get(inquiry.get_absolute_url())
    assert "Come in May." in status.content.decode()


def test_a_sent_reply_cannot_be_edited_or_deleted(handler_client, department, save):
    inquiry = make_inquiry(department=department)
    save(handler_client, inquiry, **{"replies-0-text": "First answer."})
    reply = inquiry.replies.get()

    data = form_data(handler_client.get(change_url(inquiry)))
    data.update({"replies-0-text": "Rewritten", "replies-0-DELETE": "on"})
    handler_client.post(change_url(inquiry), data)

    reply.refresh_from_db()
    assert reply.text == "First answer."
    assert inquiry.replies.count() == 1
    assert len(mail.outbox) == 1


def test_notes_stay_internal(handler_client, handler, department, save, client):
    inquiry = make_inquiry(department=department)

    save(handler_client, inquiry, **{"notes-0-text": "Budget unclear, ask Kim."})

    note = InquiryNote.objects.get()
    assert note.author == handler
    assert not mail.outbox
    assert "ask Kim" not in client.get(inquiry.get_absolute_url()).content.decode()
    assert inquiry.status == Inquiry.Status.NEW


def test_an_editor_reassigning_a_request_notifies_the_new_department(
    editor_client, department, save
):
    inquiry = make_inquiry()
    other = DepartmentFactory(email="mobility@seoul.go.kr")

    save(editor_client, inquiry, department=str(other.pk))

    assert inquiry.department == other
    assert inquiry.status == Inquiry.Status.ASSIGNED
    assert inquiry.assigned_at is not None
    notice = OutgoingMail.objects.get(purpose=OutgoingMail.Purpose.NOTIFICATION)
    assert notice.to == "mobility@seoul.go.kr"
    assert [m.to for m in mail.outbox] == [["mobility@seoul.go.kr"]]


def test_a_handler_cannot_change_the_department(handler_client, department, save):
    inquiry = make_inquiry(department=department)
    other = DepartmentFactory()

    save(handler_client, inquiry, department=str(other.pk))

    assert inquiry.department == department
    assert not OutgoingMail.objects.exists()


def test_closing_from_the_page_and_from_the_list(editor_client, save):
    first, second = make_inquiry(), make_inquiry()

    save(editor_client, first, status="closed")
    run_action(editor_client, "close_requests", [second])

    second.refresh_from_db()
    assert first.status == second.status == Inquiry.Status.CLOSED
    assert first.closed_at is not None and second.closed_at is not None


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_export_is_refused_without_the_permission(handler_client, department):
    inquiry = make_inquiry(department=department)

    response = run_action(handler_client, "export_csv", [inquiry])

    assert "text/csv" not in response.get("Content-Type", "")
    assert not InquiryAccess.objects.exists()


def test_the_export_opens_in_excel_guards_formulas_and_is_logged(editor_client):
    hangul = make_inquiry(name="김서울", city="서울", subject="=HYPERLINK(1)")
    destroyed = make_inquiry(country="JP")
    destroyed.destroy_personal_data()

    response = run_action(editor_client, "export_csv", [hangul, destroyed])

    assert response["Content-Type"].startswith("text/csv")
    header, *rows = csv_rows(response)
    assert len(header) == 15
    by_reference = {row[0]: row for row in rows}
    row = by_reference[hangul.reference]
    assert "김서울" in row and "서울" in row
    assert "'=HYPERLINK(1)" in row
    assert "'+33 4 78 00 00 00" in row
    assert country_name("FR") in row
    gone = by_reference[destroyed.reference]
    assert country_name("JP") in gone
    assert gone[6:14] == [""] * 8
    accesses = InquiryAccess.objects.all()
    assert [(a.inquiry, a.action) for a in accesses] == [
        (hangul, InquiryAccess.Action.EXPORTED)
    ]


def test_destroying_asks_first_then_blanks_personal_data_and_keeps_statistics(
    editor_client, department
):
    inquiry = make_inquiry(department=department, country="DE")
    InquiryNote.objects.create(inquiry=inquiry, text="Note")

    asked = run_action(editor_client, "destroy_personal_data", [inquiry])
    inquiry.refresh_from_db()
    assert asked.status_code == 200 and not inquiry.is_destroyed
    assert inquiry.reference in asked.content.decode()

    run_action(editor_client, "destroy_personal_data", [inquiry], confirmed="yes")

    inquiry.refresh_from_db()
    assert inquiry.is_destroyed
    assert (inquiry.name, inquiry.email, inquiry.message) == ("", "", "")
    assert (inquiry.country, inquiry.department) == ("DE", department)
    assert not inquiry.notes.exists()


def test_a_handler_cannot_destroy_and_nobody_deletes(handler_client, admin_client):
    inquiry = make_inquiry()
    delete = reverse("admin:portal_inquiry_delete", args=[inquiry.pk])

    run_action(admin_client, "delete_selected", [inquiry])

    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Inquiry.objects.filter(pk=inquiry.pk).exists()
    actions = parse(admin_client.get(CHANGELIST)).select("select[name=action] option")
    assert "delete_selected" not in [option["value"] for option in actions]
    assert admin_client.get("/admin/portal/inquiry/add/").status_code == 403


def test_a_destroyed_request_says_so_and_shows_only_statistics(editor_client):
    inquiry = make_inquiry()
    inquiry.destroy_personal_data()

    page = parse(editor_client.get(change_url(inquiry)))

    assert page.select_one(".field-destroyed_at") is not None
    assert page.select_one(".field-name") is None
    assert page.select_one("textarea") is None
    assert not InquiryAccess.objects.exists()


def test_the_consent_list_shows_the_settings_in_force(admin_client, settings):
    settings.ASK_CONSENT_VERSION = "2027-01"
    settings.ASK_RETENTION_DAYS = 400
    make_inquiry()

    page = parse(admin_client.get("/admin/portal/consent/"))

    current = page.select_one(".consent-current").get_text(" ", strip=True)
    assert "2027-01" in current and "400" in current
    assert page.select("#result_list tbody tr")


def test_failed_mail_is_listed_and_sent_again(editor_client):
    inquiry = make_inquiry()
    failed = OutgoingMail.objects.create(
        inquiry=inquiry,
        purpose=OutgoingMail.Purpose.REPLY,
        to="camille@example.org",
        subject="Answer",
        body="Text",
        language="en",
        attempts=12,
        last_error="SMTPServerDisconnected: gone",
    )

    listed = editor_client.get("/admin/portal/outgoingmail/", {"sent": "failed"})
    assert "SMTPServerDisconnected" in listed.content.decode()
    editor_client.post(
        "/admin/portal/outgoingmail/",
        {"action": "try_again", ACTION_CHECKBOX_NAME: [str(failed.pk)]},
    )

    failed.refresh_from_db()
    assert failed.sent_at is not None
    assert len(mail.outbox) == 1
