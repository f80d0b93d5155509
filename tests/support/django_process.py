"""Django in a fresh process, configured only by what the test passes.

For what can only be seen from outside: settings refusing to load, several
processes sharing one SQLite file, a command killed half-way.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def django_env(var_dir, **env: str) -> dict[str, str]:
    """This process's environment without DJANGO_* or DATABASE_URL, plus ``env``;
    the database and runtime files live in ``var_dir``."""
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_VAR_DIR": str(var_dir),
        **env,
    }


def run_django(args, var_dir, **env: str) -> subprocess.CompletedProcess:
    """``python ARGS`` from the project folder, with :func:`django_env`."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=django_env(var_dir, **env),
        capture_output=True,
        text=True,
    )
