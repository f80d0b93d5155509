from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models.base import TranslatedModel
from portal.values.phones import validate_phone


class Department(TranslatedModel):
    """A division of the city government that runs policies and answers for them.

    Its own row, named once: every policy case it ran points here, so a renamed
    division or a new telephone number changes on every page at once.
    """

    name = models.CharField(_("name"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    address = models.TextField(_("postal address"), blank=True)
    phone = models.CharField(
        _("telephone"),
        max_length=30,
        blank=True,
        validators=[validate_phone],
        help_text=_("In either form, 02-2133-0000 or +82-2-2133-0000."),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    # Staff who answer the requests sent to this department (portal.models.inquiries).
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="departments",
        verbose_name=_("staff who answer its requests"),
    )

    required_in_one_language = ("name",)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name or self.slug

    @property
    def import_identity(self) -> str:
        """The import creates the curated departments that are missing, by slug."""
        return self.slug

    @property
    def has_contact(self) -> bool:
        return bool(self.address or self.phone or self.email)
