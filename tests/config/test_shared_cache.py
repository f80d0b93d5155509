"""Several hosts sharing one database and one Redis or Memcached page cache.

Two gunicorn servers stand in for two hosts. A page one of them renders is served
from the shared cache by the other, and a change made on either retires it on
both at once: no host ever serves the page as it was before the change.
"""

import os
import tempfile
import urllib.request

import pytest
from django.utils.module_loading import import_string

from config.env import cache_from_url
from tests.support.cache_servers import INSTALL_HINT, cache_server
from tests.support.served_site import (
    gunicorn,
    prepare,
    rename_newest_post,
    site_environment,
)


@pytest.fixture(scope="module")
def site_dir():
    """One seeded database for the module; each test changes a different post."""
    with tempfile.TemporaryDirectory(prefix="portal-shared-cache-") as var_dir:
        prepare(site_environment(var_dir))
        yield var_dir


@pytest.fixture(params=["redis", "memcached"])
def cache_url(request):
    with cache_server(request.param) as url:
        if url is None:
            if os.environ.get("PORTAL_REQUIRE_SHARED_CACHE"):
                pytest.fail(INSTALL_HINT)
            pytest.skip(INSTALL_HINT)
        config = cache_from_url(url)
        backend = import_string(config["BACKEND"])(config["LOCATION"], config)
        # CI's servers outlive one run: start from an empty cache.
        backend.clear()
        yield url


def fetch(url: str) -> tuple[str, str]:
    # As behind the proxy: every host is asked for the site's one public name
    # (the page cache is keyed by host).
    request = urllib.request.Request(url, headers={"Host": "localhost"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers["X-Cache"], response.read().decode()


def test_hosts_share_cached_pages_and_never_serve_them_stale(site_dir, cache_url):
    env = site_environment(site_dir, DJANGO_CACHE_URL=cache_url)
    title = f"Shared cache check on {cache_url.split(':')[0]}"

    with gunicorn(env, workers=1) as host_a, gunicorn(env, workers=1) as host_b:
        first = fetch(f"{host_a}/en/news/")
        from_other_host = fetch(f"{host_b}/en/news/")
        rename_newest_post(env, title)
        after_change = fetch(f"{host_b}/en/news/")
        back_on_first_host = fetch(f"{host_a}/en/news/")

    assert first[0] == "miss" and title not in first[1]
    assert from_other_host == ("hit", first[1])
    assert after_change[0] == "miss" and title in after_change[1]
    assert back_on_first_host == ("hit", after_change[1])


# Nothing listens on port 9 here: the cache server has died.
@pytest.mark.parametrize("dead", ["redis://127.0.0.1:9/0", "memcached://127.0.0.1:9"])
def test_a_cache_server_that_is_down_costs_speed_not_pages(site_dir, tmp_path, dead):
    env = site_environment(site_dir, DJANGO_CACHE_URL=dead)
    log = tmp_path / "gunicorn.log"

    with gunicorn(env, workers=1, log=log) as host:
        answers = [fetch(f"{host}/{lang}/news/") for lang in ("ko", "en")]

    assert [status for status, _ in answers] == ["miss", "miss"]
    assert all("</html>" in body for _, body in answers)
    assert "page cache unavailable" in log.read_text(encoding="utf-8")
