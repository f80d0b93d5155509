"""An import killed half-way (SIGKILL: no cleanup runs) leaves the database
exactly as it was, because everything is written in one transaction."""

import os
import re
import secrets
import select
import signal
import subprocess
import sys
import time

from tests.benchmarks.generate_seed import entries
from tests.support.django_process import ROOT, django_env, run_django

ENV = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "localhost",
}
# Everything the import writes: content, history and the content version.
WRITING = re.compile(rb"\[#+-+\] \d+/")  # the bar, part-filled
SNAPSHOT = ["manage.py", "dumpdata", "portal", "reversion", "--indent", "1"]


def manage(tmp_path, *args):
    result = run_django(["manage.py", *args], tmp_path, **ENV)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_import_killed_mid_run_leaves_the_database_unchanged(tmp_path):
    manage(tmp_path, "migrate", "-v", "0")
    manage(tmp_path, "import_seeds", "-v", "0")  # the real seeds: the "before"
    before = run_django(SNAPSHOT, tmp_path, **ENV).stdout
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("\n".join(entries(4000)) + "\n")

    importer = subprocess.Popen(
        [sys.executable, "manage.py", "import_seeds", str(corpus)],
        cwd=ROOT,
        env=django_env(tmp_path, **ENV),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # Wait until the progress bar shows rows written, then kill it.
    progress = b""
    deadline = time.monotonic() + 60
    while not WRITING.search(progress):
        assert time.monotonic() < deadline, progress
        ready, _, _ = select.select([importer.stderr], [], [], 1)
        if ready:
            progress += os.read(importer.stderr.fileno(), 4096)
    assert importer.poll() is None, "the import finished before it could be killed"
    importer.send_signal(signal.SIGKILL)
    importer.wait()

    after = run_django(SNAPSHOT, tmp_path, **ENV).stdout
    assert importer.returncode == -signal.SIGKILL
    assert after == before
    # And the next run imports everything, as if nothing had happened.
    summary = manage(tmp_path, "import_seeds", str(corpus))
    assert "created" in summary
