"""A time limit on every SQL statement of the web processes.

A statement that runs away (a query no page should make, a planner's bad day)
would otherwise hold a gunicorn worker until gunicorn kills it, and two such
requests stop a two-worker site. ``STATEMENT_TIMEOUT_MS`` (set for gunicorn by
``config/gunicorn.conf.py``; commands such as imports and backups run without it):

- PostgreSQL: ``statement_timeout`` for the connection's session.
- SQLite has no such setting. A progress handler, which SQLite calls every few
  thousand virtual-machine steps, interrupts the statement once it has run past
  its deadline; the deadline is set as each statement starts. A single call into
  Python (a user function) cannot be interrupted part-way.
"""

import time

from django.conf import settings

# Virtual-machine steps between two looks at the clock: about a millisecond.
STEPS = 20_000


class _Deadline:
    def __init__(self, limit_ms: int):
        self.limit = limit_ms / 1000
        self.at = None

    def start(self, execute, sql, params, many, context):
        # Kept after execute() returns: SQLite computes rows while they are fetched.
        self.at = time.monotonic() + self.limit
        return execute(sql, params, many, context)

    def passed(self) -> int:
        return int(self.at is not None and time.monotonic() > self.at)


def limit_statements(*, connection, **kwargs) -> None:
    """``connection_created`` receiver: give the new connection its time limit."""
    limit = settings.STATEMENT_TIMEOUT_MS
    if not limit:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('statement_timeout', %s, false)", [f"{int(limit)}ms"]
            )
    elif connection.vendor == "sqlite":
        deadline = _Deadline(limit)
        connection.connection.set_progress_handler(deadline.passed, STEPS)
        connection.execute_wrappers.append(deadline.start)
