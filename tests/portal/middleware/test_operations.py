"""What operators rely on: the health check and the request log."""

import json
import logging
import sys

import pytest
from django.db import DatabaseError
from django.test import override_settings

from portal.middleware import health
from portal.middleware.request_log import JsonFormatter

pytestmark = pytest.mark.django_db


@override_settings(SECURE_SSL_REDIRECT=True)
def test_healthz_answers_balancers_by_address_over_plain_http(client):
    response = client.get("/healthz", HTTP_HOST="10.0.0.12")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == "ok"
    assert response["Cache-Control"] == "no-store"


def test_healthz_says_503_when_the_database_is_gone(client, monkeypatch):
    class Broken:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr(health, "connection", Broken())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "unreachable",
        "ms": response.json()["ms"],
    }


def request_lines(caplog):
    formatter = JsonFormatter()
    return [
        json.loads(formatter.format(record))
        for record in caplog.records
        if record.name == "portal.request"
    ]


def test_each_request_is_one_json_line_without_the_query(client, caplog):
    caplog.set_level(logging.INFO, logger="portal.request")

    client.get("/en/search/?q=private+words", REMOTE_ADDR="192.0.2.10")
    client.get("/ko/no-such-page/")

    first, second = request_lines(caplog)
    assert first["method"] == "GET"
    assert first["path"] == "/en/search/"
    assert first["status"] == 200
    assert first["ip"] == "192.0.2.10"
    assert first["ms"] > 0 and first["bytes"] > 0
    assert "private" not in json.dumps(first)
    assert second["status"] == 404 and second["level"] == "INFO"


def test_errors_are_logged_as_json_with_their_traceback():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            ("/en/",),
            exc_info=sys.exc_info(),
        )

    entry = json.loads(JsonFormatter().format(record))

    assert entry["message"] == "Internal Server Error: /en/"
    assert entry["level"] == "ERROR"
    assert "ValueError: boom" in entry["error"]
