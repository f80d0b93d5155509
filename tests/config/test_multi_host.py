"""Two app hosts behind nginx, sharing one PostgreSQL database, one Redis and one
S3-compatible bucket, set up by environment variables only (docs/deploy.md,
"Several hosts").

Two gunicorn servers stand in for the hosts, each with its own empty folder: what
they share is what the variables name. Staff and visitors talk HTTP to each host
directly (as nginx would, with the site's one public name) and through the shipped
nginx file with both hosts as upstreams. The steps build on each other, in order.

Runs in the PostgreSQL pass (DATABASE_URL names the server; each run makes its
own databases there). On SQLite it is skipped, unless PORTAL_REQUIRE_MULTI_HOST
is set: then a missing piece is an error.
"""

import contextlib
import http.client
import http.cookiejar
import json
import os
import re
import subprocess
import tarfile
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from tests.support import cache_servers, nginx
from tests.support import s3_server as s3_support
from tests.support.hosts import Browser, Host, fresh_database, query
from tests.support.media import pdf, photo
from tests.support.s3_server import fetched
from tests.support.served_site import (
    ROOT,
    VENV_BIN,
    prepare,
    site_environment,
)

HOST = nginx.HOST
ADMIN = "/admin/"
PASSWORD = "a-long-test-password"
# The visitor address nginx appends to X-Forwarded-For for requests sent to a
# host directly in its place (DJANGO_TRUSTED_PROXY_COUNT=1).
EDITOR_ADDRESS = "198.51.100.10"


def need(reason: str):
    if os.environ.get("PORTAL_REQUIRE_MULTI_HOST"):
        pytest.fail(reason)
    pytest.skip(reason)


# PostgreSQL ---------------------------------------------------------------------


def server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        need(
            "Several hosts share one PostgreSQL database: set DATABASE_URL to a "
            "PostgreSQL server (the SQLite pass has none)"
        )
    return url


# The site -----------------------------------------------------------------------

USERS = """
import django, json, sys
django.setup()
from django.contrib.auth.models import Group, User
editors = Group.objects.get(name="Editors")
wanted = json.loads(sys.argv[1])
for name in wanted["names"]:
    user = User.objects.create_user(name, "", wanted["password"], is_staff=True)
    user.groups.add(editors)
"""


class Site:
    """What the module's steps share: the hosts, nginx, the bucket, the editor."""

    def __init__(self, *, folder, database, s3, bucket, env, a, b, proxy):
        self.folder, self.database, self.s3, self.bucket = folder, database, s3, bucket
        self.env, self.a, self.b, self.proxy = env, a, b, proxy
        self.editor = Browser(address=EDITOR_ADDRESS)
        self.post_slug = None
        self.image_id = None

    def keys(self) -> set[str]:
        return self.s3.keys(self.bucket)

    def image_files(self, image_id) -> set[str]:
        """The original and every rendition the image's row names."""
        (name, renditions), *_ = query(
            self.database,
            "SELECT file, renditions FROM portal_image WHERE id = %s",
            image_id,
        )
        return {name} | {
            row[2]
            for shape in renditions.values()
            for key in ("webp", "fallback")
            for row in shape[key]
        }


