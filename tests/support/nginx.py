"""The shipped nginx site file, run on loopback in front of a gunicorn server.

The file is edited as an operator would edit it (certificate, paths, the upstream's
port, one ``server`` line per host when there are several) plus loopback ports instead
of 80 and 443, and nginx runs as this user with everything under a temporary folder.
It stops when the ``with`` block ends.
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from tests.support.certificates import self_signed

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "config/deploy/nginx.conf"
NGINX = shutil.which("nginx") or (
    "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
)
HOST = "policy.example.org"
# What a fresh Debian server has under /var before the site is set up: the base
# system's folders and those Debian's nginx packages make (dpkg -L nginx-common).
# Not /var/cache/nginx: only nginx.org's own packages make that.
STOCK_FOLDERS = ("run", "var/cache", "var/lib/nginx", "var/log/nginx", "var/tmp")
DEBIAN_MAIN = Path("/etc/nginx/nginx.conf")
# Compiled into Debian's nginx (nginx -V); nginx -t makes them.
DEBIAN_TEMP_PATHS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stock_root(folder: Path) -> Path:
    """A stand-in for / on a fresh server, holding only :data:`STOCK_FOLDERS`."""
    root = folder / "root"
    for name in STOCK_FOLDERS:
        (root / name).mkdir(parents=True, exist_ok=True)
    return root


def site_config(
    folder: Path,
    *,
    upstream: int | Sequence[int] = 8000,
    http: int = 80,
    https: int = 443,
    static_root: Path | None = None,
    media_root: Path | None = None,
) -> str:
    """The shipped file with this machine's paths and ports; what it names under
    /var lands in a stock server's layout (:func:`stock_root`). Several upstream
    ports give the upstream block one ``server`` line each, as for several hosts."""
    ports = [upstream] if isinstance(upstream, int) else list(upstream)
    servers = "\n    ".join(f"server 127.0.0.1:{port};" for port in ports)
    cert, key = self_signed(folder, HOST)
    root = stock_root(folder)
    shipped = re.sub(r"(?<=\s)/var/", f"{root}/var/", SITE.read_text(encoding="utf-8"))
    text = (
        shipped.replace("/etc/ssl/portal/fullchain.pem", str(cert))
        .replace("/etc/ssl/portal/privkey.pem", str(key))
        .replace("/srv/portal/var/static/", f"{static_root or ROOT / 'var/static'}/")
        .replace("/srv/portal/var/media/", f"{media_root or ROOT / 'var/media'}/")
        .replace("/srv/portal", str(ROOT))
        .replace("server 127.0.0.1:8000;", servers)
    )
    text = re.sub(r"listen \[::\]:\d+[^;]*;\n", "", text)
    text = text.replace("listen 80;", f"listen 127.0.0.1:{http};")
    return text.replace("listen 443 ssl", f"listen 127.0.0.1:{https} ssl")


def main_config(folder: Path, site: Path, *, workers: int = 1) -> str:
    """What Debian's /etc/nginx/nginx.conf does around a sites-enabled file."""
    mime = "/etc/nginx/mime.types"
    include = f"include {mime};" if Path(mime).exists() else ""
    # Run as root (CI), nginx would hand its workers to "nobody", who cannot write
    # into this private temporary folder.
    user = "user root;" if os.geteuid() == 0 else ""
    return f"""
{user}
worker_processes {workers};
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 1024; }}
http {{
    {include}
    sendfile on;
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {site};
}}
"""


def debian_config(folder: Path) -> Path:
    """Debian's own /etc/nginx/nginx.conf with the site file as its only enabled
    site, everything it names under /var and /run moved into :func:`stock_root`."""
    root = stock_root(folder)
    site = folder / "portal.conf"
    site.write_text(site_config(folder), encoding="utf-8")
    temp = "".join(
        f"{name}_temp_path {root}/var/lib/nginx/{name.removeprefix('client_')};"
        for name in DEBIAN_TEMP_PATHS
    )
    text = re.sub(r"(?<=\s)/(var|run)/", f"{root}/\\1/", DEBIAN_MAIN.read_text())
    text = text.replace("include /etc/nginx/sites-enabled/*;", f"{temp}include {site};")
    main = folder / "nginx.conf"
    main.write_text(text, encoding="utf-8")
    return main


def write_configs(folder: Path, **site_options) -> Path:
    site = folder / "portal.conf"
    site.write_text(site_config(folder, **site_options), encoding="utf-8")
    main = folder / "nginx.conf"
    main.write_text(main_config(folder, site), encoding="utf-8")
    return main


@contextlib.contextmanager
def nginx_in_front(
    upstream_url: str | Sequence[str],
    folder: Path,
    *,
    static_root=None,
    media_root=None,
) -> Iterator[tuple[str, str]]:
    """nginx on loopback before the gunicorn at ``upstream_url``, or before each of
    several (a list of URLs: one upstream ``server`` per host); yields the HTTP and
    HTTPS base URLs (self-signed: use ``insecure_context()``)."""
    urls = [upstream_url] if isinstance(upstream_url, str) else upstream_url
    upstream = [int(url.rstrip("/").rsplit(":", 1)[1]) for url in urls]
    http, https = free_port(), free_port()
    main = write_configs(
        folder,
        upstream=upstream,
        http=http,
        https=https,
        static_root=static_root,
        media_root=media_root,
    )
    subprocess.run([NGINX, "-t", "-q", "-c", str(main), "-p", str(folder)], check=True)
    server = subprocess.Popen(
        [NGINX, "-c", str(main), "-p", str(folder), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", https), timeout=1).close()
                break
            if time.monotonic() > deadline:
                raise RuntimeError("nginx did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{http}", f"https://127.0.0.1:{https}"
    finally:
        server.send_signal(signal.SIGQUIT)
        server.wait(timeout=10)


def insecure_context() -> ssl.SSLContext:
    """For the self-signed certificate on loopback."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context
