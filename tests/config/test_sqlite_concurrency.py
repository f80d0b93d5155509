"""Several processes reading and writing one SQLite file never see "database is
locked": gunicorn's workers, an import and the admin share it in production."""

import json
import secrets
import subprocess
import sys

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
