from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models.base import TranslatedModel


class PolicyFieldQuerySet(models.QuerySet):
    def with_published_kinds(self):
        """Each field with ``published_<kind>``: whether it has a published post of
        that kind. One query; each test is an index probe on (policy_field, date)."""
        post_model = self.model._meta.get_field("posts").related_model
        published = post_model.objects.published()
        return self.annotate(
            **{
                f"published_{kind}": models.Exists(
                    published.filter(kind=kind, policy_field=models.OuterRef("pk"))
                )
                for kind in post_model.Kind.values
            }
        )


class PolicyField(TranslatedModel):
    """A policy field such as Urban Planning or Transportation."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = PolicyFieldQuerySet.as_manager()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("policy field")
        verbose_name_plural = _("policy fields")

    def __str__(self) -> str:
        return self.name or self.slug

    def get_absolute_url(self) -> str:
        return reverse("portal:policy_field_detail", kwargs={"slug": self.slug})

    @property
    def import_identity(self) -> str:
        """The import creates the curated fields that are missing, by slug."""
        return self.slug

    def has_published(self, kind: str) -> bool:
        """Whether a list of ``kind`` ("all" for every kind) would show a post of
        this field; needs ``with_published_kinds()``."""
        kinds = self._meta.get_field("posts").related_model.Kind.values
        if kind in kinds:
            return getattr(self, f"published_{kind}")
        return any(getattr(self, f"published_{each}") for each in kinds)
