"""Mail about requests, sent for real to an SMTP server on loopback (aiosmtpd):
what arrives, in which language, with which links and headers; and what
happens while the server is down."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.mail.messages import queue_reply
from portal.mail.outbox import send, send_due
from portal.models import Inquiry, InquiryReply, OutgoingMail
from tests.factories import DepartmentFactory, PolicyCaseFactory
from tests.portal.inquiries.test_form import filled
from tests.support.certificates import self_signed
from tests.support.smtp import (
    free_port,
    smtp_server,
    use_server,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(settings):
    settings.SITE_URL = "https://policy.example.org"
    settings.DEFAULT_FROM_EMAIL = "portal@policy.example.org"
    with smtp_server() as (received, port):
        use_server(settings, port)
        yield received


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    def ask(lang="en", **changes):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/{lang}/ask/", filled(**changes))
        assert response.status_code == 303, response.content[:500]
        return Inquiry.objects.get(token=response.url.split("/")[-3])

    return ask


def test_the_confirmation_arrives_in_the_visitors_language_with_the_private_link(
    inbox, ask
):
    inquiry = ask(lang="ko")

    [message] = inbox.to("camille@example.org")
    assert message["From"] == "portal@policy.example.org"
    assert message["Content-Language"] == "ko"
    assert message["Auto-Submitted"] == "auto-generated"
    assert inquiry.reference in message["Subject"]
    assert "요청" in message["Subject"]
    body = message.get_content()
    assert f"https://policy.example.org/ko/ask/{inquiry.token}/" in body
    assert "Camille Martin" in body
    assert OutgoingMail.objects.get(purpose="confirmation").sent_at is not None


def test_the_department_hears_of_a_request_about_its_case_without_personal_data(
    inbox, ask
):
    department = DepartmentFactory(email="dogs@seoul.example")
    case = PolicyCaseFactory(department=department)
    inquiry = ask(case=case.slug)

    [notice] = inbox.to("dogs@seoul.example")
    assert notice["Content-Language"] == "ko"
    body = notice.get_content()
    assert f"/admin/portal/inquiry/{inquiry.pk}/change/" in body
    assert "camille" not in body.casefold() and "Lyon" not in body


def test_a_reply_arrives_in_the_language_asked_for_the_answer(inbox, ask):
    inquiry = ask(lang="ko", answer_language="en")
    reply = InquiryReply.objects.create(
        inquiry=inquiry, text="Seoul's bike team will call you.", sent_at=timezone.now()
    )
    send([queue_reply(reply, base="https://policy.example.org")])

    message = inbox.to("camille@example.org")[-1]
    assert message["Content-Language"] == "en"
    assert "Our answer" in message["Subject"]
    assert "Auto-Submitted" not in message
    body = message.get_content()
    assert "Seoul's bike team will call you." in body
    assert f"https://policy.example.org/en/ask/{inquiry.token}/" in body


def test_mail_queued_while_the_server_was_down_is_sent_once_when_it_is_back(
    settings, ask
):
    settings.SITE_URL = "https://policy.example.org"
    port = free_port()  # nothing listens here yet
    use_server(settings, port)
    inquiry = ask()
    queued = OutgoingMail.objects.filter(inquiry=inquiry)
    assert [m.sent_at for m in queued] == [None, None]
    assert all("Connection refused" in m.last_error for m in queued)

    with smtp_server() as (received, up_port):
        use_server(settings, up_port)
        later = timezone.now() + timedelta(hours=1)
        assert send_due(now=later) == (2, 0)
        assert send_due(now=later + timedelta(hours=1)) == (0, 0)

    assert len(received.to("camille@example.org")) == 1
    assert all(m.sent_at for m in OutgoingMail.objects.filter(inquiry=inquiry))


def test_the_queue_command_says_what_it_did(inbox, capsys):
    call_command("send_queued_mail")
    assert "0 sent, 0 failed, 0 waiting" in capsys.readouterr().out


def test_mail_goes_over_starttls_to_a_server_whose_certificate_is_trusted(
    settings, ask, tmp_path, monkeypatch
):
    cert, key = self_signed(tmp_path, "127.0.0.1")
    with smtp_server(tls=(cert, key)) as (received, port):
        use_server(settings, port)
        settings.EMAIL_USE_TLS = True
        # The system's trust store, as Django's backend uses it, plus this one.
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        ask()

    assert len(received.to("camille@example.org")) == 1


def test_an_untrusted_certificate_leaves_the_mail_queued(settings, ask, tmp_path):
    cert, key = self_signed(tmp_path, "127.0.0.1")
    with smtp_server(tls=(cert, key)) as (received, port):
        use_server(settings, port)
        settings.EMAIL_USE_TLS = True
        inquiry = ask()

    assert received.messages == []
    mails = OutgoingMail.objects.filter(inquiry=inquiry)
    assert all(m.sent_at is None and "CERTIFICATE" in m.last_error for m in mails)
