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


@pytest.fixture(autouse=True)
def _fresh_pages_check():
    # Each process keeps its last look at its pages for a few seconds.
    health.pages_ok.forget()
    yield
    health.pages_ok.forget()


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
        "pages": "ok",
        "ms": response.json()["ms"],
    }


def test_healthz_says_503_when_pages_cannot_render_for_want_of_static_files(
    client, settings, tmp_path, caplog
):
    """As on a fresh machine before collectstatic: the manifest storage raises
    for every stylesheet, so every page answers 500."""
    settings.STATIC_ROOT = tmp_path / "never-collected"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        },
    }

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["database"] == "ok"
    assert response.json()["pages"] == "failing"
    assert "Missing staticfiles manifest entry" in caplog.text
    # What the balancer is spared: even the 500 page fails, and gunicorn answers
    # its own bare 500.
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        client.get("/en/")


def test_healthz_looks_at_pages_once_in_a_while_not_on_every_probe(client, monkeypatch):
    rendered = []
    monkeypatch.setattr(
        health.PagesCheck, "render_probe", lambda self: rendered.append(1) or True
    )
    clock = [1000.0]
    monkeypatch.setattr(health.time, "monotonic", lambda: clock[0])

    for _probe in range(5):
        assert client.get("/healthz").status_code == 200
    clock[0] += health.PAGES_CHECK_SECONDS

    assert client.get("/healthz").status_code == 200
    assert len(rendered) == 2


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


def test_a_requests_private_link_is_logged_without_its_secret(client, caplog, db):
    caplog.set_level(logging.INFO, logger="portal.request")

    client.get("/en/ask/Secret-Token_123/")

    [line] = request_lines(caplog)
    assert line["path"] == "/en/ask/<secret>/"
    assert "Secret-Token_123" not in json.dumps(line)
