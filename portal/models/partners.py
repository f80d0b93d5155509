from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models.base import ImportedModel, TranslatedModel
from portal.uploads.checks import logo_path, validate_logo
from portal.values.addresses import linkable


class PartnerQuerySet(models.QuerySet):
    def in_directory_order(self):
        """Group by group, in the order the groups are declared; then display order."""
        rank = models.Case(
            *(
                models.When(group=value, then=models.Value(index))
                for index, value in enumerate(Partner.Group.values)
            ),
            default=models.Value(len(Partner.Group.values)),
        )
        return self.order_by(rank, "order", "slug")


class Partner(ImportedModel, TranslatedModel):
    """A partner organization shown in the logo strip and on the partners page."""

    class Group(models.TextChoices):
        INTERNATIONAL = "international", _("International organizations")
        GOVERNMENT = "government", _("Korean government and public bodies")
        FINANCE = "finance", _("Finance and business")
        RESEARCH = "research", _("Research and academia")
        OTHER = "other", _("Other partners")

    name = models.CharField(_("name"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    full_name = models.CharField(_("full name"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    website = models.URLField(_("website"), blank=True)
    # A FileField, not an ImageField: portal.uploads.checks judges the content
    # itself and says exactly what is accepted, where ImageField would refuse by
    # file name.
    logo = models.FileField(
        _("logo"),
        upload_to=logo_path,
        validators=[validate_logo],
        blank=True,
        help_text=_("PNG, JPEG or WebP, at most 2 MB."),
    )
    group = models.CharField(
        _("group"), max_length=20, choices=Group.choices, default=Group.OTHER
    )
    order = models.PositiveSmallIntegerField(_("display order"), default=0)

    required_in_one_language = ("name",)

    objects = PartnerQuerySet.as_manager()

    class Meta(ImportedModel.Meta):
        ordering = ["order", "slug"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("portal:partner_list") + f"#partner-{self.slug}"

    @property
    def website_link(self) -> str:
        """The website, if it may be linked (portal.values.addresses)."""
        return linkable(self.website)

    @property
    def display_name(self) -> str:
        return self.name or self.short_name or self.slug
