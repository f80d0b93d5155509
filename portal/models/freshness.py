"""Which version of the source text a translation was made from.

A translated field's source is its text in the first language of
``source_languages()`` that has any (Korean, unless an item was written in
another language only). A translation is made from the source as it stood when
the translation was last written or confirmed. Only the translations whose
source has changed since need a record: a ``StaleTranslation`` row holds the
source text they were made from and when it changed. No row means the
translation was made from the current source, so page views and saves of
untouched items cost nothing (portal.freshness keeps the rows).
"""

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def normalized(text: str | None) -> str:
    """``text`` as compared: blind to what editors cannot see (Unicode
    normalisation, the line breaks a browser sends as CRLF, surrounding
    blanks)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text).strip()


def fingerprint(text: str) -> str:
    """A short hash of a source text, as ``normalized``."""
    return hashlib.sha256(normalized(text).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Notice:
    source_language: str
    changed: datetime


class StaleTranslationQuerySet(models.QuerySet):
    def of(self, obj: models.Model):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        )

    def of_model(self, model: type[models.Model]):
        return self.filter(content_type=ContentType.objects.get_for_model(model))

    def in_language(self, code: str):
        return self.filter(language=code)

    def object_ids(self) -> models.QuerySet:
        return self.values("object_id")

    def counts(self) -> dict[tuple[int, str], int]:
        """Items with an out-of-date translation, by (content type id,
        language): the dashboard's figures in one query."""
        rows = (
            self.values("content_type_id", "language")
            .annotate(items=models.Count("object_id", distinct=True))
            .order_by()
        )
        return {(r["content_type_id"], r["language"]): r["items"] for r in rows}


class StaleTranslation(models.Model):
    """One translated field, in one language, whose source changed after the
    translation was made."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(_("field"), max_length=64)
    language = models.CharField(_("language"), max_length=16)
    source_language = models.CharField(_("source language"), max_length=16)
    # The source the translation was made from: its fingerprint, so that a
    # source changed back clears the mark, and its text, shown beside the new.
    source_fingerprint = models.CharField(max_length=32)
    source_text = models.TextField(_("source when translated"), blank=True)
    since = models.DateTimeField(_("source changed"), default=timezone.now)

    objects = StaleTranslationQuerySet.as_manager()

    class Meta:
        verbose_name = _("out-of-date translation")
        verbose_name_plural = _("out-of-date translations")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="stale_translation_unique",
            )
        ]
        indexes = [
            models.Index(
                fields=["content_type", "language", "object_id"],
                name="stale_translation_language",
            )
        ]

    def __str__(self):
        return (
            f"{self.content_type.model} {self.object_id} {self.field} {self.language}"
        )
