"""docs/operations.md, "Restoring on a new machine", followed as written: in an
empty folder with no settings of its own, `make migrate static`, `restore FILE`,
then gunicorn serves the restored site."""

import os
import shutil
import subprocess
import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from tests.factories import PartnerFactory, PostFactory
from tests.portal.test_uploads import image_bytes
from tests.support.served_site import ROOT, VENV_BIN, gunicorn

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("make") is None, reason="no make here"),
]


def new_machine(var_dir) -> dict[str, str]:
    """This environment without any setting a fresh machine would not have: no
    key, no hosts, no database, so only what the documented steps write counts."""
    kept = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("DJANGO_") and name != "DATABASE_URL"
    }
    return {**kept, "DJANGO_VAR_DIR": str(var_dir)}


def test_the_documented_restore_works_on_a_new_machine(tmp_path):
    # One title in every language: the address is in whichever is active.
    title = "새 기계에서 복원한 글 / Restored on a new machine"
    post = PostFactory(title_ko=title, title_en=title, status="published")
    partner = PartnerFactory(name_en="Restored partner")
    partner.logo.save("logo.png", ContentFile(image_bytes("PNG")), save=True)
    archive = tmp_path / "portal-backup.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    env = new_machine(tmp_path / "new-var")

    subprocess.run(["make", "migrate", "static"], cwd=ROOT, env=env, check=True)
    restored = subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "restore", str(archive)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )

    assert restored.returncode == 0, restored.stderr
    with gunicorn(env, workers=1) as base:
        with urllib.request.urlopen(f"{base}{post.get_absolute_url()}") as page:
            assert title in page.read().decode()
        with urllib.request.urlopen(f"{base}{partner.logo.url}") as logo:
            assert logo.read() == partner.logo.open("rb").read()
        with urllib.request.urlopen(f"{base}/healthz") as health:
            assert health.status == 200
