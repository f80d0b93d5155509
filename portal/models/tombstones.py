from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SeedTombstoneQuerySet(models.QuerySet):
    def of_model(self, model: type[models.Model]):
        return self.filter(content_type=ContentType.objects.get_for_model(model))

    def keys(self) -> set[str]:
        return set(self.values_list("import_key", flat=True))


class SeedTombstone(models.Model):
    """A row the seed import wrote and staff deleted: the import leaves it deleted.

    ``import_seeds`` runs at every start, and without this it created again what an
    editor had just deleted. Keyed by what the import finds a row by
    (``import_identity``: a post's ``source_key``, a policy field's slug), so it
    outlives the row. Deleting the tombstone, or ``--restore-deleted``, lets the
    import bring the row back.
    """

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE
    )
    import_key = models.CharField(_("import key"), max_length=64)
    title = models.CharField(_("title"), max_length=300, blank=True)
    # A post's day and the title the import last wrote: a capture of the same
    # post under another title (cut, or whole) is found by them, not by the key.
    day = models.DateField(_("date"), null=True, blank=True)
    import_title = models.CharField(
        _("imported title"), max_length=300, blank=True, editable=False
    )
    deleted_at = models.DateTimeField(_("deleted"), default=timezone.now)
    deleted_by = models.CharField(_("deleted by"), max_length=150, blank=True)

    objects = SeedTombstoneQuerySet.as_manager()

    class Meta:
        ordering = ["-deleted_at", "-id"]
        verbose_name = _("deleted seed item")
        verbose_name_plural = _("deleted seed items")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "import_key"], name="unique_seed_tombstone"
            )
        ]

    def __str__(self) -> str:
        return self.title or self.import_key

    @classmethod
    def remember(cls, objects: Iterable[models.Model], *, deleted_by: str) -> None:
        """Record the imported rows among ``objects``, which staff are deleting."""
        for obj in objects:
            key = getattr(obj, "import_identity", "")
            if key:
                cls.objects.update_or_create(
                    content_type=ContentType.objects.get_for_model(obj),
                    import_key=key,
                    defaults={
                        "title": str(obj)[:300],
                        "day": _day_of(obj),
                        "import_title": getattr(obj, "import_title", "")[:300],
                        "deleted_at": timezone.now(),
                        "deleted_by": deleted_by,
                    },
                )


def _day_of(obj):
    published = getattr(obj, "published_at", None)
    return timezone.localdate(published) if published else None
