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


def children_as_json(model: type[models.Model], link: str) -> models.Subquery:
    """A subquery giving the rows of ``model`` whose foreign key ``link`` points
    at the outer row, as a JSON array of objects with every concrete column."""
    columns = {field.attname: field.attname for field in model._meta.concrete_fields}
    rows = (
        model._base_manager.filter(**{link: models.OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(rows=JSONRows(JSONObject(**columns)))
        .values("rows")
    )
    return models.Subquery(rows, output_field=models.JSONField())


def instances(model: type[models.Model], rows) -> list[models.Model]:
    """Instances of ``model``, as if loaded, from a children_as_json() array:
    each value turned back into its field's Python type, in the model's order."""
    fields = {field.attname: field for field in model._meta.concrete_fields}
    made = [
        model.from_db(
            "default",
            list(fields),
            [fields[name].to_python(row.get(name)) for name in fields],
        )
        for row in rows or ()
    ]
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
