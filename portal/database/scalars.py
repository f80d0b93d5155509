"""Several one-value questions asked in one query.

The sitemap index asks each section how many rows it has and when the newest
changed: a query per section grew with every declared content type. Each
question is a scalar subquery of one ``SELECT``, so the index costs one query
whatever the number of types.
"""

from datetime import UTC, datetime

from django.db import connection, models
from django.utils import timezone


def count_and_latest(querysets: dict[str, models.QuerySet], field: str) -> dict:
    """``{name: (number of rows, newest value of the datetime ``field``)}`` for
    each queryset, in one query."""
    parts, params = [], []
    for queryset in querysets.values():
        sql, values = queryset.order_by().values(field).query.sql_with_params()
        parts += [
            f"(SELECT COUNT(*) FROM ({sql}) AS counted)",
            f"(SELECT MAX(latest.{connection.ops.quote_name(field)}) "
            f"FROM ({sql}) AS latest)",
        ]
        params += [*values, *values]
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


def together(*querysets: models.QuerySet) -> list[list[tuple]]:
    """The rows of several ``values_list()`` querysets of plain fields, read in
    one query: each is a part of a ``UNION ALL``, tagged with its place and
    padded with NULLs to the widest. For small answers (ids, years) whose
    database types need no conversion."""
    columns = [
        [_column(queryset.model, name) for name in queryset.query.values_select]
        for queryset in querysets
    ]
    width = max(len(names) for names in columns)
    quote = connection.ops.quote_name
    parts, params = [], []
    for place, (queryset, names) in enumerate(zip(querysets, columns, strict=True)):
        sql, values = queryset.query.sql_with_params()
        selected = "".join(f", part.{quote(name)}" for name in names)
        padding = ", NULL" * (width - len(names))
        parts.append(f"SELECT {place}{selected}{padding} FROM ({sql}) AS part")
        params += values
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    found = [[] for _ in querysets]
    for place, *values in rows:
        found[place].append(tuple(values[: len(columns[place])]))
    return found


def _column(model, name: str) -> str:
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    return field.column
