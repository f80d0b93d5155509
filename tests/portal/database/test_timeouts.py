"""Web processes cut off SQL statements that run too long."""

import os
import runpy
import time

import pytest
from django.db import OperationalError, connections

pytestmark = pytest.mark.django_db

SLOW = {
    # Counting to a hundred million: far longer than the limit on either database.
    "sqlite": (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
        "WHERE x < 100000000) SELECT count(*) FROM c"
    ),
    "postgresql": "SELECT pg_sleep(5)",
}


@pytest.fixture
def limited_connection(settings):
    settings.STATEMENT_TIMEOUT_MS = 300
    connection = connections.create_connection("default")
    yield connection
    connection.close()


def test_a_runaway_statement_is_cut_off_and_the_connection_stays_usable(
    limited_connection,
):
    started = time.monotonic()
    with pytest.raises(OperationalError), limited_connection.cursor() as cursor:
        cursor.execute(SLOW[limited_connection.vendor])
        cursor.fetchall()

    assert time.monotonic() - started < 3
    with limited_connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_gunicorn_sets_the_limit_for_the_web_processes(monkeypatch):
    environment = {k: v for k, v in os.environ.items() if "STATEMENT_TIMEOUT" not in k}
    monkeypatch.setattr(os, "environ", environment)

    runpy.run_path("config/gunicorn.conf.py")

    assert int(os.environ["DJANGO_STATEMENT_TIMEOUT_MS"]) > 0
