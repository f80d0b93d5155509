from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models.base import (
    ImportedModel,
    PublishableModel,
    PublishableQuerySet,
    TranslatedModel,
)
from portal.models.fields import RichTextField, TextOfField
from portal.models.posts import Post


class ProgramQuerySet(PublishableQuerySet):
    pass


class Program(PublishableModel, ImportedModel, TranslatedModel):
    """A policy or training programme, with its frequently asked questions."""

    name = models.CharField(_("name"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    description = RichTextField(_("description"), blank=True)
    description_text = TextOfField(_("description as text"), source="description")
    lead_image = models.ForeignKey(
        "portal.Image",
        verbose_name=_("lead image"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    schedule = models.CharField(
        _("schedule or period"),
        max_length=200,
        blank=True,
        help_text=_(
            "When the program runs or takes applications, e.g. “May–June each year”."
        ),
    )
    eligibility = models.TextField(
        _("who may apply"),
        blank=True,
        help_text=_("Who the program is for and what applicants need."),
    )
    contact = models.TextField(
        _("how to ask"),
        blank=True,
        help_text=_("The office, e-mail address or telephone number for questions."),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    related_posts = models.ManyToManyField(
        Post, verbose_name=_("related posts"), related_name="programs", blank=True
    )

    required_in_one_language = ("name",)

    objects = ProgramQuerySet.as_manager()

    class Meta(ImportedModel.Meta):
        ordering = ["order", "slug"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        permissions = [("publish_program", _("Can publish and unpublish programs"))]

    def __str__(self) -> str:
        return self.name or self.slug

    def get_absolute_url(self) -> str:
        return reverse("portal:program_detail", kwargs={"slug": self.slug})


class FAQEntry(TranslatedModel):
    program = models.ForeignKey(
        Program,
        verbose_name=_("program"),
        related_name="faq_entries",
        on_delete=models.CASCADE,
    )
    question = models.CharField(_("question"), max_length=300, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    required_in_one_language = ("question",)

    class Meta:
        ordering = ["program", "order", "id"]
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return f"{self.program.get_absolute_url()}#faq-{self.pk}"
