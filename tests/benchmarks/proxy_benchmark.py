"""Traffic spikes at the proxy's speed: nginx (the shipped site file) before gunicorn.

    .venv/bin/python tests/benchmarks/proxy_benchmark.py --seconds 5

Serves the seeded portal under gunicorn (2 sync workers) behind nginx on loopback,
over HTTPS with a self-signed certificate, and measures in the same run, with wrk
(``-t2 -c64``, keep-alive, gzip):

1. nginx serving a static file as large as the home page on the wire: the ceiling;
2. anonymous pages through nginx, warm in its microcache: their ratio to (1);
3. 50 slow clients that open connections and send their headers a byte at a time,
   held while a normal visitor asks for a page ten times: that visitor's slowest
   answer (the target is under 1 s).
"""

import argparse
import contextlib
import socket
import ssl
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.load_benchmark import LOAD  # noqa: E402
from tests.support.nginx import HOST, insecure_context, nginx_in_front  # noqa: E402
from tests.support.served_site import gunicorn, prepare, site_environment  # noqa: E402

PAGES = {
    "home (ko)": "/ko/",
    "home (en)": "/en/",
    "news list (en)": "/en/news/",
    "programme list (ko)": "/ko/programs/",
    "partners (en)": "/en/partners/",
}


def fetch(url: str) -> tuple[bytes, dict]:
    request = urllib.request.Request(url, headers={"Host": HOST})
    with urllib.request.urlopen(request, context=insecure_context()) as response:
        return response.read(), dict(response.headers)


def fetch_gzipped(url: str) -> bytes:
    request = urllib.request.Request(
        url, headers={"Host": HOST, "Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, context=insecure_context()) as response:
        return response.read()


def load(url: str, seconds: int, connections: int) -> dict:
    """wrk, or the Python load generator where wrk is missing."""
    return LOAD(url, seconds, connections, headers=[f"Host: {HOST}"])


def slow_client(port: int, stop: threading.Event, opened: list) -> None:
    """Holds a TLS connection open, sending a request header a byte at a time."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with contextlib.suppress(OSError):
        raw = socket.create_connection(("127.0.0.1", port), timeout=30)
        with context.wrap_socket(raw) as conn:
            opened.append(1)
            header = f"GET /en/ HTTP/1.1\r\nHost: {HOST}\r\nX-Slow: ".encode()
            for byte in header:
                if stop.is_set():
                    return
                conn.send(bytes([byte]))
                time.sleep(0.5)
            while not stop.is_set():
                conn.send(b"a")
                time.sleep(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--slow-clients", type=int, default=50)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="portal-proxy-") as folder:
        env = site_environment(folder, DJANGO_ALLOWED_HOSTS=f"127.0.0.1,{HOST}")
        prepare(env)
        static_root = Path(folder) / "static"
        nginx_folder = Path(tempfile.mkdtemp(dir=folder))
        with (
            gunicorn(env) as upstream,
            nginx_in_front(upstream, nginx_folder, static_root=static_root) as (
                _http,
                https,
            ),
        ):
            home, _headers = fetch(f"{https}/ko/")
            wire = len(fetch_gzipped(f"{https}/ko/"))
            # A static file as large as the home page on the wire (gzipped), of a
            # type nginx sends as it is: the same bytes per answer, no page work.
            (static_root / "bench-home.bin").write_bytes(
                (bytes(range(256)) * 64)[:wire]
            )
            static = load(
                f"{https}/static/bench-home.bin", options.seconds, options.connections
            )
            print(
                f"nginx, {options.connections} connections, {options.seconds}s a run; "
                f"home page {len(home):,} bytes, {wire:,} gzipped"
            )
            print(
                f"\n{'page':<26}{'req/s':>9}{'p99 ms':>9}{'ratio':>7}"
                f"{'cache':>7}{'errors':>8}"
            )
            print(
                f"{'static file (home size)':<26}{static['rps']:9.0f}"
                f"{static['p99']:9.1f}"
                f"{1:7.2f}{'-':>7}{static['errors']:8d}"
            )
            for label, path in PAGES.items():
                fetch(f"{https}{path}")
                _body, headers = fetch(f"{https}{path}")
                result = load(f"{https}{path}", options.seconds, options.connections)
                print(
                    f"{label:<26}{result['rps']:9.0f}{result['p99']:9.1f}"
                    f"{result['rps'] / static['rps']:7.2f}"
                    f"{headers.get('X-Microcache', '?'):>7}{result['errors']:8d}",
                    flush=True,
                )

            port = int(https.rsplit(":", 1)[1])
            stop, opened = threading.Event(), []
            threads = [
                threading.Thread(target=slow_client, args=(port, stop, opened))
                for _ in range(options.slow_clients)
            ]
            for thread in threads:
                thread.start()
            time.sleep(2)
            times = []
            for _ in range(10):
                started = time.perf_counter()
                fetch(f"{https}/en/about/?visitor={time.monotonic()}")
                times.append((time.perf_counter() - started) * 1000)
            stop.set()
            for thread in threads:
                thread.join(timeout=5)
            print(
                f"\n{len(opened)} slow clients holding connections: a normal visitor's "
                f"answers took {statistics.median(times):.1f} ms median, "
                f"{max(times):.1f} ms at worst (target: under 1,000 ms)"
            )


if __name__ == "__main__":
    main()
