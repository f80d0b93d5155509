"""Translation files returned by vendors, kept between the preview and the apply.

The uploaded bytes are stored with the row, so the preview can be shown again
and applied from a plain form post, with no second upload and no script. A row
applied once records when and by whom; a second apply does nothing.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TranslationUpload(models.Model):
    class Format(models.TextChoices):
        XLIFF = "xliff", _("XLIFF 2")
        PO = "po", _("PO (gettext)")

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="translation_uploads",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    filename = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    # Site language codes (settings.LANGUAGES), as the file declares them.
    source_language = models.CharField(
        pgettext_lazy("translation file", "source language"), max_length=16
    )
    target_language = models.CharField(
        pgettext_lazy("translation file", "target language"), max_length=16
    )
    # As uploaded (at most portal.exchange.units.MAX_FILE_BYTES), and as read:
    # the units, each [id, source, target, problem], so that showing the
    # preview again and applying it do not parse the file again.
    data = models.BinaryField(_("file"))
    units = models.JSONField(default=list, editable=False)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("applied by"),
    )
    applied_units = models.PositiveIntegerField(_("translations applied"), default=0)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("translation file")
        verbose_name_plural = _("translation files")

    def __str__(self) -> str:
        return self.filename
