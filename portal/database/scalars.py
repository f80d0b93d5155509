"""Several one-value questions asked in one query.

The sitemap index asks each section how many rows it has and when the newest
changed: a query per section grew with every declared content type. Each
question is a scalar subquery of one ``SELECT``, so the index costs one query
whatever the number of types.
"""

from datetime import UTC, datetime

from django.db import connection, models
from django.utils import timezone


def count_and_latest(
    querysets: dict[str, models.QuerySet], field: str, *, latest: set[str]
) -> dict:
    """``{name: (number of rows, newest value of the datetime ``field`` or
    None)}`` for each queryset, in one query; the newest value only for the
    names in ``latest``. The count reads ids only, so an index on the filter
    serves it without visiting the rows."""
    parts, params = [], []
    for name, queryset in querysets.items():
        queryset = queryset.order_by()
        sql, values = queryset.values("pk").query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted)")
        params += values
        if name in latest:
            sql, values = queryset.values(field).query.sql_with_params()
            quoted = connection.ops.quote_name(field)
            parts.append(f"(SELECT MAX(newest.{quoted}) FROM ({sql}) AS newest)")
            params += values
        else:
            parts.append("NULL")
    if not parts:
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return {
        name: (row[2 * index], _moment(row[2 * index + 1]))
        for index, name in enumerate(querysets)
    }


def _moment(value) -> datetime | None:
    """A MAX() of a datetime column: SQLite answers with text in UTC."""
    if value is None or isinstance(value, datetime):
        return value
    moment = models.DateTimeField().to_python(value)
    return timezone.make_aware(moment, UTC) if timezone.is_naive(moment) else moment


def together(*querysets: models.QuerySet) -> list[list[dict]]:
    """The rows of several ``values()`` querysets of plain fields, read in one
    query, as dicts: each queryset is a part of a ``UNION ALL``, tagged with its
    place and padded with NULLs to the widest. For small answers (ids, years)
    whose database types need no conversion; the columns at one place must
    share a type (PostgreSQL matches them across the parts).

    Columns are read by name: Django's SQL may list a values() query's fields in
    another order than they were asked for (it does, for some hash seeds)."""
    names = [list(queryset.query.values_select) for queryset in querysets]
    width = max(len(each) for each in names)
    quote = connection.ops.quote_name
    parts, params = [], []
    for place, queryset in enumerate(querysets):
        sql, values = queryset.query.sql_with_params()
        columns = [_column(queryset.model, name) for name in names[place]]
        selected = "".join(f", part{place}.{quote(column)}" for column in columns)
        padding = ", NULL" * (width - len(columns))
        parts.append(f"SELECT {place}{selected}{padding} FROM ({sql}) AS part{place}")
        params += values
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    found = [[] for _ in querysets]
    for place, *values in rows:
        found[place].append(dict(zip(names[place], values, strict=False)))
    return found


def _column(model, name: str) -> str:
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    return field.column
