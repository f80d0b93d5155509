"""Requests to Seoul ("Ask Seoul"): policy consulting, training, expert visits,
study tours, partnerships, and what the visitor agreed to when sending one.

A request holds a visitor's personal data, so its whole life is here: the
consent accepted (its exact text), the private link, the queue staff work
through, and the destruction of the personal data when the visitor withdraws
or the retention period ends. Destruction blanks every field in
``Inquiry.PERSONAL`` and deletes the notes, replies and mail that may quote
them; what stays is anonymous statistics (``Inquiry.KEPT``). A test keeps every
field in one of the two lists, so a new field cannot be forgotten.

Requests are not public content and not versioned by django-reversion: its
history would keep personal data past its destruction.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.values.countries import validate_country

# A reference visitors can read out on the telephone: no 0/O or 1/I.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
MESSAGE_LENGTH = 5000


def retention() -> timedelta:
    return timedelta(days=settings.ASK_RETENTION_DAYS)


def new_reference() -> str:
    """``2026-K7M3Q9``: the year, and six characters that do not repeat in practice."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _i in range(6))
    return f"{timezone.localdate().year}-{code}"


class Consent(models.Model):
    """The consent text a visitor accepted, exactly as shown, in their language.

    Rows are written when first accepted (``Consent.accepted``), one per version
    of the text: a changed translation or retention period is a new row, so
    each request points at what its sender actually read.
    """

    version = models.CharField(_("version"), max_length=40)
    language = models.CharField(_("language"), max_length=10)
    text = models.TextField(_("text"))
    retention_days = models.PositiveIntegerField(_("retention period (days)"))
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("first accepted"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "language"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")

    def __str__(self) -> str:
        return f"{self.version} · {self.language}"

    @classmethod
    def accepted(cls, *, version: str, language: str, text: str) -> "Consent":
        days = settings.ASK_RETENTION_DAYS
        digest = hashlib.sha256(f"{version}\0{language}\0{days}\0{text}".encode())
        consent, _created = cls.objects.get_or_create(
            digest=digest.hexdigest(),
            defaults={
                "version": version,
                "language": language,
                "text": text,
                "retention_days": days,
            },
        )
        return consent


class InquiryQuerySet(models.QuerySet):
    def visible_to(self, user) -> "InquiryQuerySet":
        """All requests for the desk (``handle_all_inquiry``), else those of the
        departments the user belongs to."""
        if user.is_superuser or user.has_perm("portal.handle_all_inquiry"):
            return self
        return self.filter(department__members=user)

    def holding_personal_data(self) -> "InquiryQuerySet":
        return self.filter(destroyed_at__isnull=True)

    def past_retention(self, now=None) -> "InquiryQuerySet":
        """Requests whose personal data is due for destruction at ``now``."""
        now = now or timezone.now()
        return self.holding_personal_data().filter(
            last_activity_at__lte=now - retention()
        )


class Inquiry(models.Model):
    class Kind(models.TextChoices):
        CONSULTING = "consulting", _("Policy consulting")
        TRAINING = "training", _("A place on a training course")
        EXPERT_VISIT = "expert-visit", _("An expert visit")
        STUDY_TOUR = "study-tour", _("A study tour")
        PARTNERSHIP = "partnership", _("A partnership")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ASSIGNED = "assigned", _("Assigned")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # Which fields hold personal data (destroyed) and which are statistics (kept).
    PERSONAL = (
        "organisation",
        "city",
        "name",
        "position",
        "email",
        "phone",
        "subject",
        "message",
        "token",
        "submission_key",
    )
    KEPT = (
        "id",
        "reference",
        "kind",
        "status",
        "country",
        "department",
        "policy_case",
        "program",
        "language",
        "answer_language",
        "consent",
        "optional_consent",
        "created_at",
        "updated_at",
        "assigned_at",
        "answered_at",
        "closed_at",
        "last_activity_at",
        "destroyed_at",
    )

    reference = models.CharField(
        _("reference"),
        max_length=20,
        unique=True,
        default=new_reference,
        editable=False,
    )
    # The private link's secret; NULL once destroyed, as unique allows many NULLs.
    token = models.CharField(  # noqa: DJ001
        max_length=64, unique=True, null=True, editable=False
    )
    # From the form as rendered: a second submit of the same form finds this row.
    submission_key = models.CharField(  # noqa: DJ001
        max_length=64, unique=True, null=True, editable=False
    )
    kind = models.CharField(_("type of request"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    department = models.ForeignKey(
        "portal.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inquiries",
        verbose_name=_("department"),
    )
    policy_case = models.ForeignKey(
        "portal.PolicyCase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inquiries",
        verbose_name=_("policy case"),
    )
    program = models.ForeignKey(
        "portal.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inquiries",
        verbose_name=_("program"),
    )
    country = models.CharField(
        _("country"), max_length=2, validators=[validate_country]
    )
    organisation = models.CharField(_("organization"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    # A person's name: "name" alone is a thing's name in some catalogs (名称).
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100, blank=True)
    position = models.CharField(_("position"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    message = models.TextField(_("message"), max_length=MESSAGE_LENGTH, blank=True)
    # The page's language (for the mail we send) and the one asked for the answer.
    language = models.CharField(_("language of the form"), max_length=10)
    answer_language = models.CharField(_("language of the answer"), max_length=10)
    consent = models.ForeignKey(
        Consent,
        on_delete=models.PROTECT,
        related_name="inquiries",
        verbose_name=_("consent accepted"),
    )
    optional_consent = models.BooleanField(
        _("agreed to the optional item"), default=False
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    answered_at = models.DateTimeField(
        pgettext_lazy("request", "answered"), null=True, blank=True
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Receipt, or the last reply: the retention period counts from here.
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    destroyed_at = models.DateTimeField(
        _("personal data destroyed"), null=True, blank=True
    )

    objects = InquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        permissions = [
            ("handle_all_inquiry", _("Can see the requests of every department")),
            ("assign_inquiry", _("Can assign requests to a department")),
            ("export_inquiry", _("Can export requests as CSV")),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="inquiry_queue_idx"),
            models.Index(
                fields=["last_activity_at"],
                condition=Q(destroyed_at__isnull=True),
                name="inquiry_retention_idx",
            ),
        ]

    def __str__(self) -> str:
        # Only the reference: the admin's log and messages keep this text.
        return self.reference

    def get_absolute_url(self) -> str:
        return self.status_url()

    def status_url(self, lang: str | None = None) -> str:
        with translation.override(lang or self.language):
            return reverse("portal:inquiry_status", kwargs={"token": self.token})

    @property
    def is_destroyed(self) -> bool:
        return self.destroyed_at is not None

    @property
    def retention_ends(self):
        return self.last_activity_at + retention()

    def public_replies(self):
        return self.replies.exclude(sent_at=None).order_by("created_at")

    def assign(self, department) -> None:
        self.department = department
        if department is not None and self.status == self.Status.NEW:
            self.status = self.Status.ASSIGNED
            self.assigned_at = timezone.now()

    def record_reply(self) -> None:
        now = timezone.now()
        self.status = self.Status.ANSWERED
        self.answered_at = self.last_activity_at = now

    def close(self) -> None:
        self.status = self.Status.CLOSED
        self.closed_at = timezone.now()

    @transaction.atomic
    def destroy_personal_data(self, *, withdrawn: bool = False) -> None:
        """Blank what identifies the sender and delete what may quote it; the
        row stays as statistics (type, country, dates, department, outcome)."""
        for name in self.PERSONAL:
            field = self._meta.get_field(name)
            setattr(self, name, None if field.null else "")
        if withdrawn:
            self.status = self.Status.WITHDRAWN
        self.destroyed_at = timezone.now()
        self.save()
        self.notes.all().delete()
        self.replies.all().delete()
        self.mails.all().delete()


class InquiryNote(models.Model):
    """A note staff keep on a request; never shown to the visitor."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        verbose_name=_("author"),
    )
    text = models.TextField(_("internal note"), max_length=MESSAGE_LENGTH)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self) -> str:
        return f"{self.inquiry} · {self.created_at:%Y-%m-%d}"


class InquiryReply(models.Model):
    """An answer written in the admin, mailed to the visitor and shown at
    their private link."""

    inquiry = models.ForeignKey(
        Inquiry, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        verbose_name=_("author"),
    )
    text = models.TextField(_("reply"), max_length=MESSAGE_LENGTH)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    # When it was published to the visitor (the mail queued).
    sent_at = models.DateTimeField(_("sent"), null=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return f"{self.inquiry} · {self.created_at:%Y-%m-%d}"


class InquiryAccess(models.Model):
    """Who opened which request's personal data, and when: read-only in the admin."""

    class Action(models.TextChoices):
        OPENED = "opened", _("Opened")
        EXPORTED = "exported", _("Exported to CSV")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        verbose_name=_("staff member"),
    )
    # Kept as text too: the log outlives accounts and destroyed requests.
    username = models.CharField(_("user name"), max_length=150)
    inquiry = models.ForeignKey(
        Inquiry,
        on_delete=models.SET_NULL,
        null=True,
        related_name="accesses",
        verbose_name=_("request"),
    )
    reference = models.CharField(_("reference"), max_length=20)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access to personal data")
        verbose_name_plural = _("accesses to personal data")

    def __str__(self) -> str:
        return f"{self.username} · {self.reference} · {self.at:%Y-%m-%d %H:%M}"

    @classmethod
    def record(cls, user, inquiries, action: str) -> None:
        cls.objects.bulk_create(
            cls(
                user=user,
                username=user.get_username(),
                inquiry=inquiry,
                reference=inquiry.reference,
                action=action,
            )
            for inquiry in inquiries
        )
