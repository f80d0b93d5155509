from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models.base import TranslatedModel


class PolicyField(TranslatedModel):
    """A policy field such as Urban Planning or Transportation."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("policy field")
        verbose_name_plural = _("policy fields")

    def __str__(self) -> str:
        return self.name or self.slug

    def get_absolute_url(self) -> str:
        return reverse("portal:policy_field_detail", kwargs={"slug": self.slug})
