from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models.base import PublishableModel, PublishableQuerySet, TranslatedModel
from portal.models.fields import RichTextField, TextOfField


class PageQuerySet(PublishableQuerySet):
    def in_footer(self):
        return self.published().filter(in_footer=True).order_by("order", "slug")


class Page(PublishableModel, TranslatedModel):
    """A page of standing text: the privacy, copyright and accessibility policies
    a Korean public site must link from every page, and any like them."""

    title = models.CharField(_("title"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    body = RichTextField(_("body"), blank=True)
    body_text = TextOfField(_("body as text"), source="body")
    in_footer = models.BooleanField(
        _("link from the footer"),
        default=True,
        help_text=_("Listed in every page's footer and in the sitemap page."),
    )
    emphasised = models.BooleanField(
        _("emphasized"),
        default=False,
        help_text=_(
            "Shown in bold and color in the footer, as Korean public sites show "
            "their privacy policy."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    needs_review = models.BooleanField(
        _("needs review"),
        default=False,
        help_text=_(
            "Starting text shipped with the portal: the operator should check it "
            "against the city's own policy, then clear this box."
        ),
    )

    required_in_one_language = ("title",)
    # Why a page flagged ``needs_review`` is in the translation dashboard's queue.
    review_reason = _("Starting text: check it against the city's own policy")

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")
        permissions = [("publish_page", _("Can publish and unpublish site pages"))]

    def __str__(self) -> str:
        return self.title or self.slug

    def get_absolute_url(self) -> str:
        return reverse("portal:page_detail", kwargs={"slug": self.slug})
