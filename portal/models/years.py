"""The years in which each kind of post has a published post: the lists' year chips.

Raw SQL, one query, for a measured reason (docs/performance.md, "Cold pages").
Django's own way, ``ExtractYear`` and ``distinct()``, reads every published post,
and on SQLite calls a Python function per row to find its local year. One
ORM-built index probe per kind and year was slow to build and grew with the span
(a post dated year 224 made 1,800 probes, which SQLite refused). Here the probes
are SQL text: per kind, only the years between its oldest and newest published
post, each an index probe that stops at the first post it finds. The year
boundaries are local midnights worked out in Python, so the database needs no
time zone support.
"""

import functools
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import connection
from django.utils import timezone

from portal.values.dates import YEARS


@functools.cache
def _years(zone_name: str, vendor: str) -> tuple:
    """(year, its first instant, the next year's) for every accepted year, as
    the database takes them: the same for every request."""
    zone = ZoneInfo(zone_name)
    adapt = connection.ops.adapt_datetimefield_value
    rows = []
    for year in YEARS:
        first = datetime(year, 1, 1, tzinfo=zone)
        rows += [year, adapt(first), adapt(datetime(year + 1, 1, 1, tzinfo=zone))]
    return tuple(rows)


@functools.cache
def _sql(table: str, kinds: int) -> str:
    table = connection.ops.quote_name(table)
    # Published and public now: PublishableQuerySet.published() in SQL.
    public = "p.status = %s AND p.published_at <= %s"

    def end(order: str) -> str:
        return (
            f"(SELECT p.published_at FROM {table} p WHERE p.kind = %s AND {public} "
            f"ORDER BY p.published_at {order} LIMIT 1)"
        )

    # Per kind, its own SELECT: the oldest and newest are then subqueries that
    # do not depend on the row, which both databases run once, not per year.
    # In the probe, the year's bounds come before "until now": SQLite scans the
    # index between the first bounds it is given, and "now" first made it walk
    # every post from the year to today.
    per_kind = (
        f"SELECT {{number}}, y.year FROM years y WHERE y.stop > {end('ASC')} "
        f"AND y.first <= {end('DESC')} AND EXISTS (SELECT 1 FROM {table} p "
        "WHERE p.kind = %s AND p.published_at >= y.first AND p.published_at < y.stop "
        f"AND {public})"
    )
    rows = ", ".join(["(%s, %s, %s)"] * len(YEARS))
    # Each kind's rows carry its position in ``kinds``, a number written here.
    union = " UNION ALL ".join(per_kind.format(number=n) for n in range(kinds))
    return f"WITH years(year, first, stop) AS (VALUES {rows}) {union}"


def published_years(model, status: str) -> dict[str, list[int]]:
    """Kind -> the years, newest first, in which ``model`` (Post) has a published
    row of that kind, in the site's time zone; kinds without any are left out."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    kinds = model.Kind.values
    params = list(_years(timezone.get_default_timezone_name(), connection.vendor))
    for kind in kinds:
        params += [kind, status, now, kind, status, now, kind, status, now]
    years: dict[str, list[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(_sql(model._meta.db_table, len(kinds)), params)
        for number, year in cursor.fetchall():
            years.setdefault(kinds[number], []).append(year)
    return {kind: sorted(found, reverse=True) for kind, found in years.items()}
