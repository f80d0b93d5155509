"""Throw hostile requests at the portal as deployed: gunicorn, production settings.

    .venv/bin/python tests/reliability/fuzz_urls.py [--requests 3000] [--seed 1]

Serves the seeded site under gunicorn, then sends random hostile paths and query
strings for every public URL pattern and every public page of the seeded site,
both read from the URLconf (tests/support/public_pages.py, tests/support/hostile.py),
plus raw request
lines a client library would refuse to send (invalid UTF-8, NUL bytes, traversal,
overlong lines). Prints the answers by status and exits 1 if any was a 5xx, a
status outside 2xx/3xx/400/404, or showed a traceback, or if the server logged an
error (django.security's records of refused attacks aside).

One exception: gunicorn refuses a request line over 4,094 bytes with 414 before
Django sees it, as a proxy would; Django's own answers to 10 KB query strings are
covered by tests/portal/pages/test_hostile_input.py.
"""

import argparse
import collections
import http.client
import random
import socket
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.support.hostile import acceptable, hostile_path  # noqa: E402

GUNICORN_LINE_LIMIT = 4094  # gunicorn's limit_request_line


def expected(status: int, request_line_bytes: int) -> bool:
    too_long = status == 414 and request_line_bytes > GUNICORN_LINE_LIMIT
    return acceptable(status) or too_long


from tests.support.served_site import (  # noqa: E402
    gunicorn,
    in_django,
    prepare,
    site_environment,
)

# The URL patterns and the seeded site's pages, read in a Django process on its
# database (this one has no settings). The test environment lets the probing
# client's "testserver" host in.
ADDRESSES = """
import json
import django
django.setup()
from django.test.utils import setup_test_environment
setup_test_environment()
from portal.languages import language_codes
from tests.support.public_pages import hostile_templates, public_addresses
pages = {a.path for lang in language_codes() for a in public_addresses(lang)}
print(json.dumps({"templates": hostile_templates(), "pages": sorted(pages)}))
"""

RAW_LINES = [
    b"GET /ko/posts/\xff\xfe/ HTTP/1.1",
    b"GET /en/search/?q=\xc3\x28 HTTP/1.1",
    b"GET /en/\x00/ HTTP/1.1",
    b"GET /../../etc/passwd HTTP/1.1",
    b"GET /static/../../config/settings.py HTTP/1.1",
    b"GET /media/../var/local.env HTTP/1.1",
    b"GET /en/news/?page=" + b"9" * 5000 + b" HTTP/1.1",
    b"GET /" + b"a" * 9000 + b" HTTP/1.1",
    b"GET /ko/news/?%zz=%zz HTTP/1.1",
    b"GET http://evil.example/ko/ HTTP/1.1",
]


def fetch(base: str, path: str) -> tuple[int, bytes]:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "identity"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def raw(base: str, line: bytes) -> tuple[int, bytes]:
    parts = urlsplit(base)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(line + b"\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    statuses = collections.Counter()
    failures = []
    with tempfile.TemporaryDirectory(prefix="portal-fuzz-") as var_dir:
        env = site_environment(var_dir)
        prepare(env)
        addresses = in_django(env, ADDRESSES)
        log = Path(var_dir) / "server.log"
        with gunicorn(env, log=log) as base:
            for line in RAW_LINES:
                status, body = raw(base, line)
                statuses[status] += 1
                if not expected(status, len(line)) or b"Traceback" in body:
                    failures.append((status, line[:120].decode("latin-1")))
            for _ in range(options.requests):
                path = hostile_path(rng, addresses["templates"], addresses["pages"])
                status, body = fetch(base, path)
                statuses[status] += 1
                line_bytes = len(f"GET {path} HTTP/1.1")
                if not expected(status, line_bytes) or b"Traceback" in body:
                    failures.append((status, path[:120]))
        errors = [
            line
            for line in log.read_text().splitlines()
            if '"level": "ERROR"' in line and '"logger": "django.security' not in line
        ]
    total = sum(statuses.values())
    print(f"{total} requests ({len(RAW_LINES)} raw request lines), seed {options.seed}")
    for status, count in sorted(statuses.items()):
        print(f"  {status}: {count}")
    print(f"failures: {len(failures)}; errors in the server log: {len(errors)}")
    for status, path in failures[:20]:
        print(f"  {status} {path}")
    for line in errors[:5]:
        print(f"  {line[:300]}")
    sys.exit(1 if failures or errors else 0)


if __name__ == "__main__":
    main()
