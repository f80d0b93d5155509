"""Terms with an agreed translation in each language, for translators.

Department, programme and policy field names are glossary entries already (their
own translations are the agreed ones, portal.glossary); a ``GlossaryTerm`` is
any other recurring term an Editor wants translated one way. Staff reference,
not public content: visitors never see it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models.base import TranslatedModel


class GlossaryTermQuerySet(models.QuerySet):
    def approved(self):
        """The terms translators are shown and translation files carry."""
        return self.filter(approved=True)


class GlossaryTerm(TranslatedModel):
    term = models.CharField(_("term"), max_length=200, blank=True)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("What the term means, and when to use it."),
    )
    approved = models.BooleanField(
        _("approved"),
        default=False,
        help_text=_(
            "Only approved terms are shown to translators and included in "
            "translation files."
        ),
    )

    required_in_one_language = ("term",)

    objects = GlossaryTermQuerySet.as_manager()

    class Meta:
        ordering = ["-approved", "pk"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")

    def __str__(self) -> str:
        return self.term or str(self.pk)
