"""A row's small children read in the row's own query, as JSON.

A policy case's page shows its goals, milestones, outcomes and change notes:
with a prefetch each, the page cost seven queries where its budget is five
(docs/performance.md). Each set is instead a subquery that gathers the children
into one JSON array, and the rows come back as unsaved model instances, so
templates and modeltranslation's fallbacks read them as usual.
"""

from django.db import models
from django.db.models.functions import JSONObject


class JSONRows(models.Aggregate):
    """The group's rows as one JSON array (SQLite's JSON_GROUP_ARRAY,
    PostgreSQL's JSONB_AGG: jsonb, which Django's JSONField reads on both)."""

    function = "JSON_GROUP_ARRAY"
    output_field = models.JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def children_as_json(
    model: type[models.Model],
    link: str,
    *,
    rows: models.QuerySet | None = None,
    fields: tuple[str, ...] = (),
) -> models.Subquery:
    """A subquery giving the rows of ``model`` (of ``rows``, if given) whose
    relation ``link`` points at the outer row, as a JSON array of objects with
    the columns ``fields`` (every concrete column by default)."""
    names = fields or [field.attname for field in model._meta.concrete_fields]
    columns = {model._meta.get_field(name).attname for name in names}
    found = (
        (model._base_manager.all() if rows is None else rows)
        .filter(**{link: models.OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(rows=JSONRows(JSONObject(**{name: name for name in columns})))
        .values("rows")
    )
    return models.Subquery(found, output_field=models.JSONField())


def instances(model: type[models.Model], rows) -> list[models.Model]:
    """Instances of ``model``, as if loaded, from a children_as_json() array:
    each value turned back into its field's Python type, in the model's order."""
    every = {field.attname: field for field in model._meta.concrete_fields}
    made = []
    for row in rows or ():
        # Columns left out of the JSON are deferred, as with only().
        names = [name for name in every if name in row]
        values = [every[name].to_python(row[name]) for name in names]
        made.append(model.from_db("default", names, values))
    for part in reversed(model._meta.ordering):
        # A name ("-changed_on"), or an expression such as F("month").asc().
        name = getattr(getattr(part, "expression", None), "name", part)
        attname = model._meta.get_field(name.lstrip("-")).attname
        made.sort(
            key=lambda obj, attname=attname: _nulls_first(getattr(obj, attname)),
            reverse=name.startswith("-"),
        )
    return made


def _nulls_first(value) -> tuple:
    return (value is not None, value if value is not None else 0)
