"""Adding a language is its declaration, one generated migration and its catalogs.

A copy of the project gets a seventh language in config/settings.py, as an
operator would add it; ``makemigrations`` must write exactly one migration, and
the suite that walks every public page type and every admin form in every
declared language (tests/portal/test_every_language.py) must pass there. Before
issue 30, the same change made every page answer 500.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Japanese: Django knows its name, direction and formats, and the site has no
# catalog for it, so its interface falls back to the English message ids.
SEVENTH = ("ja", "Japanese")
COPIED = ("manage.py", "pyproject.toml", "config", "portal", "locale", "seeds", "tests")
SKIPPED = shutil.ignore_patterns("__pycache__", "*.pyc", "var", ".pytest_cache")


def run(*command, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )


@pytest.fixture
def project(tmp_path) -> Path:
    copy = tmp_path / "project"
    copy.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=SKIPPED)
        else:
            shutil.copy2(source, copy / name)
    return copy


def test_a_seventh_language_needs_only_its_declaration_and_one_migration(
    project, tmp_path
):
    code, name = SEVENTH
    settings_file = project / "config/settings.py"
    settings_file.write_text(
        settings_file.read_text()
        + f"\nLANGUAGES = [*LANGUAGES, ({code!r}, _({name!r}))]\n"
    )
    var = tmp_path / "var"
    var.mkdir()
    # The same local settings the suite runs with (a secret key, plain HTTP).
    local = Path(settings.VAR_DIR) / "local.env"
    if local.exists():
        shutil.copy2(local, var / "local.env")
    env = {
        **os.environ,
        "DJANGO_VAR_DIR": str(var),
        "PYTHONPATH": str(project),
    }
    env.pop("DATABASE_URL", None)  # the embedded database: this is about the code
    migrations = project / "portal/migrations"
    before = set(migrations.glob("0*.py"))

    made = run(
        sys.executable, "manage.py", "makemigrations", "portal", cwd=project, env=env
    )

    assert made.returncode == 0, made.stdout + made.stderr
    [added] = set(migrations.glob("0*.py")) - before
    assert f"title_{code}" in added.read_text()

    walked = run(
        sys.executable,
        "-m",
        "pytest",
        "tests/portal/test_every_language.py",
        "-q",
        "-p",
        "no:randomly",
        "-p",
        "no:cacheprovider",
        cwd=project,
        env=env,
    )

    assert walked.returncode == 0, walked.stdout[-4000:] + walked.stderr[-2000:]
    assert " passed" in walked.stdout and " failed" not in walked.stdout
