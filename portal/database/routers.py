"""Keep Django's data tools away from the tables the database fills itself.

The search tables (portal.models.search) are declared as models so the search
backends can filter them with the ORM, but each exists on one database only (FTS5
tables on SQLite, a gram table on PostgreSQL), made by migrations and filled by
triggers from the content. ``dumpdata`` asks this router which models to read, and
``loaddata`` which rows to write: saying no for search rows lets a dump taken on
one database load into the other, where loading the content fills the index again.
"""

from portal.models.search import SearchRow


class DerivedTablesRouter:
    def allow_migrate(self, db, app_label, model_name=None, **hints):
        model = hints.get("model")
        if model is not None and issubclass(model, SearchRow):
            return False
        return None
