"""Table statistics for the database's query planner, refreshed after bulk writes.

Without statistics SQLite guesses, and on a large table it guessed that a
programme's related posts were best found by walking every published post
(docs/performance.md, "Size"). ``ANALYZE`` records how selective each index is.
PostgreSQL's autovacuum gathers the same in time; running it after an import makes
them current at once. Both databases take the same statement.
"""

from django.db import connection

from portal.models.public import public_tables


def refresh_statistics() -> None:
    with connection.cursor() as cursor:
        for table in public_tables():
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
