import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.env import cache_from_url, env_bool, env_list, local_secret_key

ROOT = Path(__file__).resolve().parents[2]


def test_env_bool_reads_common_spellings(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", default=True) is False
    monkeypatch.setenv("FLAG", "")
    assert env_bool("FLAG", default=True) is True


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.example, b.example ,,")
    assert env_list("HOSTS") == ["a.example", "b.example"]


def test_local_secret_key_is_created_once_and_kept(tmp_path):
    path = tmp_path / "var" / "secret_key"

    first = local_secret_key(path)

    assert len(first) >= 50
    assert local_secret_key(path) == first
    assert oct(path.stat().st_mode)[-3:] == "600"


def _settings_value(expression, **env):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        f"print({expression})"
    )
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    environment = {**inherited, "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_database_url_selects_postgresql(tmp_path):
    engine = _settings_value(
        "settings.DATABASES['default']['ENGINE']",
        DATABASE_URL="postgres://portal:secret@db.internal:5432/portal",
        DJANGO_VAR_DIR=str(tmp_path),
    )
    assert engine == "django.db.backends.postgresql"


def test_defaults_are_sqlite_in_the_project_and_debug_off(tmp_path):
    value = _settings_value(
        "settings.DATABASES['default']['ENGINE'], settings.DEBUG, "
        "settings.ALLOWED_HOSTS",
        DJANGO_VAR_DIR=str(tmp_path),
    )
    assert (
        value == "django.db.backends.sqlite3 False ['localhost', '127.0.0.1', '[::1]']"
    )


@pytest.mark.parametrize(
    "url,backend,location",
    [
        ("", "locmem.LocMemCache", None),
        ("redis://cache:6379/1", "redis.RedisCache", "redis://cache:6379/1"),
        ("memcached://cache:11211", "memcached.PyMemcacheCache", "cache:11211"),
    ],
)
def test_cache_url_picks_the_backend(url, backend, location):
    config = cache_from_url(url)

    assert config["BACKEND"].endswith(backend)
    assert config.get("LOCATION") == location


def test_unknown_cache_url_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="must start with redis://"):
        cache_from_url("mongodb://db")
