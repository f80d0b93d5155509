"""The portal as an operator runs it: a fresh database, the seeds, gunicorn.

Scripts that measure the real thing (Lighthouse, screenshots, benchmarks) share
this: everything lives in a temporary folder, the server listens on a free
loopback port, and it stops when the ``with`` block ends.

    with served_site() as base_url:
        ...
"""

import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_environment(var_dir: str, **extra: str) -> dict[str, str]:
    """Production settings (DEBUG off) on a throw-away folder.

    A fresh SQLite database there, unless ``DATABASE_URL`` is passed explicitly:
    an inherited one may name a database that holds real content.
    """
    inherited = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return {
        **inherited,
        "DJANGO_VAR_DIR": var_dir,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on loopback: no redirect to HTTPS, cookies without Secure.
        "DJANGO_HTTPS": "0",
        **extra,
    }


def requested_database() -> dict[str, str]:
    """``DATABASE_URL`` when the person running a script named one on purpose: an
    empty database for the script to fill. :func:`site_environment` drops it otherwise.
    """
    url = os.environ.get("DATABASE_URL")
    return {"DATABASE_URL": url} if url else {}


def prepare(env: dict[str, str], *, seed: bool = True) -> None:
    manage = [str(VENV_BIN / "python"), "manage.py"]
    steps = [
        ["migrate", "--noinput", "-v", "0"],
        ["collectstatic", "--noinput", "-v", "0"],
    ]
    if seed:
        steps.append(["import_seeds", "-v", "0"])
    for step in steps:
        subprocess.run([*manage, *step], cwd=ROOT, env=env, check=True)


def in_django(env: dict, script: str, argument=None, *, checkout: Path = ROOT):
    """Run ``script`` in a Django process on the site's database; it prints JSON.

    ``checkout``: the project folder whose code runs (``python -c`` imports from
    the folder it runs in), for benchmarks that compare two commits.
    """
    done = subprocess.run(
        [str(VENV_BIN / "python"), "-c", script, json.dumps(argument)],
        cwd=checkout,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(f"The Django process in {checkout} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def rename_newest_post(env: dict[str, str], title: str) -> None:
    """Edit the newest published post from a shell, as an editor's save would."""
    code = (
        "from portal.models import Post\n"
        "post = Post.objects.published().order_by('-published_at', '-id').first()\n"
        f"post.title_en = {title!r}\n"
        "post.save()\n"
    )
    subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
    )


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str], *, workers: int = 2, args=(), log: Path | None = None
) -> Iterator[str]:
    """Run gunicorn with the project's configuration; yield its base URL.

    Its output (the JSON request log, errors) goes to ``log`` when given.
    """
    port = free_port()
    env = {
        **env,
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "WEB_CONCURRENCY": str(workers),
    }
    with contextlib.ExitStack() as stack:
        output = stack.enter_context(open(log, "ab")) if log else subprocess.DEVNULL
        server = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-c", "config/gunicorn.conf.py", *args],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(f"{base}/en/")
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)


@contextlib.contextmanager
def served_site(**settings: str) -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="portal-site-") as var_dir:
        env = site_environment(var_dir, **settings)
        prepare(env)
        with gunicorn(env) as base:
            yield base


ADD_MEDIA = (
    "import django, json\n"
    "django.setup()\n"
    "from tests.support.media import add_media_content\n"
    "print(json.dumps(add_media_content()))\n"
)


@contextlib.contextmanager
def served_site_with_media(**settings: str) -> Iterator[tuple[str, dict[str, str]]]:
    """The seeded site plus images, videos and a publication (tests/support/media):
    yields the base URL and the paths of the pages that show them."""
    with tempfile.TemporaryDirectory(prefix="portal-site-") as var_dir:
        env = site_environment(var_dir, **settings)
        prepare(env)
        paths = in_django(env, ADD_MEDIA)
        with gunicorn(env) as base:
            yield base, paths
