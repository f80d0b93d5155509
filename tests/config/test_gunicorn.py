"""gunicorn says at start which mode the site runs in."""

import tempfile
import urllib.request

import pytest
from bs4 import BeautifulSoup

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


@pytest.mark.parametrize(
    "header", [("X-Forwarded-Ssl", "on"), ("X-Forwarded-Proto", "https")]
)
def test_a_forwarded_https_header_does_not_poison_pages_for_plain_visitors(
    site_dir, header
):
    # gunicorn trusts these headers from loopback and tells Django "https".
    def canonical(base, *headers) -> str:
        request = urllib.request.Request(f"{base}/en/about/", headers=dict(headers))
        with urllib.request.urlopen(request, timeout=10) as response:
            page = BeautifulSoup(response.read(), "html.parser")
        return page.find("link", rel="canonical")["href"]

    with gunicorn(site_environment(site_dir), workers=1) as base:
        forged = canonical(base, header)
        plain = canonical(base)

    assert forged.startswith("https://")
    assert plain == f"{base}/en/about/"
