"""The languages each Translator translates into.

A Translator (staff without the right to add content, portal.admin.roles) may
change the translated text of these languages only; the others are shown
read-only. Editors and superusers assign them, and are not limited by them.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.languages import language_codes


class TranslatorLanguages(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="translator_languages",
        verbose_name=_("translator"),
    )
    # Codes of settings.LANGUAGES; a list, not choices, so that declaring a
    # language needs no migration here.
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_(
            "The languages this translator may write. The text of the others is "
            "shown to them read-only."
        ),
    )

    class Meta:
        ordering = ["user__username"]
        verbose_name = _("translator's languages")
        verbose_name_plural = _("translators' languages")

    def __str__(self) -> str:
        return self.user.get_username()

    def clean(self):
        super().clean()
        unknown = [code for code in self.languages if code not in language_codes()]
        if unknown:
            raise ValidationError(
                {
                    "languages": _("Not a language of the site: %(codes)s")
                    % {"codes": ", ".join(unknown)}
                }
            )


def languages_of(user) -> list[str]:
    """The languages assigned to ``user``, in settings order; none if unassigned."""
    try:
        assigned = set(user.translator_languages.languages)
    except (TranslatorLanguages.DoesNotExist, AttributeError):
        return []
    return [code for code in language_codes() if code in assigned]
