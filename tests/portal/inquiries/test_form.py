"""The Ask Seoul form, as a visitor sends it: what is stored, what is mailed,
and what is refused with a reason."""

from datetime import timedelta

import pytest
from django.core import mail, signing
from django.utils import timezone

from portal.models import Consent, Inquiry, OutgoingMail
from portal.pages.inquiry_form import STAMP_SALT
from tests.conftest import parse
from tests.factories import DepartmentFactory, PolicyCaseFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def stamp(seconds_ago: float = 60, key: str = "k" * 24) -> str:
    shown = timezone.now() - timedelta(seconds=seconds_ago)
    return signing.dumps({"t": shown.timestamp(), "k": key}, salt=STAMP_SALT)


def filled(**changes) -> dict:
    data = {
        "kind": "consulting",
        "subject": "Bike sharing in Lyon",
        "message": "We would like to learn how Seoul runs Ttareungyi.",
        "answer_language": "en",
        "organisation": "Métropole de Lyon",
        "country": "FR",
        "city": "Lyon",
        "name": "Camille Martin",
        "position": "Head of mobility",
        "email": "camille@example.org",
        "phone": "",
        "consent_required": "on",
        "stamp": stamp(),
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Sends a form as a browser would; the mail goes once the request is
    committed, so those callbacks run too."""

    def post(path, data, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, data, **kwargs)

    return post


def send(post, lang="en", **changes):
    return post(f"/{lang}/ask/", filled(**changes))


def test_the_form_is_never_cached_and_gives_each_visitor_their_own_stamp(client):
    first = client.get("/ko/ask/")
    second = client.get("/ko/ask/")

    assert first.status_code == second.status_code == 200
    assert "no-store" in first["Cache-Control"]
    stamps = [
        parse(r).find("input", {"name": "stamp"})["value"] for r in (first, second)
    ]
    assert stamps[0] != stamps[1]
    assert not first.cookies


def test_nothing_is_pre_ticked_and_the_consent_states_the_retention(client, settings):
    settings.ASK_RETENTION_DAYS = 400
    page = parse(client.get("/en/ask/"))

    boxes = page.select("input[type=checkbox]")
    assert {box["name"] for box in boxes} == {"consent_required", "consent_optional"}
    assert not any(box.has_attr("checked") for box in boxes)
    consent = page.select_one(".consent").get_text(" ", strip=True)
    assert "400 days" in consent
    assert "refuse" in consent


def test_a_request_is_stored_with_its_consent_and_confirmed_by_mail(post, settings):
    settings.SITE_URL = "https://policy.example.org"
    response = send(post, lang="fr")

    assert response.status_code == 303
    inquiry = Inquiry.objects.get()
    assert response["Location"] == f"/fr/ask/{inquiry.token}/sent/"
    assert inquiry.language == "fr" and inquiry.answer_language == "en"
    assert inquiry.consent.language == "fr"
    assert "365" in inquiry.consent.text or str(settings.ASK_RETENTION_DAYS) in (
        inquiry.consent.text
    )
    to_visitor = [m for m in mail.outbox if m.to == ["camille@example.org"]]
    assert len(to_visitor) == 1
    confirmation = to_visitor[0]
    assert inquiry.reference in confirmation.subject
    assert f"https://policy.example.org/fr/ask/{inquiry.token}/" in confirmation.body
    assert confirmation.extra_headers["Content-Language"] == "fr"
    assert OutgoingMail.objects.filter(sent_at__isnull=True).count() == 0


def test_the_consent_text_stored_is_the_one_shown_in_that_language(client, post):
    shown = parse(client.get("/ko/ask/")).select_one(".consent").get_text(" ")
    send(post, lang="ko")

    stored = Consent.objects.get().text
    assert "".join(stored.split()) == "".join(shown.split())


def test_asking_about_a_case_fills_in_the_case_and_its_department(client, post):
    department = DepartmentFactory(email="police@example.org")
    case = PolicyCaseFactory(department=department)
    page = parse(client.get(f"/en/ask/?case={case.slug}"))
    assert page.find("input", {"name": "case"})["value"] == case.slug
    assert department.name in page.select_one(".form-about").get_text()

    send(post, case=case.slug)

    inquiry = Inquiry.objects.get()
    assert inquiry.policy_case == case and inquiry.department == department
    assert inquiry.status == Inquiry.Status.ASSIGNED
    assert [m.to for m in mail.outbox if "police@example.org" in m.to]


def test_asking_about_a_programme_fills_in_the_programme(client, post):
    program = ProgramFactory()
    page = parse(client.get(f"/en/ask/?program={program.slug}"))
    assert (
        page.find("select", {"name": "kind"}).find("option", selected=True)["value"]
        == "training"
    )

    send(post, program=program.slug, kind="training")

    assert Inquiry.objects.get().program == program


def test_the_department_notice_holds_no_personal_data(post):
    send(post)

    notice = next(m for m in mail.outbox if m.to != ["camille@example.org"])
    for personal in ("Camille", "camille@example.org", "Lyon", "Ttareungyi"):
        assert personal not in notice.body
        assert personal not in notice.subject


def test_a_double_submit_makes_one_request(post):
    data = filled()
    first = post("/en/ask/", data)
    second = post("/en/ask/", data)

    assert Inquiry.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_missing_fields_are_listed_and_linked_and_nothing_typed_is_lost(post):
    response = send(post, email="not-an-address", name="", consent_required=None)

    assert response.status_code == 400
    page = parse(response)
    assert page.title.get_text().startswith("Error")
    links = {a["href"] for a in page.select(".error-summary a")}
    assert {"#id_email", "#id_name", "#id_consent_required"} <= links
    email = page.find("input", {"name": "email"})
    assert email["aria-invalid"] == "true"
    assert "id_email_error" in email["aria-describedby"]
    assert (
        page.find("textarea", {"name": "message"})
        .get_text()
        .strip()
        .startswith("We would like")
    )
    assert Inquiry.objects.count() == 0


def test_a_telephone_needs_the_optional_consent(post):
    response = send(post, phone="+33 4 72 00 00 00")
    assert response.status_code == 400
    assert "optional" in parse(response).select_one(".error-summary").get_text()

    assert (
        send(post, phone="+33 4 72 00 00 00", consent_optional="on").status_code == 303
    )
    assert Inquiry.objects.get().optional_consent


@pytest.mark.parametrize("field", ["name", "subject", "organisation", "email"])
def test_line_breaks_in_one_line_fields_are_refused(post, field):
    value = (
        "x@example.org\r\nBcc: victim@example.org"
        if field == "email"
        else ("Camille\r\nBcc: victim@example.org")
    )
    response = send(post, **{field: value})

    assert response.status_code == 400
    assert Inquiry.objects.count() == 0
    assert not mail.outbox


def test_html_in_the_message_is_stored_and_shown_as_text(client, post):
    send(post, message="<script>alert(1)</script><b>bold</b>")
    inquiry = Inquiry.objects.get()
    assert inquiry.message == "<script>alert(1)</script><b>bold</b>"

    page = client.get(inquiry.get_absolute_url())
    assert b"<script>alert(1)" not in page.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page.content


def test_a_very_long_message_is_refused_with_the_limit(post):
    response = send(post, message="x" * 5001)
    assert response.status_code == 400
    assert "5000" in parse(response).select_one(".error-summary").get_text().replace(
        ",", ""
    )


def test_the_hidden_field_refuses_with_a_reason(post):
    response = send(post, website="http://spam.example")

    assert response.status_code == 400
    assert "hidden" in parse(response).select_one(".error-summary").get_text()
    assert Inquiry.objects.count() == 0


def test_a_form_sent_too_fast_is_refused_and_can_be_sent_again(post, settings):
    settings.ASK_MINIMUM_SECONDS = 3
    response = send(post, stamp=stamp(seconds_ago=0.5))

    assert response.status_code == 400
    assert "faster than a person" in parse(response).get_text()
    fresh = parse(response).find("input", {"name": "stamp"})["value"]
    assert signing.loads(fresh, salt=STAMP_SALT)["t"] > 0
    assert Inquiry.objects.count() == 0


def test_a_forged_stamp_is_refused(post):
    assert send(post, stamp="forged").status_code == 400


def test_too_many_requests_from_one_address_are_refused_clearly(post, settings):
    settings.ASK_PER_ADDRESS_HOURLY = 2
    codes = [
        send(
            post, stamp=stamp(key=f"key{i}" * 4), email=f"a{i}@example.org"
        ).status_code
        for i in range(3)
    ]

    assert codes == [303, 303, 429]
    assert Inquiry.objects.count() == 2


def test_too_many_requests_from_one_email_are_refused(post, settings):
    settings.ASK_PER_EMAIL_DAILY = 1
    assert send(post, stamp=stamp(key="one" * 8)).status_code == 303
    refused = send(post, stamp=stamp(key="two" * 8), email="CAMILLE@example.org")

    assert refused.status_code == 429
    assert "try again" in parse(refused).select_one(".error-summary").get_text()


def test_a_form_from_another_site_is_refused(post):
    response = post("/en/ask/", filled(), headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert Inquiry.objects.count() == 0


def test_a_mail_server_that_is_down_leaves_the_mail_queued(post, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # discard: refused
    response = send(post)

    assert response.status_code == 303
    assert Inquiry.objects.count() == 1
    queued = OutgoingMail.objects.filter(sent_at__isnull=True)
    assert queued.count() == 2
    assert all(m.attempts == 1 and m.last_error for m in queued)


def test_private_pages_do_not_ask_for_feedback_nor_accept_it(client, post):
    send(post)
    inquiry = Inquiry.objects.get()

    page = parse(client.get(inquiry.get_absolute_url()))
    assert page.select_one(".page-info") is not None
    assert page.find("form", action="/en/feedback/") is None
    answer = client.post(
        "/en/feedback/", {"page": inquiry.get_absolute_url(), "rating": "5"}
    )
    assert answer.status_code == 400
