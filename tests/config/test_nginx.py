"""The shipped nginx configuration: it passes ``nginx -t`` on a stock server, and in
front of a real gunicorn it redirects plain HTTP, microcaches anonymous pages and
bypasses the rest."""

import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.test import RequestFactory

from portal.middleware.client_ip import client_ip
from tests.support.nginx import (
    HOST,
    NGINX,
    SITE,
    debian_config,
    free_port,
    insecure_context,
    nginx_in_front,
    write_configs,
)
from tests.support.served_site import (
    gunicorn,
    prepare,
    rename_newest_post,
    site_environment,
)

INSTALL_HINT = "nginx is not installed: apt-get install nginx-light openssl"
# The old site's host name, which the site file hands to the site.
OLD_HOST = "www.seoulsolution.kr"


@pytest.fixture(scope="module")
def nginx():
    if NGINX and shutil.which("openssl"):
        return NGINX
    if os.environ.get("PORTAL_REQUIRE_NGINX"):
        pytest.fail(INSTALL_HINT)
    pytest.skip(INSTALL_HINT)


def test_the_shipped_nginx_configuration_passes_nginx_t_on_a_stock_server(
    nginx, tmp_path
):
    """Its paths under /var land in a fresh Debian layout (tests/support/nginx.py):
    nginx makes the cache's own folder, never a missing parent."""
    main = write_configs(tmp_path)

    result = subprocess.run(
        [nginx, "-t", "-c", str(main), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_the_site_file_passes_nginx_t_under_debians_own_nginx_conf(nginx, tmp_path):
    """As docs/deploy.md installs it: linked from sites-enabled, included by the
    stock main file with its http-wide defaults."""
    main = debian_config(tmp_path)

    # Debian's prefix, where the enabled modules are found.
    result = subprocess.run(
        [nginx, "-t", "-c", str(main)],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "root/var/cache/nginx-portal").is_dir()


def test_several_hosts_are_one_server_line_each_and_pass_nginx_t(nginx, tmp_path):
    main = write_configs(tmp_path, upstream=[8001, 8002])
    site = (tmp_path / "portal.conf").read_text(encoding="utf-8")

    result = subprocess.run(
        [nginx, "-t", "-c", str(main), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "server 127.0.0.1:8001;" in site and "server 127.0.0.1:8002;" in site
    assert "server 127.0.0.1:8000;" not in site


def test_the_configuration_keeps_what_the_deployment_needs():
    text = SITE.read_text(encoding="utf-8")

    assert "return 301 https://$server_name$request_uri;" in text
    assert "$host$request_uri" not in text.split("listen 443")[0]
    assert "listen 443 ssl" in text and "ssl_certificate " in text
    assert "proxy_buffering on;" in text and "proxy_request_buffering on;" in text
    assert 'add_header Cache-Control "public, max-age=31536000, immutable";' in text
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in text
    for bypass in ("sessionid=", "/search/", "/preview/", "/admin/"):
        assert bypass in text
    # An expired copy is never handed out while a host can answer: it may name
    # files deleted since (tests/config/test_multi_host.py).
    stale = re.search(r"proxy_cache_use_stale ([^;]*);", text).group(1).split()
    assert "updating" not in stale


@pytest.fixture(scope="module")
def proxied(nginx):
    with tempfile.TemporaryDirectory(prefix="portal-nginx-") as folder:
        env = site_environment(
            folder,
            DJANGO_ALLOWED_HOSTS=f"127.0.0.1,{HOST}",
            DJANGO_OLD_SITE_HOSTS=OLD_HOST,
            DJANGO_SITE_URL=f"https://{HOST}",
        )
        prepare(env)
        with (
            gunicorn(env) as upstream,
            nginx_in_front(
                upstream,
                Path(tempfile.mkdtemp(dir=folder)),
                static_root=f"{folder}/static",
                media_root=f"{folder}/media",
            ) as (http, https),
        ):
            yield env, http, https


def get(url: str, **headers) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers={"Host": HOST, **headers})
    try:
        with urllib.request.urlopen(request, context=insecure_context()) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), ""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_plain_http_moves_to_https_except_the_health_check(proxied):
    _env, http, _https = proxied
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as moved:
        opener.open(urllib.request.Request(f"{http}/en/", headers={"Host": HOST}))

    assert moved.value.code == 301
    assert moved.value.headers["Location"] == f"https://{HOST}/en/"
    with opener.open(
        urllib.request.Request(f"{http}/healthz", headers={"Host": HOST})
    ) as ok:
        assert ok.status == 200


def test_the_https_redirect_ignores_a_forged_host(proxied):
    _env, http, _https = proxied
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as moved:
        opener.open(
            urllib.request.Request(f"{http}/en/", headers={"Host": "evil.example"})
        )

    assert moved.value.headers["Location"] == f"https://{HOST}/en/"


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_the_old_sites_host_reaches_this_sites_page_in_one_hop(proxied, scheme):
    _env, http, https = proxied
    opener = urllib.request.build_opener(
        NoRedirect, urllib.request.HTTPSHandler(context=insecure_context())
    )
    base = https if scheme == "https" else http
    with pytest.raises(urllib.error.HTTPError) as moved:
        opener.open(
            urllib.request.Request(
                f"{base}/en/node/424242?ref=mail", headers={"Host": OLD_HOST}
            )
        )

    assert moved.value.code == 301
    assert moved.value.headers["Location"] == f"https://{HOST}/en/"


def test_static_files_are_never_sniffed_into_another_type(proxied):
    _env, _http, https = proxied

    status, headers, _body = get(f"{https}/static/portal/css/site.css")

    assert status == 200
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_static_files_carry_one_cache_control(proxied):
    """Two would leave each cache to pick one: ``expires`` writes its own."""
    _env, _http, https = proxied
    request = urllib.request.Request(
        f"{https}/static/portal/css/site.css", headers={"Host": HOST}
    )

    with urllib.request.urlopen(request, context=insecure_context()) as response:
        cache_control = response.headers.get_all("Cache-Control")

    assert cache_control == ["public, max-age=31536000, immutable"]


def test_anonymous_pages_come_from_the_microcache_and_the_rest_bypass_it(proxied):
    _env, _http, https = proxied
    get(f"{https}/en/programs/")
    status, headers, _body = get(f"{https}/en/programs/")

    assert status == 200 and headers["X-Microcache"] == "HIT"
    assert "s-maxage=5" in headers["Cache-Control"]
    assert get(f"{https}/en/search/?q=seoul")[1]["X-Microcache"] == "BYPASS"
    staff = get(f"{https}/en/programs/", Cookie="sessionid=abc")
    assert staff[1]["X-Microcache"] == "BYPASS"
    static = get(f"{https}/favicon.ico")
    assert static[0] in (200, 301, 302)


def test_renditions_are_kept_for_good_and_uploads_stay_inert(proxied):
    env, _http, https = proxied
    media = Path(env["DJANGO_VAR_DIR"]) / "media"
    (media / "CACHE/images/x").mkdir(parents=True)
    (media / "CACHE/images/x/0a1b.webp").write_bytes(b"RIFF....WEBP")
    (media / "images").mkdir(parents=True)
    (media / "images/photo.jpg").write_bytes(b"JFIF")

    status, rendition, _body = get(f"{https}/media/CACHE/images/x/0a1b.webp")
    _status, original, _body = get(f"{https}/media/images/photo.jpg")

    assert status == 200
    assert rendition["Cache-Control"] == "public, max-age=31536000, immutable"
    for headers in (rendition, original):
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in headers["Content-Security-Policy"]
    assert "immutable" not in original.get("Cache-Control", "")


def test_an_edit_shows_through_the_proxy_within_the_microcache_lifetime(proxied):
    env, _http, https = proxied
    get(f"{https}/en/news/")
    rename_newest_post(env, "Edited behind the proxy")
    edited = time.monotonic()
    while "Edited behind the proxy" not in get(f"{https}/en/news/")[2]:
        assert time.monotonic() - edited < 7, "not visible within the 5 s lifetime"
        time.sleep(0.25)


class EchoHeaders(BaseHTTPRequestHandler):
    """An upstream that answers with the request headers it received."""

    def do_GET(self):
        body = json.dumps(dict(self.headers)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def echoed(nginx, tmp_path_factory):
    upstream = ThreadingHTTPServer(("127.0.0.1", free_port()), EchoHeaders)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    try:
        with nginx_in_front(
            f"http://127.0.0.1:{upstream.server_port}", tmp_path_factory.mktemp("echo")
        ) as (_http, https):
            yield https
    finally:
        upstream.shutdown()


@pytest.mark.parametrize(
    ("sent", "proxies", "visitor"),
    [
        # nginx alone: the address nginx took the connection from.
        (None, 1, "127.0.0.1"),
        # Written by the client itself: ignored.
        ("203.0.113.9", 1, "127.0.0.1"),
        # A balancer in front of nginx appended its visitor's address.
        ("198.51.100.7", 2, "198.51.100.7"),
    ],
)
def test_the_site_sees_the_visitor_address_nginx_forwards(
    echoed, settings, sent, proxies, visitor
):
    """portal/middleware/client_ip.py counts proxies from the right of
    X-Forwarded-For, so nginx must append to it, as docs/deploy.md says."""
    headers = {"X-Forwarded-For": sent} if sent else {}
    _status, _headers, body = get(f"{echoed}/{sent}-{proxies}", **headers)
    forwarded = json.loads(body)["X-Forwarded-For"]
    settings.TRUSTED_PROXY_COUNT = proxies

    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == visitor
