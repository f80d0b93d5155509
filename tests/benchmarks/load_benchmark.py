"""Requests per second of every public page type, against Django's own ceiling.

    make bench                                   # 10,000 entries, both cache modes
    .venv/bin/python tests/benchmarks/load_benchmark.py --entries 100 --seconds 3

Generates a seed document of N entries and imports it into a throw-away SQLite
database (or the empty database DATABASE_URL names), then serves the portal under
gunicorn with production settings (config/gunicorn.conf.py) and, under the same
server settings, the minimal Django view of minimal_site.py. Each page type in both
languages is loaded with wrk (``-t2 -c32``; a Python load generator when wrk is
missing) right after the minimal view, and its requests/s is reported as a ratio
to that neighbouring run, because these machines are noisy. Once with the page
cache on and once with it off (cold renders). Also: SQL queries per page (cold)
and bytes over the wire (gzip). At the top of the cold table, minimal_site's plain
Django page (a template listing 20 rows from the same database) is measured the same
way, as a yardstick for the cold rows.
"""

import argparse
import contextlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.generate_seed import import_entries  # noqa: E402
from tests.support.served_site import (  # noqa: E402
    gunicorn,
    in_django,
    prepare,
    requested_database,
    site_environment,
)

PAGES = {
    "home": "/{lang}/",
    "news list": "/{lang}/news/",
    "post": "/{lang}/posts/{post}/",
    "programme": "/{lang}/programs/{program}/",
    "partners": "/{lang}/partners/",
    "rss feed": "/{lang}/feeds/rss/",
    "search": "/{lang}/search/?q=climate+card",
}
SITEMAP = {"sitemap index": "/sitemap.xml", "sitemap posts": "/sitemap-posts.xml"}


def wrk(url: str, seconds: int, connections: int, headers=()) -> dict:
    """``headers``: more request headers, such as a Host for a proxy."""
    extra = [arg for header in headers for arg in ("-H", header)]
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            "Accept-Encoding: gzip",
            *extra,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(label: str) -> float:
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def python_load(url: str, seconds: int, connections: int, headers=()) -> dict:
    """Fallback when wrk is missing: threads with keep-alive connections; over
    HTTPS without checking the certificate (nginx's self-signed one on loopback)."""
    import http.client
    from urllib.parse import urlsplit

    from tests.support.nginx import insecure_context

    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    sent = {"Accept-Encoding": "gzip", **dict(h.split(": ", 1) for h in headers)}
    times, errors, stop = [], [0], time.monotonic() + seconds

    def connect():
        if parts.scheme == "https":
            return http.client.HTTPSConnection(
                parts.hostname, parts.port, context=insecure_context()
            )
        return http.client.HTTPConnection(parts.hostname, parts.port)

    def worker():
        conn = connect()
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                conn.request("GET", target, headers=sent)
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    errors[0] += 1
            except OSError:
                errors[0] += 1
                conn = connect()
                continue
            times.append((time.perf_counter() - started) * 1000)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cuts = statistics.quantiles(times, n=100)
    return {
        "rps": len(times) / seconds,
        "p50": cuts[49],
        "p99": cuts[98],
        "errors": errors[0],
    }


LOAD = wrk if shutil.which("wrk") else python_load


def wire_bytes(url: str) -> int:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        return len(response.read())


QUERIES_SCRIPT = """
import json, sys
import django; django.setup()
from django.conf import settings
settings.ALLOWED_HOSTS = ["*"]
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
counts = {}
for path in json.loads(sys.argv[1]):
    cache.clear()
    with CaptureQueriesContext(connection) as q:
        Client().get(path)
    counts[path] = len(q)
print(json.dumps(counts))
"""
SLUGS_SCRIPT = """
import json
import django; django.setup()
from portal.models import Post, Program
print(json.dumps({
    "post": Post.objects.published().latest("published_at").slug,
    "program": Program.objects.published().first().slug,
}))
"""


def queries_per_page(env: dict, paths: list[str]) -> dict[str, int]:
    """Cold SQL queries per path, counted in a Django process on the same database."""
    return in_django(env, QUERIES_SCRIPT, paths)


def slugs(env: dict) -> dict[str, str]:
    return in_django(env, SLUGS_SCRIPT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=4)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--gunicorn", default="", help="extra gunicorn arguments, e.g. '-k gthread'"
    )
    parser.add_argument(
        "--cache",
        choices=["on", "off", "both"],
        default="both",
        help="page cache on, off (cold renders) or both, one after the other",
    )
    options = parser.parse_args()
    extra = options.gunicorn.split()

    with tempfile.TemporaryDirectory(prefix="portal-bench-") as var_dir:
        explicit = requested_database()
        env = site_environment(var_dir, **explicit)
        prepare(env)
        import_entries(env, options.entries)
        names = slugs(env)
        paths = {
            f"{name} ({lang})": path.format(lang=lang, **names)
            for name, path in PAGES.items()
            for lang in ("ko", "en")
        }
        paths.update(SITEMAP)
        queries = queries_per_page(env, list(paths.values()))

        print(
            f"{options.entries:,} entries, {os.cpu_count()} cores, "
            f"{LOAD.__name__} -t2 -c{options.connections} {options.seconds}s per run, "
            f"gunicorn {' '.join(extra) or '(config defaults)'}"
        )
        modes = [("cache on", "600"), ("cache off", "0")]
        if options.cache != "both":
            modes = [mode for mode in modes if mode[0] == f"cache {options.cache}"]
        for mode, cache_seconds in modes:
            mode_env = {**env, "DJANGO_PAGE_CACHE_SECONDS": cache_seconds}
            with contextlib.ExitStack() as stack:
                portal = stack.enter_context(gunicorn(mode_env, args=extra))
                ceiling = stack.enter_context(
                    gunicorn(
                        env, args=[*extra, "tests.benchmarks.minimal_site:application"]
                    )
                )
                print(f"\n{mode}")
                print(
                    f"{'page':<22}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}"
                    f"{'ratio':>7}{'queries':>9}{'bytes':>8}{'errors':>8}"
                )
                if cache_seconds == "0":
                    # The other yardstick: 0.1 of the ceiling was meant to
                    # be about 1.5 times this page. Measured first: a cold sitemap
                    # file keeps both workers busy for seconds after wrk stops.
                    minimal = LOAD(ceiling + "/", options.seconds, options.connections)
                    plain = LOAD(
                        ceiling + "/plain-list/", options.seconds, options.connections
                    )
                    print(
                        f"{'plain 20-row page':<22}{plain['rps']:8.0f}"
                        f"{plain['p50']:8.1f}{plain['p99']:8.1f}"
                        f"{plain['rps'] / minimal['rps']:7.2f}{1:9d}"
                        f"{wire_bytes(ceiling + '/plain-list/'):8d}{plain['errors']:8d}"
                    )
                for label, path in paths.items():
                    url = portal + path
                    wire = wire_bytes(url)  # also warms the cache
                    minimal = LOAD(ceiling + "/", options.seconds, options.connections)
                    result = LOAD(url, options.seconds, options.connections)
                    print(
                        f"{label:<22}{result['rps']:8.0f}{result['p50']:8.1f}"
                        f"{result['p99']:8.1f}{result['rps'] / minimal['rps']:7.2f}"
                        f"{queries[path]:9d}{wire:8d}{result['errors']:8d}",
                        flush=True,
                    )
                print(f"(minimal view last run: {minimal['rps']:.0f} req/s)")


if __name__ == "__main__":
    main()
