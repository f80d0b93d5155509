"""Real Redis and Memcached servers for the shared-cache tests.

CI starts both (``.ci/run``) and names them in ``PORTAL_TEST_REDIS_URL`` and
``PORTAL_TEST_MEMCACHED_URL``. Elsewhere a test starts its own on a free loopback
port when ``redis-server`` or ``memcached`` is installed, and is skipped when not,
unless ``PORTAL_REQUIRE_SHARED_CACHE`` is set (CI), where that is an error.
"""

import contextlib
import os
import shlex
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

from tests.support.served_site import free_port

SERVERS = {
    "redis": {
        "variable": "PORTAL_TEST_REDIS_URL",
        "program": "redis-server",
        "url": "redis://127.0.0.1:{port}/0",
        # No persistence: a test server keeps nothing.
        "command": "redis-server --bind 127.0.0.1 --port {port} --save '' "
        "--appendonly no",
    },
    "memcached": {
        "variable": "PORTAL_TEST_MEMCACHED_URL",
        "program": "memcached",
        "url": "memcached://127.0.0.1:{port}",
        "command": "memcached -l 127.0.0.1 -p {port} -U 0 -u nobody",
    },
}
INSTALL_HINT = (
    "Shared-cache tests need Redis and Memcached: "
    "apt-get install redis-server memcached"
)


def wait_for_port(port: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def own_database(url: str) -> str:
    """``url`` with a Redis database of this test process's own: processes
    running side by side (pytest-xdist) share CI's server, and one's clear()
    must not empty the pages another has just cached."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return f"{url.rsplit('/', 1)[0]}/{int(worker.removeprefix('gw')) % 16}"


@contextlib.contextmanager
def cache_server(kind: str) -> Iterator[str | None]:
    """Yield the URL of a running server of ``kind``, or None when there is none."""
    server = SERVERS[kind]
    if url := os.environ.get(server["variable"]):
        yield own_database(url) if kind == "redis" else url
        return
    if not shutil.which(server["program"]):
        yield None
        return
    port = free_port()
    process = subprocess.Popen(
        shlex.split(server["command"].format(port=port)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield server["url"].format(port=port)
    finally:
        process.terminate()
        process.wait(timeout=10)
