from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models.base import (
    ImportedModel,
    PublishableModel,
    PublishableQuerySet,
    TranslatedModel,
)
from portal.models.categories import Category
from portal.uploads import publication_path, validate_publication


class PostQuerySet(PublishableQuerySet):
    def of_kind(self, kind: str):
        return self.filter(kind=kind)

    def for_listing(self):
        return self.select_related("category")


class Post(PublishableModel, ImportedModel, TranslatedModel):
    """A news item, video or publication."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        VIDEO = "video", _("Video")
        PUBLICATION = "publication", _("Publication")

    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Plain text. Leave a blank line between paragraphs; start lines with "
            "“- ” or “1. ” to make a list."
        ),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    author = models.CharField(_("author"), max_length=100, blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("policy field"),
        related_name="posts",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    video_url = models.URLField(_("video link"), blank=True)
    link_url = models.URLField(_("publication link"), blank=True)
    needs_review = models.BooleanField(
        _("needs review"),
        default=False,
        help_text=_("Set by the import when a title was cut off in the source."),
    )
    file = models.FileField(
        _("publication file"),
        upload_to=publication_path,
        validators=[validate_publication],
        blank=True,
        help_text=_("PDF, at most 50 MB."),
    )

    required_in_one_language = ("title",)

    objects = PostQuerySet.as_manager()

    class Meta(ImportedModel.Meta):
        ordering = ["-published_at", "-id"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [models.Index(fields=["kind", "-published_at", "-id"])]
        permissions = [("publish_post", _("Can publish and unpublish posts"))]

    def __str__(self) -> str:
        return self.title or self.slug

    def get_absolute_url(self) -> str:
        return reverse("portal:post_detail", kwargs={"slug": self.slug})

    @property
    def is_video(self) -> bool:
        return self.kind == self.Kind.VIDEO

    @property
    def is_publication(self) -> bool:
        return self.kind == self.Kind.PUBLICATION

    def _neighbour(self, *, newer: bool):
        siblings = Post.objects.published().of_kind(self.kind).exclude(pk=self.pk)
        if newer:
            after = models.Q(published_at__gt=self.published_at) | models.Q(
                published_at=self.published_at, pk__gt=self.pk
            )
            return siblings.filter(after).order_by("published_at", "id").first()
        before = models.Q(published_at__lt=self.published_at) | models.Q(
            published_at=self.published_at, pk__lt=self.pk
        )
        return siblings.filter(before).order_by("-published_at", "-id").first()

    def previous_post(self):
        """The next older published post of the same kind."""
        return self._neighbour(newer=False)

    def next_post(self):
        """The next newer published post of the same kind."""
        return self._neighbour(newer=True)

    def related_posts(self, limit: int = 3):
        """Other published posts in the same policy field, else of the same kind."""
        others = Post.objects.published().for_listing().exclude(pk=self.pk)
        if self.category_id:
            others = others.filter(category_id=self.category_id)
        else:
            others = others.of_kind(self.kind)
        return others[:limit]
