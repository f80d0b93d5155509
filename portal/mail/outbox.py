"""Sending the outbox: right after the commit that queued a mail, and again
from ``send_queued_mail`` for what a mail server refused or never answered.

Each mail is claimed before it is sent (its next attempt moved forward, only if
nobody moved it first), so two hosts running the timer at once send it once.
"""

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from portal.models import OutgoingMail

logger = logging.getLogger(__name__)
# How long a claim holds: longer than one SMTP conversation can take.
CLAIM = timedelta(minutes=10)


def _claimed(mail: OutgoingMail) -> bool:
    now = timezone.now()
    won = OutgoingMail.objects.filter(
        pk=mail.pk, sent_at__isnull=True, next_attempt_at=mail.next_attempt_at
    ).update(next_attempt_at=now + CLAIM)
    return won == 1


def message(mail: OutgoingMail, connection=None) -> EmailMessage:
    headers = {"Content-Language": mail.language}
    if mail.purpose != OutgoingMail.Purpose.REPLY:
        # RFC 3834: no vacation responder should answer these.
        headers["Auto-Submitted"] = "auto-generated"
    return EmailMessage(
        subject=mail.subject,
        body=mail.body,
        to=[mail.to],
        reply_to=[mail.reply_to] if mail.reply_to else None,
        headers=headers,
        connection=connection,
    )


def send(mails: Iterable[OutgoingMail]) -> tuple[int, int]:
    """Send what can be claimed, over one connection; (sent, failed)."""
    sent = failed = 0
    connection = get_connection(fail_silently=False)
    try:
        for mail in mails:
            if not _claimed(mail):
                continue
            try:
                message(mail, connection).send()
            except Exception as error:  # any server or network failure: retry later
                logger.warning("mail not sent, queued again: %s", error)
                mail.failed(error)
                failed += 1
            else:
                mail.succeeded()
                sent += 1
            mail.save(
                update_fields=["attempts", "next_attempt_at", "last_error", "sent_at"]
            )
    finally:
        try:
            connection.close()
        except Exception:  # a connection that never opened
            pass
    return sent, failed


def send_after_commit(mails: list[OutgoingMail]) -> None:
    """Try the mails once the request that queued them is committed; a failure
    leaves them queued and never reaches the visitor as an error."""

    def attempt():
        try:
            send(OutgoingMail.objects.filter(pk__in=[m.pk for m in mails]))
        except Exception:
            logger.exception("mail not sent, left queued")

    transaction.on_commit(attempt)


def send_due(now=None) -> tuple[int, int]:
    return send(OutgoingMail.objects.due(now).order_by("next_attempt_at"))
