"""config/deploy/postgres.sql makes a role and database the portal can migrate and
run on, with no more rights than that. Runs on PostgreSQL only (CI's second run)."""

import os
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.django_process import run_django

ROOT = Path(__file__).resolve().parents[2]
URL = os.environ.get("DATABASE_URL", "")


def psql() -> str | None:
    found = shutil.which("psql")
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/psql"))
    return str(versions[-1]) if versions else None


pytestmark = pytest.mark.skipif(
    not URL.startswith("postgres") or psql() is None,
    reason="needs the PostgreSQL server of DATABASE_URL and psql",
)


def test_the_setup_script_gives_a_role_that_can_migrate_and_nothing_more():
    server = urlsplit(URL)
    name = f"portal_setup_{secrets.token_hex(4)}"
    password = secrets.token_urlsafe(16)
    admin = [
        psql(),
        "-h",
        server.hostname,
        "-p",
        str(server.port or 5432),
        "-U",
        server.username or "postgres",
        "-d",
        "postgres",
        "-q",
    ]
    subprocess.run(
        [
            *admin,
            "-v",
            f"role={name}",
            "-v",
            f"database={name}",
            "-v",
            f"password={password}",
            "-f",
            str(ROOT / "config/deploy/postgres.sql"),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    try:
        url = f"postgres://{name}:{password}@{server.hostname}:{server.port}/{name}"
        with tempfile.TemporaryDirectory() as var_dir:
            migrated = run_django(
                ["manage.py", "migrate", "--noinput", "-v", "0"],
                var_dir,
                DATABASE_URL=url,
                DJANGO_DEBUG="1",
            )
        assert migrated.returncode == 0, migrated.stderr

        rights = subprocess.run(
            [
                *admin,
                "-At",
                "-c",
                f"SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles "
                f"WHERE rolname = '{name}'",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        assert rights == "f|f|f"
    finally:
        subprocess.run([*admin, "-c", f'DROP DATABASE IF EXISTS "{name}"'], check=False)
        subprocess.run([*admin, "-c", f'DROP ROLE IF EXISTS "{name}"'], check=False)
