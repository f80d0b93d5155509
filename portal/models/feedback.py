"""Visitors' answers to "Were you satisfied with the information on this page?", the
satisfaction question of Korean public sites (docs/krds.md).

Anonymous by design: the page, its language, the rating and an optional comment.
No address, no cookie and no account is stored with an answer; the rate limit
(portal.pages.feedback) keeps a salted digest of the address in the cache for an
hour and nothing in the database. Not public content: nobody but staff sees it,
and an answer does not retire cached pages.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

COMMENT_LENGTH = 500


class PageFeedback(models.Model):
    class Rating(models.IntegerChoices):
        # KRDS's five-level scale, best first as its form lists it.
        VERY_SATISFIED = 5, _("Very satisfied")
        SATISFIED = 4, _("Satisfied")
        NEUTRAL = 3, _("Neither satisfied nor dissatisfied")
        DISSATISFIED = 2, _("Dissatisfied")
        VERY_DISSATISFIED = 1, _("Very dissatisfied")

    # The path without its language prefix, so every language of a page counts
    # together; ``language`` says which one the visitor read.
    path = models.CharField(_("page"), max_length=300)
    language = models.CharField(_("language"), max_length=10)
    rating = models.PositiveSmallIntegerField(_("rating"), choices=Rating.choices)
    comment = models.TextField(_("comment"), max_length=COMMENT_LENGTH, blank=True)
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")
        indexes = [models.Index(fields=["path", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.path} · {self.rating}"

    def get_absolute_url(self) -> str:
        # Every page has the same path in each language, under its prefix.
        return f"/{self.language}{self.path}"
