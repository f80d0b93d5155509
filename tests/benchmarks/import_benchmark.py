"""Time `manage.py import_seeds` as an operator runs it: a fresh process each time.

    python tests/benchmarks/import_benchmark.py [ENTRIES]

Prints wall time (including Django's start-up) and peak resident memory of the
command for: the two real seeds, a generated document of ENTRIES (10,000 by default)
on an empty database, and the same document again (the idempotent re-run). Each run
uses a throw-away SQLite database unless DATABASE_URL is set.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.generate_seed import entries  # noqa: E402
from tests.support.served_site import site_environment  # noqa: E402


def run(args: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one command, measured from outside."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed: {process.stderr.read()}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        # Production settings on a throw-away folder, as the other benchmarks.
        env = site_environment(tmp)
        document = Path(tmp) / f"generated-{count}.txt"
        document.write_text("\n".join(entries(count)) + "\n", encoding="utf-8")
        size_mb = document.stat().st_size / 1e6

        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        baseline = run(["check"], env)
        seeds = run(["import_seeds", "-v", "0"], env)
        fresh = run(["import_seeds", "-v", "0", str(document)], env)
        again = run(["import_seeds", "-v", "0", str(document)], env)

    rows = [
        ("manage.py check (start-up baseline)", baseline),
        ("import the two seeds", seeds),
        (f"import {count:,} generated entries ({size_mb:.1f} MB)", fresh),
        (f"re-import the same {count:,} (nothing changes)", again),
    ]
    width = max(len(label) for label, _ in rows)
    print(f"{'run':<{width}}  {'wall s':>7}  {'peak MB':>8}")
    for label, (seconds, peak) in rows:
        print(f"{label:<{width}}  {seconds:7.2f}  {peak:8.1f}")


if __name__ == "__main__":
    main()
