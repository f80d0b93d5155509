"""Several processes reading and writing one SQLite file never see "database is
locked": gunicorn's workers, an import and the admin share it in production."""

import json
import secrets
import subprocess
import sys

from bs4 import BeautifulSoup

from tests.support.django_process import ROOT, run_django

# Each writer reads and then writes inside one transaction, the pattern that fails
# at once with SQLite's default deferred transactions when another writer commits
# in between; readers run the public queries meanwhile.
SCRIPT = """
import json, multiprocessing, sys, time

def work(role, number, results):
    import django
    django.setup()
    from django.db import transaction
    from portal.models import PolicyField, Post
    errors, done = [], 0
    deadline = time.monotonic() + 4
    while time.monotonic() < deadline:
        try:
            if role == "writer":
                with transaction.atomic():
                    count = PolicyField.objects.count()
                    PolicyField.objects.create(
                        slug=f"w{number}-{done}", name_en=f"Field {count}"
                    )
            else:
                list(Post.objects.published()[:12])
                PolicyField.objects.count()
            done += 1
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
    results.put((role, done, errors[:3]))

if __name__ == "__main__":
    results = multiprocessing.Queue()
    roles = ["writer"] * 4 + ["reader"] * 4
    processes = [
        multiprocessing.Process(target=work, args=(role, n, results))
        for n, role in enumerate(roles)
    ]
    for process in processes:
        process.start()
    outcome = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join()
    print(json.dumps(outcome))
"""


def test_readers_and_writers_share_sqlite_without_locking_errors(tmp_path):
    env = {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "localhost",
    }
    migrated = run_django(["manage.py", "migrate", "-v", "0"], tmp_path, **env)
    assert migrated.returncode == 0, migrated.stderr
    script = tmp_path / "concurrency.py"
    script.write_text(SCRIPT)

    result = run_django([str(script)], tmp_path, PYTHONPATH=str(ROOT), **env)

    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    errors = [error for _role, _done, found in outcome for error in found]
    assert errors == []
    writes = sum(done for role, done, _ in outcome if role == "writer")
    reads = sum(done for role, done, _ in outcome if role == "reader")
    assert writes > 50 and reads > 100, outcome
    mode = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; "
            "print(sqlite3.connect(sys.argv[1]).execute('pragma journal_mode')"
            ".fetchone()[0])",
            str(tmp_path / "db.sqlite3"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert mode.stdout.strip() == "wal"


# An import holds SQLite's write lock from another connection while a staff
# member opens a change form. The form's GET takes the write lock too (the
# admin's and django-reversion's transaction.atomic, which this project begins
# IMMEDIATE), waits for it and gives up.
BUSY_SCRIPT = """
import json, sqlite3, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from django.db import connection
from django.conf import settings
from django.test import Client, override_settings
from portal.models import PolicyField

# Pages name static files without collectstatic's manifest.
static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
override_settings(STORAGES={**settings.STORAGES, "staticfiles": static}).enable()

field = PolicyField.objects.create(slug="energy", name_en="Energy")
client = Client(raise_request_exception=False)
client.force_login(get_user_model().objects.create_superuser("admin", "a@b.c", "pw"))
# Production waits 20 s for the lock; a fraction of a second shows the same.
connection.close()
connection.settings_dict["OPTIONS"]["timeout"] = 0.2
importer = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
importer.execute("BEGIN IMMEDIATE")
try:
    response = client.get(
        f"/admin/portal/policyfield/{field.pk}/change/",
        headers={"accept-language": "en"},
    )
finally:
    importer.execute("ROLLBACK")
print(json.dumps({
    "status": response.status_code,
    "retry_after": response.get("Retry-After"),
    "cache_control": response.get("Cache-Control"),
    "body": response.content.decode(),
}))
"""


def test_a_change_form_opened_during_an_import_says_busy_not_500(tmp_path):
    env = {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_HTTPS": "0",
    }
    migrated = run_django(["manage.py", "migrate", "-v", "0"], tmp_path, **env)
    assert migrated.returncode == 0, migrated.stderr
    script = tmp_path / "busy.py"
    script.write_text(BUSY_SCRIPT)

    result = run_django([str(script)], tmp_path, PYTHONPATH=str(ROOT), **env)

    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503, answer["body"][-2000:]
    assert int(answer["retry_after"]) > 0
    assert "no-store" in answer["cache_control"]
    page = BeautifulSoup(answer["body"], "html.parser")
    assert page.html["lang"] == "en"
    assert page.find("h1")
