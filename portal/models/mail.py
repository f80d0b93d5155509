"""Mail waiting to be sent, and what became of it: an outbox in the database.

A request is stored with its mail in one transaction, and the mail is sent after
the commit; a mail server that is down leaves the rows here, and
``send_queued_mail`` (run by a timer, docs/operations.md) tries them again, later
each time. A mail about a request goes with its personal data when that is
destroyed (``Inquiry.destroy_personal_data``).
"""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# After this many failures a mail is left for staff to see in the admin.
MAX_ATTEMPTS = 12
FIRST_DELAY = timedelta(minutes=1)
LONGEST_DELAY = timedelta(hours=6)


class OutgoingMailQuerySet(models.QuerySet):
    def due(self, now=None) -> "OutgoingMailQuerySet":
        return self.filter(
            sent_at__isnull=True,
            attempts__lt=MAX_ATTEMPTS,
            next_attempt_at__lte=now or timezone.now(),
        )


class OutgoingMail(models.Model):
    class Purpose(models.TextChoices):
        CONFIRMATION = "confirmation", _("Confirmation to the visitor")
        REPLY = "reply", _("Reply to the visitor")
        NOTIFICATION = "notification", _("Notice to the department")

    inquiry = models.ForeignKey(
        "portal.Inquiry",
        on_delete=models.CASCADE,
        null=True,
        related_name="mails",
        verbose_name=_("request"),
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    to = models.EmailField(_("to"))
    reply_to = models.EmailField(_("reply to"), blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=10)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(sent_at__isnull=True),
                name="mail_due_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} · {self.inquiry or ''}"

    def failed(self, error: Exception) -> None:
        """Count a failure and put the next try further off each time."""
        self.attempts += 1
        delay = min(FIRST_DELAY * 2 ** (self.attempts - 1), LONGEST_DELAY)
        self.next_attempt_at = timezone.now() + delay
        self.last_error = f"{type(error).__name__}: {error}"[:500]

    def succeeded(self) -> None:
        self.attempts += 1
        self.sent_at = timezone.now()
        self.last_error = ""
