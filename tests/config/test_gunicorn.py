"""gunicorn says at start which mode the site runs in."""

import tempfile

import pytest

from tests.support.served_site import gunicorn, prepare, site_environment


@pytest.fixture(scope="module")
def site_dir():
    with tempfile.TemporaryDirectory(prefix="portal-gunicorn-") as var_dir:
        prepare(site_environment(var_dir), seed=False)
        yield var_dir


def start_log(env, tmp_path) -> str:
    log = tmp_path / "gunicorn.log"
    with gunicorn(env, workers=1, log=log):
        pass
    return log.read_text(encoding="utf-8")


def test_a_local_trial_says_it_runs_on_plain_http(site_dir, tmp_path):
    text = start_log(site_environment(site_dir), tmp_path)

    assert "Portal mode: HTTPS off, debug off, database sqlite3, cache" in text
    assert "HTTPS is off" not in text  # loopback only: no warning


def test_plain_http_for_public_host_names_is_announced_as_a_warning(site_dir, tmp_path):
    env = site_environment(
        site_dir, DJANGO_ALLOWED_HOSTS="127.0.0.1,policy.example", DJANGO_HTTPS="0"
    )

    text = start_log(env, tmp_path)

    assert "Portal mode: HTTPS off" in text
    assert "[WARNING] HTTPS is off (DJANGO_HTTPS=0) for public host names" in text
