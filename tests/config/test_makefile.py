"""The Makefile on a fresh machine: it names the Python it needs before making
anything, and writes a trial's settings where the settings read them."""

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="no make here")


def checkout(tmp_path: Path) -> Path:
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def interpreter(tmp_path: Path, version: str) -> Path:
    """A stand-in ``python3`` that answers the version question with ``version``."""
    fake = tmp_path / f"python{version}"
    fake.write_text(f"#!/bin/sh\necho {version}\n", encoding="utf-8")
    fake.chmod(0o755)
    return fake


def make(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=folder,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("version", ["3.9", "3.10"])
def test_make_run_stops_at_once_on_a_python_older_than_3_11(tmp_path, version):
    """Ubuntu 22.04's python3 is 3.10: say so before a virtualenv is made."""
    folder = checkout(tmp_path)

    done = make(folder, f"PYTHON={interpreter(tmp_path, version)}", "run")

    assert done.returncode != 0
    assert f"needs Python 3.11 or newer; {tmp_path}/python{version} is {version}" in (
        done.stderr
    )
    assert not (folder / ".venv").exists()


def test_a_new_enough_python_passes_the_check(tmp_path):
    folder = checkout(tmp_path)

    done = make(folder, f"PYTHON={interpreter(tmp_path, '3.12')}", "run")

    assert "needs Python" not in done.stderr


def test_the_trial_settings_go_to_django_var_dir_where_settings_read_them(tmp_path):
    folder = checkout(tmp_path)
    var_dir = tmp_path / "elsewhere"

    done = make(folder, str(var_dir / "local.env"), DJANGO_VAR_DIR=str(var_dir))

    assert done.returncode == 0, done.stderr
    written = var_dir / "local.env"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert written.read_text().startswith("DJANGO_SECRET_KEY=")
    assert not (folder / "var").exists()
