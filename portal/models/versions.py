from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models.posts import Post
from portal.models.programs import Program


class ContentVersion(models.Model):
    """One row whose number goes up whenever public content changes.

    Database triggers (migration 0007) bump it on every insert, update and delete of
    posts, programmes, FAQ entries, partners and policy fields, whoever writes: the
    admin, ``import_seeds`` or a shell. Cached pages are filed under it, so a change
    retires them at once, on every host that shares the database.
    """

    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.version)


def content_state() -> tuple[int, datetime | None] | None:
    """The content version, and when the next scheduled item becomes public.

    One query: it runs on every cacheable request, hits included. None when the
    version row is missing (a flushed database): then nothing may be cached.
    """
    now = timezone.now()
    due = [
        model.objects.filter(status=model.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values("published_at")[:1]
        for model in (Post, Program)
    ]
    row = (
        ContentVersion.objects.filter(pk=1)
        .annotate(
            post_due=models.Subquery(due[0]),
            program_due=models.Subquery(due[1]),
        )
        .values_list("version", "post_due", "program_due")
        .first()
    )
    if row is None:
        return None
    version, *dues = row
    return version, min((d for d in dues if d is not None), default=None)
