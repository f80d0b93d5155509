import functools
import time
from datetime import UTC, datetime

from django.db import connection, models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from portal.models.base import PublishableModel
from portal.models.public import publishable_models


class ContentVersion(models.Model):
    """One row whose number goes up whenever public content changes.

    Database triggers (``portal.database.triggers``) bump it on every insert, update
    and delete of public content, whoever writes: the admin, ``import_seeds``, a
    shell or raw SQL. Cached pages are filed under it, so a change
    retires them at once, on every host that shares the database.
    """

    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.version)

    @classmethod
    def move_past_the_clock(cls) -> None:
        """Raise the version to the clock's microseconds, if it is below them.

        Pages are cached under the bare number, so two databases that reach the
        same number through one shared cache (a site restored into a fresh
        database, taking over from the one that made its backup) would serve
        each other's pages. A counter that starts from the clock when a
        database is made or restored cannot meet an older database's: that one
        would have needed more than a change per microsecond since it began.
        """
        now = time.time_ns() // 1000
        cls.objects.filter(pk=1, version__lt=now).update(version=now)


@functools.cache
def _state_sql() -> tuple[str, int]:
    """The query, and how many publishable tables it asks about.

    Raw SQL: this runs on every cacheable request, and building it through the
    ORM cost more than the rest of a cache hit (docs/performance.md)."""
    dues = [
        f"(SELECT min(published_at) FROM {model._meta.db_table} "
        "WHERE status = %s AND published_at > %s)"
        for model in publishable_models()
    ]
    sql = (
        f"SELECT v.version, {', '.join(dues)} "
        "FROM portal_contentversion v WHERE v.id = 1"
    )
    return sql, len(dues)


def _as_datetime(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    # SQLite hands back text for an aggregate.
    parsed = parse_datetime(value)
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed, UTC)


def content_state() -> tuple[int, datetime | None] | None:
    """The content version, and when the next scheduled item becomes public.

    One query. None when the version row is missing (a flushed database): then
    nothing may be cached.
    """
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    sql, tables = _state_sql()
    params = [PublishableModel.Status.PUBLISHED.value, now] * tables
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    version, *dues = row
    due = [_as_datetime(value) for value in dues if value is not None]
    return version, min(due, default=None)


def cache_timeout(due, seconds: int) -> int:
    """``seconds``, but no later than when the next scheduled item is due."""
    if due is not None:
        seconds = min(seconds, int((due - timezone.now()).total_seconds()) + 1)
    return max(seconds, 1)


def request_state(request):
    """``content_state()``, asked once per request: the page cache and the results
    cache (portal.pages.results) file their entries under the same version."""
    if not hasattr(request, "content_state"):
        request.content_state = content_state()
    return request.content_state
