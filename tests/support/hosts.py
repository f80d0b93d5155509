"""Several app hosts on one machine, for the multi-host test and benchmarks.

A database of their own on a PostgreSQL server, gunicorn hosts that can be
killed as a power cut would and started again where nginx expects them, and a
browser over urllib: cookies, the CSRF token in each form, multipart uploads.
"""

import contextlib
import http.cookiejar
import os
import secrets
import signal
import subprocess
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import psycopg
from bs4 import BeautifulSoup

from tests.support import nginx
from tests.support.served_site import ROOT, VENV_BIN, free_port, wait_until_up

HOST = nginx.HOST


def database_url(server: str, name: str) -> str:
    return urllib.parse.urlsplit(server)._replace(path=f"/{name}").geturl()


@contextlib.contextmanager
def fresh_database(server: str) -> str:
    """An empty database of its own on the server DATABASE_URL names."""
    name = f"hosts_{uuid.uuid4().hex[:12]}"
    admin = database_url(server, "postgres")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_url(server, name)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def query(url: str, sql: str, *params):
    with psycopg.connect(url) as connection:
        return connection.execute(sql, params).fetchall()


# Hosts --------------------------------------------------------------------------


class Host:
    """One app host: gunicorn on its own port, killed as a power cut would, and
    started again on the same port, where nginx expects it (served_site.gunicorn
    keeps its process to itself and takes a new port each time)."""

    def __init__(self, env: dict[str, str], *, workers: int = 2):
        self.env, self.workers = env, workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self) -> "Host":
        env = {
            **self.env,
            "PORT": str(self.port),
            "HOST": "127.0.0.1",
            "WEB_CONCURRENCY": str(self.workers),
        }
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-c", "config/gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_up(f"{self.url}/healthz")
        return self

    def kill(self) -> None:
        """SIGKILL the master and its workers at once: nothing gets to clean up."""
        master = self.process.pid
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        for pid in [master, *map(int, children)]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies, and the CSRF token sent back in each form, as a browser does.

    Every host is asked for the site's one public name, as nginx asks it (the
    page cache is keyed by host)."""

    def __init__(self, *, address: str | None = None):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            NoRedirect,
            urllib.request.HTTPCookieProcessor(self.jar),
            urllib.request.HTTPSHandler(context=nginx.insecure_context()),
        )
        self.address = address

    def request(self, url, *, data=None, headers=None, timeout=30):
        headers = {"Host": HOST, **(headers or {})}
        if self.address:
            headers["X-Forwarded-For"] = self.address
        if data is not None:
            headers.setdefault("Origin", f"http://{HOST}")
            headers.setdefault("Referer", f"http://{HOST}/")
        request = urllib.request.Request(url, data=data, headers=headers)
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode(errors="replace")

    def get(self, url):
        return self.request(url)

    def form(self, url, selector="form"):
        """The fields a browser would send from the page's form, as it stands."""
        status, _headers, body = self.get(url)
        assert status == 200, (url, status)
        form = BeautifulSoup(body, "html.parser").select_one(selector)
        fields = {}
        for field in form.select("input[name], select[name], textarea[name]"):
            name, kind = field["name"], field.get("type", "text")
            if field.name == "textarea":
                fields[name] = field.get_text()
            elif field.name == "select":
                chosen = field.select_one("option[selected]") or field.select_one(
                    "option"
                )
                fields[name] = chosen.get("value", "") if chosen else ""
            elif kind in ("checkbox", "radio"):
                if field.has_attr("checked"):
                    fields[name] = field.get("value", "on")
            elif kind not in ("submit", "button", "file", "image", "reset"):
                fields[name] = field.get("value", "")
        return fields

    def post(self, url, fields, files=None, *, send=None):
        body, content_type = multipart(fields, files or {})
        if send:
            return send(url, body, content_type, self)
        return self.request(url, data=body, headers={"Content-Type": content_type})

    def cookie_header(self, url) -> str:
        request = urllib.request.Request(url, headers={"Host": HOST})
        self.jar.add_cookie_header(request)
        return request.get_header("Cookie", "")


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = f"----portal{secrets.token_hex(12)}"
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, (filename, content, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
