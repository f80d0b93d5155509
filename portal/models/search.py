from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchRow(models.Model):
    """A row of a search table kept by database triggers (portal.database.triggers).

    Unmanaged: the tables are SQLite FTS5 tables or a PostgreSQL table with gram
    indexes, made by migrations. Models let the search backends filter them with
    the ORM, and so with the same ``published()`` every other page uses. ``rowid``
    is the row's id, offset by its kind's span (PublicContent.search_base).
    """

    rowid = models.BigIntegerField(primary_key=True)
    title = models.TextField()

    class Meta:
        abstract = True
        managed = False
        ordering = ["-rowid"]

    def __str__(self) -> str:
        return str(self.rowid)


class SearchIndexRow(SearchRow):
    """SQLite: titles, summaries and bodies, trigram-tokenised."""

    class Meta(SearchRow.Meta):
        db_table = "portal_search_index"
        verbose_name = _("search index row")
        verbose_name_plural = _("search index rows")


class SearchTitleRow(SearchRow):
    """SQLite: titles only, so the title tier reads title matches only."""

    class Meta(SearchRow.Meta):
        db_table = "portal_search_title"
        verbose_name = _("search title row")
        verbose_name_plural = _("search title rows")


class SearchDocument(SearchRow):
    """PostgreSQL: lower-cased text with gram ``tsvector`` columns."""

    content = models.TextField()

    class Meta(SearchRow.Meta):
        db_table = "portal_search_document"
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
