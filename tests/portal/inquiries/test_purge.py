"""The daily purge (``manage.py purge_requests``): personal data goes when the
retention period ends, the anonymous statistics stay."""

import io
import secrets
from datetime import timedelta

import factory
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from portal.management.commands.purge_requests import destroy_if_due
from portal.models import (
    Consent,
    Inquiry,
    InquiryNote,
    InquiryReply,
    OutgoingMail,
)
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db

DAYS = 30
NOW = timezone.make_aware(timezone.datetime(2027, 3, 1, 9, 0))


class InquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inquiry

    kind = Inquiry.Kind.CONSULTING
    country = "FR"
    language = "en"
    answer_language = "en"
    consent = factory.LazyFunction(
        lambda: Consent.accepted(version="t", language="en", text="I agree.")
    )
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(24))
    organisation = "Ville de Lyon"
    city = "Lyon"
    name = factory.Sequence(lambda n: f"Camille {n}")
    position = "Policy officer"
    email = factory.Sequence(lambda n: f"camille{n}@example.org")
    phone = "+33 4 72 10 30 30"
    subject = "Bike lanes"
    message = "How did Seoul plan its bike lanes?"


@pytest.fixture(autouse=True)
def _retention(settings):
    settings.ASK_RETENTION_DAYS = DAYS


def aged(days: float, **fields) -> Inquiry:
    """A request whose last activity was ``days`` before NOW, with a note, a
    reply and a mail that quote it."""
    inquiry = InquiryFactory(last_activity_at=NOW - timedelta(days=days), **fields)
    InquiryNote.objects.create(inquiry=inquiry, text=f"Called {inquiry.name}")
    InquiryReply.objects.create(inquiry=inquiry, text=f"Dear {inquiry.name}")
    OutgoingMail.objects.create(
        inquiry=inquiry,
        purpose=OutgoingMail.Purpose.CONFIRMATION,
        to=inquiry.email,
        subject=inquiry.subject,
        body=inquiry.message,
        language=inquiry.language,
    )
    return inquiry


def purge(*args: str) -> str:
    out = io.StringIO()
    call_command("purge_requests", *args, stdout=out)
    return out.getvalue()


def test_purge_destroys_exactly_the_requests_past_their_retention_period():
    department = DepartmentFactory()
    old = aged(DAYS + 1, department=department, status=Inquiry.Status.ANSWERED)
    due_today = aged(DAYS)
    recent = aged(DAYS - 1)
    kept_before = {
        name: getattr(old, name)
        for name in Inquiry.KEPT
        if name not in ("updated_at", "destroyed_at")
    }

    output = purge("--now", NOW.isoformat())

    old.refresh_from_db()
    assert all(getattr(old, name) in ("", None) for name in Inquiry.PERSONAL)
    assert old.is_destroyed and old.department == department
    assert {name: getattr(old, name) for name in kept_before} == kept_before
    assert old.status == Inquiry.Status.ANSWERED
    assert not old.notes.exists() and not old.replies.exists()
    assert not old.mails.exists()
    assert Inquiry.objects.get(pk=due_today.pk).is_destroyed
    untouched = Inquiry.objects.get(pk=recent.pk)
    assert not untouched.is_destroyed and untouched.email == recent.email
    assert untouched.notes.count() == untouched.replies.count() == 1
    assert untouched.mails.count() == 1
    assert "destroyed: 2; still holding personal data: 1" in output


def test_the_clock_moved_on_purges_what_that_date_would():
    recent = aged(1)

    purge("--now", NOW.isoformat())
    assert not Inquiry.objects.get(pk=recent.pk).is_destroyed

    purge("--now", (NOW + timedelta(days=DAYS)).isoformat())
    assert Inquiry.objects.get(pk=recent.pk).is_destroyed


def test_a_second_run_destroys_nothing_more():
    aged(DAYS + 5)

    purge("--now", NOW.isoformat())
    first = Inquiry.objects.get()
    output = purge("--now", NOW.isoformat())

    assert "destroyed: 0; still holding personal data: 0" in output
    assert Inquiry.objects.get().destroyed_at == first.destroyed_at


def test_a_row_destroyed_by_another_run_meanwhile_is_skipped():
    # What a second run finds when the first destroyed the row after the second
    # listed it: nothing to do, and the first run's destruction stands.
    inquiry = aged(DAYS + 5)
    inquiry.destroy_personal_data(withdrawn=True)
    destroyed_at = Inquiry.objects.get().destroyed_at

    assert destroy_if_due(inquiry.pk, NOW) == 0
    assert Inquiry.objects.get().destroyed_at == destroyed_at
    assert Inquiry.objects.get().status == Inquiry.Status.WITHDRAWN


def test_dry_run_names_the_requests_and_changes_nothing():
    old = aged(DAYS + 1)
    recent = aged(1)

    output = purge("--dry-run", "--now", NOW.isoformat())

    assert "which a run would destroy: 1" in output
    assert old.reference in output and recent.reference not in output
    assert Inquiry.objects.holding_personal_data().count() == 2
    assert InquiryNote.objects.count() == OutgoingMail.objects.count() == 2


def test_now_takes_a_date_or_a_naive_time_in_the_sites_time_zone():
    old = aged(DAYS + 1)

    assert old.reference not in purge("--dry-run", "--now", "2020-01-01")
    assert old.reference in purge("--dry-run", "--now", "2027-03-01T09:00")


@pytest.mark.parametrize("value", ["tomorrow", "2027-13-01", "2027-02-30T09:00", ""])
def test_a_malformed_now_is_refused_with_the_expected_form(value):
    aged(DAYS + 1)

    with pytest.raises(CommandError, match="ISO date and time"):
        purge("--now", value)

    assert Inquiry.objects.holding_personal_data().count() == 1


def test_every_field_of_a_request_is_either_personal_or_kept():
    fields = [field.name for field in Inquiry._meta.concrete_fields]

    assert sorted(fields) == sorted([*Inquiry.PERSONAL, *Inquiry.KEPT])
    assert not set(Inquiry.PERSONAL) & set(Inquiry.KEPT)
