"""Destroy the personal data of requests past their retention period.

Korea's Personal Information Protection Act wants personal data destroyed once
its purpose is served: a request's data is kept ``ASK_RETENTION_DAYS`` after its
last reply (or its receipt) and then blanked by ``Inquiry.destroy_personal_data``,
leaving the row as anonymous statistics. A systemd timer runs this daily
(config/deploy/portal-purge-requests.timer, docs/operations.md).

Each request is destroyed in its own transaction, read again under a row lock:
a run stopped half-way leaves whole rows, and two runs at once never destroy
the same row twice (the second finds it already destroyed and skips it).
``--now`` moves the clock on, for tests and for an operator asking what a date
would purge (with ``--dry-run``).
"""

from datetime import datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from portal.models import Inquiry


def parse_now(value: str) -> datetime:
    """An ISO date and time (or a date: its midnight), in the site's time zone
    unless it names one."""
    try:
        moment = parse_datetime(value)
        if moment is None and (day := parse_date(value)) is not None:
            moment = datetime.combine(day, time())
    except ValueError:
        moment = None
    if moment is None:
        raise CommandError(
            f"--now takes an ISO date and time such as 2027-01-31T09:00 or "
            f"2027-01-31T09:00+09:00, not {value!r}."
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class Command(BaseCommand):
    help = (
        "Destroy the personal data of requests past their retention period, "
        "keeping the anonymous statistics."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="say how many requests and which would be destroyed; change nothing",
        )
        parser.add_argument(
            "--now",
            metavar="ISO-DATETIME",
            help="count the retention period up to this moment instead of now",
        )

    def handle(self, *args, dry_run, now, verbosity, **options):
        now = timezone.now() if now is None else parse_now(now)
        due = Inquiry.objects.past_retention(now).order_by("pk")
        if dry_run:
            references = list(due.values_list("reference", flat=True))
            if verbosity:
                self.stdout.write(
                    f"Requests past their retention period on "
                    f"{timezone.localtime(now).isoformat()}, "
                    f"which a run would destroy: {len(references)}"
                )
                for reference in references:
                    self.stdout.write(f"  {reference}")
            return
        destroyed = 0
        for pk in list(due.values_list("pk", flat=True)):
            destroyed += destroy_if_due(pk, now)
        remaining = Inquiry.objects.holding_personal_data().count()
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Requests whose personal data was destroyed: {destroyed}; "
                    f"still holding personal data: {remaining}"
                )
            )


def destroy_if_due(pk: int, now: datetime) -> int:
    """1 if this run destroyed the request's personal data, 0 if another run (or
    a withdrawal, or a reply that restarted the period) got there first."""
    with transaction.atomic():
        inquiry = (
            Inquiry.objects.select_for_update()
            .past_retention(now)
            .filter(pk=pk)
            .first()
        )
        if inquiry is None:
            return 0
        inquiry.destroy_personal_data()
        return 1
