"""Send the mail that could not be sent when it was queued (portal.models.mail).

Run every few minutes by config/deploy/portal-send-mail.timer; two hosts
running it at once send each mail once (portal.mail.outbox claims it first).
"""

from django.core.management.base import BaseCommand

from portal.mail.outbox import send_due
from portal.models import OutgoingMail
from portal.models.mail import MAX_ATTEMPTS


class Command(BaseCommand):
    help = "Sends queued mail that is due, and says what is left."

    def handle(self, *args, **options):
        sent, failed = send_due()
        waiting = OutgoingMail.objects.filter(
            sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS
        ).count()
        given_up = OutgoingMail.objects.filter(
            sent_at__isnull=True, attempts__gte=MAX_ATTEMPTS
        ).count()
        self.stdout.write(
            f"{sent} sent, {failed} failed, {waiting} waiting, "
            f"{given_up} given up after {MAX_ATTEMPTS} attempts"
        )
        if given_up:
            self.stderr.write(
                "Some mail was given up: see Outgoing mail in the admin, and the "
                "mail server's settings (DJANGO_EMAIL_*)."
            )