@pytest.fixture(scope="module")
def site(request):
    server = server_url()
    if not nginx.NGINX:
        need("nginx is not installed: apt-get install nginx-light openssl")
    if s3_support.WEED is None:
        need(s3_support.INSTALL_HINT)
    s3 = request.getfixturevalue("s3_server")
    with contextlib.ExitStack() as stack:
        redis = stack.enter_context(cache_servers.cache_server("redis"))
        if redis is None:
            need(cache_servers.INSTALL_HINT)
        database = stack.enter_context(fresh_database(server))
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="hosts-")))
        bucket = s3.new_bucket()
        shared = {
            "DATABASE_URL": database,
            # CI's Redis outlives a run and holds pages earlier databases cached:
            # a fresh database's versions start from the clock, past theirs.
            "DJANGO_CACHE_URL": redis,
            **s3.environment(bucket),
            "DJANGO_ALLOWED_HOSTS": f"{HOST},127.0.0.1",
            "DJANGO_TRUSTED_PROXY_COUNT": "1",
        }
        # One secret key for both (site_environment draws one per call).
        env_a = site_environment(str(folder / "a"), **shared)
        env_b = {**env_a, "DJANGO_VAR_DIR": str(folder / "b")}
        # Migrations once, from one host; static files on each (docs/deploy.md).
        static_b = subprocess.Popen(
            [str(VENV_BIN / "python"), "manage.py", "collectstatic", "--noinput"],
            cwd=ROOT,
            env=env_b,
            stdout=subprocess.DEVNULL,
        )
        prepare(env_a, seed=False)
        assert static_b.wait() == 0
        subprocess.run(
            [
                str(VENV_BIN / "python"),
                "-c",
                USERS,
                json.dumps({"names": ["editor", "guarded"], "password": PASSWORD}),
            ],
            cwd=ROOT,
            env={**env_a, "DJANGO_SETTINGS_MODULE": "config.settings"},
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (folder / "nginx").mkdir()
        a, b = Host(env_a), Host(env_b)
        for host in (a, b):
            stack.callback(host.stop)
            host.start()
        _http, proxy = stack.enter_context(
            nginx.nginx_in_front(
                [a.url, b.url], folder / "nginx", static_root=folder / "a/static"
            )
        )
        yield Site(
            folder=folder,
            database=database,
            s3=s3,
            bucket=bucket,
            env=env_a,
            a=a,
            b=b,
            proxy=proxy,
        )


# Steps --------------------------------------------------------------------------


def sign_in(browser: Browser, host: str, username: str, password: str = PASSWORD):
    login = f"{host}{ADMIN}login/"
    fields = browser.form(login, "#login-form")
    fields.update(username=username, password=password, next=ADMIN)
    return browser.post(login, fields)


def image_form(fields: dict, **changes) -> dict:
    return {
        **fields,
        "alt_text_ko": "한강 자전거길",
        "alt_text_en": "Cycling by the Han",
        "_continue": "1",
        **changes,
    }


def upload_image(browser: Browser, host: str, data: bytes, *, send=None):
    """The library's add form, as an editor fills it; the answer (``send``: how
    the request goes out, see :func:`slowly`)."""
    add = f"{host}{ADMIN}portal/image/add/"
    return browser.post(
        add,
        image_form(browser.form(add, "#image_form")),
        {"file": ("photo.jpg", data, "image/jpeg")},
        send=send,
    )


def changed_id(response) -> int:
    status, headers, body = response
    assert status == 302, (status, errors(body))
    return int(re.search(r"/(\d+)/change/", headers["Location"]).group(1))


def errors(body: str) -> str:
    page = BeautifulSoup(body, "html.parser")
    return " ".join(e.get_text(" ", strip=True) for e in page.select(".errorlist"))


def seoul_now() -> datetime:
    return datetime.now(ZoneInfo("Asia/Seoul")) - timedelta(minutes=1)


def post_form(browser: Browser, url: str, **changes) -> dict:
    fields = browser.form(url, "#post_form")
    when = seoul_now()
    fields.update(
        {
            "published_at_0": when.strftime("%Y-%m-%d"),
            "published_at_1": when.strftime("%H:%M:%S"),
            "_continue": "1",
            **changes,
        }
    )
    return fields


def pictures(body: str) -> list[str]:
    """Every image address the page's pictures offer (src and srcset)."""
    page = BeautifulSoup(body, "html.parser")
    urls = []
    for tag in page.select("main picture img, main picture source"):
        if tag.get("src"):
            urls.append(tag["src"])
        for candidate in tag.get("srcset", "").split(","):
            if candidate.strip():
                urls.append(candidate.split()[0])
    return urls


def test_an_image_uploaded_on_one_host_shows_on_the_other_from_the_bucket(site):
    assert sign_in(site.editor, site.a.url, "editor")[0] == 302
    image = changed_id(upload_image(site.editor, site.a.url, photo(seed=1)))
    add = f"{site.a.url}{ADMIN}portal/post/add/"
    slug = f"shared-{uuid.uuid4().hex[:8]}"
    fields = post_form(
        site.editor,
        add,
        kind="news",
        status="published",
        title_ko="여러 서버",
        title_en="Several hosts",
        slug=slug,
        body_en="<p>Served by any host.</p>",
        lead_image=str(image),
    )
    changed_id(site.editor.post(add, fields))
    site.post_slug, site.image_id = slug, image
    stored = site.keys()

    seen = {}
    for name, base in (("b", site.b.url), ("nginx", site.proxy)):
        status, _headers, body = Browser().get(f"{base}/en/posts/{slug}/")
        assert status == 200, name
        assert "Several hosts" in body
        seen[name] = pictures(body)

    bucket = f"{site.s3.endpoint}/{site.bucket}/"
    assert seen["b"] and seen["b"] == seen["nginx"]
    assert all(url.startswith(bucket) for url in seen["b"])
    assert {fetched(url) for url in seen["b"]} == {200}
    # Made once, by the host that saved the image: rendering made nothing new.
    assert stored == site.keys() == site.image_files(image)


def page(base: str, slug: str) -> tuple[str, list[str]]:
    status, headers, body = Browser().get(f"{base}/en/posts/{slug}/")
    assert status == 200, (base, status)
    return headers.get("X-Cache", ""), pictures(body)


def test_an_image_replaced_on_the_other_host_leaves_only_the_new_files(site):
    old = site.image_files(site.image_id)
    _cache, before = page(site.a.url, site.post_slug)
    assert page(site.a.url, site.post_slug)[0] == "hit"
    change = f"{site.b.url}{ADMIN}portal/image/{site.image_id}/change/"

    response = site.editor.post(
        change,
        image_form(site.editor.form(change, "#image_form")),
        {"file": ("new.jpg", photo(seed=3), "image/jpeg")},
    )

    assert changed_id(response) == site.image_id
    new = site.image_files(site.image_id)
    assert not new & old
    assert site.keys() == new
    cache, after = page(site.a.url, site.post_slug)
    assert cache == "miss"
    assert after and set(before).isdisjoint(after)
    assert {url.rsplit(f"/{site.bucket}/", 1)[1] for url in after} <= new
    assert {fetched(url) for url in after} == {200}
    assert {fetched(url) for url in before} == {404}


def test_wrong_passwords_on_both_hosts_add_up_to_one_lockout(site):
    intruder = Browser(address="203.0.113.77")
    tries = [
        sign_in(intruder, host, "guarded", "not-the-password")[0]
        for host in (site.a.url, site.a.url, site.a.url, site.b.url)
    ]
    fifth = sign_in(intruder, site.b.url, "guarded", "not-the-password")[0]

    assert tries == [200, 200, 200, 200]
    assert fifth == 429
    # The right password now: refused on either host, from that address or
    # another (axes locks the address and the user name).
    for browser, host in ((intruder, site.a.url), (Browser(), site.b.url)):
        status, _headers, body = sign_in(browser, host, "guarded")
        assert status == 429, host
        assert not BeautifulSoup(body, "html.parser").select("#login-form")
        assert browser.get(f"{host}{ADMIN}")[0] == 302, "signed in after all"


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", *args, "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def test_a_backup_taken_on_one_host_restores_on_a_fresh_database_and_bucket(
    site, tmp_path
):
    archive = tmp_path / "portal.tar.gz"
    manage(site.env, "backup", str(archive))
    with tarfile.open(archive) as opened:
        archived = {
            name.removeprefix("media/")
            for name in opened.getnames()
            if name.startswith("media/") and opened.getmember(name).isfile()
        }
    assert archived == site.keys()

    bucket = site.s3.new_bucket()
    with fresh_database(server_url()) as database:
        # B's folder for its collected static files: the host keeps nothing else.
        # The restored site takes over the old one's Redis, pages and all: a
        # restore files its pages under versions the old site never reached.
        env = {
            **site.env,
            **site.s3.environment(bucket),
            "DATABASE_URL": database,
            "DJANGO_VAR_DIR": site.b.env["DJANGO_VAR_DIR"],
        }
        manage(env, "migrate", "--noinput")
        manage(env, "restore", str(archive))
        restored = Host(env, workers=1).start()
        try:
            _cache, shown = page(restored.url, site.post_slug)
        finally:
            restored.stop()

    assert site.s3.keys(bucket) == archived
    assert shown and all(
        url.startswith(f"{site.s3.endpoint}/{bucket}/") for url in shown
    )
    assert {fetched(url) for url in shown} == {200}


class Probe(threading.Thread):
    """A visitor reading a page through nginx, a new address each time so that
    every request reaches a host (nginx's microcache keys on the address)."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.answers, self.done = url, [], threading.Event()

    def run(self):
        visitor = Browser()
        while not self.done.is_set():
            try:
                status, headers, _body = visitor.get(
                    f"{self.url}?probe={uuid.uuid4().hex}"
                )
                self.answers.append((status, headers.get("X-Microcache")))
            except OSError as error:
                self.answers.append((repr(error), None))
            time.sleep(0.05)

    def wait_for(self, count: int, timeout: float = 60) -> None:
        """Until ``count`` answers are in: a busy machine slows the visitor,
        and a fixed pause could end before it asked anything."""
        deadline = time.monotonic() + timeout
        while len(self.answers) < count:
            assert time.monotonic() < deadline, f"{len(self.answers)} answers"
            time.sleep(0.05)

    def stop(self) -> list:
        self.done.set()
        self.join(timeout=40)
        return self.answers


@contextlib.contextmanager
def probing(url: str):
    probe = Probe(url)
    probe.start()
    try:
        yield probe
    finally:
        probe.stop()


def slowly(kill):
    """Send a request's head and half its body in small pieces, then ``kill``
    the host while the rest is still on its way; the answer the client got."""

    def send(url, body, content_type, browser):
        parts = urllib.parse.urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        connection.putrequest("POST", parts.path, skip_host=True)
        headers = {
            "Host": HOST,
            "Cookie": browser.cookie_header(url),
            "Content-Type": content_type,
            "Content-Length": str(len(body)),
            "Origin": f"http://{HOST}",
            "Referer": url,
            "X-Forwarded-For": browser.address,
        }
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        half = len(body) // 2
        for start in range(0, half, half // 8):
            connection.send(body[start : min(start + half // 8, half)])
            time.sleep(0.1)
        kill()
        try:
            connection.send(body[half:])
            return connection.getresponse().status
        except OSError as error:
            return error
        finally:
            connection.close()

    return send


def images(site) -> int:
    return query(site.database, "SELECT count(*) FROM portal_image")[0][0]


def test_a_host_killed_mid_upload_leaves_nothing_and_the_other_keeps_serving(site):
    count, stored = images(site), site.keys()

    try:
        with probing(f"{site.proxy}/en/posts/{site.post_slug}/") as probe:
            probe.wait_for(3)
            answer = upload_image(
                site.editor, site.a.url, photo(seed=4), send=slowly(site.a.kill)
            )
            # Answers after the kill, from the host still standing.
            probe.wait_for(len(probe.answers) + 5)
    finally:
        # The next step needs host A again, whatever happened here.
        site.a.start()
    answers = probe.answers

    assert isinstance(answer, OSError), "the upload finished before the kill"
    assert images(site) == count
    assert site.keys() == stored
    assert {status for status, _cache in answers} == {200}
    assert {cache for _status, cache in answers} == {"MISS"}


def in_flight(request, *, until, then, timeout: float = 20):
    """Send ``request`` from another thread; call ``then`` as soon as ``until()``
    holds, while it is still being answered. Returns what the client got."""
    outcome = []
    sender = threading.Thread(target=lambda: outcome.append(request()), daemon=True)
    sender.start()
    deadline = time.monotonic() + timeout
    while not until():
        assert sender.is_alive(), f"answered before the moment came: {outcome}"
        assert time.monotonic() < deadline, "the moment never came"
        time.sleep(0.02)
    then()
    sender.join(timeout=timeout)
    return outcome[0]


def test_a_host_killed_mid_publish_shows_nothing_half_made(site):
    """Killed once the publication's file is in the bucket: its row, its cover and
    the cover's renditions were still to come, in the same transaction."""
    # Sessions live in the database: the restarted host still knows the editor.
    assert site.editor.get(f"{site.a.url}{ADMIN}")[0] == 200
    stored = site.keys()
    add = f"{site.a.url}{ADMIN}portal/post/add/"
    slug = f"killed-{uuid.uuid4().hex[:8]}"
    fields = post_form(
        site.editor,
        add,
        kind="publication",
        status="published",
        title_ko="중단된 발행",
        title_en="Cut short",
        slug=slug,
        lead_image=str(site.image_id),
    )

    def publish():
        try:
            return site.editor.post(
                add, fields, {"file": ("report.pdf", pdf(), "application/pdf")}
            )
        except OSError as error:
            return error

    with probing(f"{site.proxy}/en/posts/{site.post_slug}/") as probe:
        answer = in_flight(
            publish, until=lambda: site.keys() - stored, then=site.a.kill
        )
        probe.wait_for(len(probe.answers) + 5)
    answers = probe.answers
    left = site.keys() - stored

    assert isinstance(answer, OSError), answer
    assert not query(site.database, "SELECT id FROM portal_post WHERE slug = %s", slug)
    assert Browser().get(f"{site.proxy}/en/posts/{slug}/")[0] == 404
    assert {status for status, _cache in answers} == {200}
    assert left, "the kill came before anything was written"
    for path in ("/en/", "/en/publications/", f"/en/posts/{site.post_slug}/"):
        status, _headers, body = Browser().get(f"{site.proxy}{path}")
        assert status == 200, path
        assert {fetched(url) for url in pictures(body)} <= {200}, path

    # What the dead host wrote, no row names: swept, and only that.
    manage(site.b.env, "delete_orphaned_files", "--older-than", "0")
    assert site.keys() == stored


def test_the_hosts_keep_no_uploads_of_their_own(site):
    """Everything went to the bucket: neither host's folder holds a file of it."""
    for host in ("a", "b"):
        media = site.folder / host / "media"
        assert not media.exists() or not any(media.rglob("*")), host
