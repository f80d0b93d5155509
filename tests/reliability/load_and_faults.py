"""Load and faults at once: does the portal stay up, and is every admin save kept?

    make reliability                                   # SQLite, 60 s
    DATABASE_URL=postgres://…/empty make reliability   # PostgreSQL
    .venv/bin/python tests/reliability/load_and_faults.py --seconds 20

Serves the seeded portal under gunicorn with 4 workers and production settings (on
a throw-away SQLite database, or on the empty database DATABASE_URL names). For
``--seconds`` it then, all at once:

- sends public requests (every page type, both languages, search included) from
  ``--clients`` connections, bounded to ``--rate`` requests/s in all;
- signs in to the admin and adds posts through its form, one after another;
- runs ``import_seeds`` again and again, on a generated document of new entries
  and on the seeds;
- half-way through, kills one gunicorn worker with SIGKILL.

Afterwards it checks that every save the admin confirmed (a redirect after the
form) is in the database, that the master replaced the worker, and that the server
logged no error besides the killed worker. It prints requests, failures and 5xx
and exits 1 if a target is missed: no 5xx, no failure other than requests in
flight on the killed worker, no lost save, every import finished.
"""

import argparse
import http.client
import http.cookiejar
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.generate_seed import entries  # noqa: E402
from tests.support.served_site import (  # noqa: E402
    VENV_BIN,
    gunicorn,
    in_django,
    prepare,
    requested_database,
    site_environment,
)

WORKERS = 4
STAFF = ("reliability", "a-long-password-for-the-reliability-run")
# A request "in flight on the killed worker" started before the kill and failed
# at the connection level within this many seconds after it.
KILL_WINDOW = 2.0
CONNECTION_ERRORS = (ConnectionError, http.client.HTTPException, OSError)

PATHS_SCRIPT = """
import json
import django; django.setup()
from portal.models import PolicyField, Post, Program
posts = Post.objects.published().order_by("-published_at")
paths = [
    "/{lang}/", "/{lang}/news/", "/{lang}/news/?page=2", "/{lang}/about/",
    "/{lang}/videos/", "/{lang}/publications/", "/{lang}/programs/",
    "/{lang}/partners/", "/{lang}/feeds/rss/", "/{lang}/search/?q=climate+card",
    "/{lang}/search/?q=공유", "/sitemap.xml", "/sitemap-posts.xml", "/healthz",
]
for slug in posts.values_list("slug", flat=True)[:20]:
    paths.append(f"/{{lang}}/posts/{slug}/")
for slug in Program.objects.published().values_list("slug", flat=True):
    paths.append(f"/{{lang}}/programs/{slug}/")
for slug in PolicyField.objects.values_list("slug", flat=True)[:5]:
    paths.append(f"/{{lang}}/policy-fields/{slug}/")
from portal.languages import language_codes
print(json.dumps([p.format(lang=lang) for p in paths for lang in language_codes()]))
"""
STORED_SCRIPT = """
import json, sys
import django; django.setup()
from portal.models import Post
titles = json.loads(sys.argv[1])
print(json.dumps(list(Post.objects.filter(title_en__in=titles)
                      .values_list("title_en", flat=True))))
"""


@dataclass
class Outcome:
    started: float
    ended: float
    status: int | None = None
    error: str = ""


@dataclass
class Record:
    """What every thread saw, for the report. Appends are atomic in CPython."""

    public: list[Outcome] = field(default_factory=list)
    saves: list[tuple[str, Outcome]] = field(default_factory=list)
    imports: list[tuple[str, int, float]] = field(default_factory=list)
    killed_at: float | None = None
    killed_pid: int | None = None


def public_client(base, paths, rate, stop, record, seed):
    """One visitor connection with keep-alive, paced to ``rate`` requests/s."""
    rng = random.Random(seed)
    parts = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    next_at = time.monotonic()
    while time.monotonic() < stop:
        next_at += 1 / rate
        time.sleep(max(0.0, next_at - time.monotonic()))
        path = urllib.parse.quote(rng.choice(paths), safe="/?=&+")
        outcome = Outcome(started=time.monotonic(), ended=0)
        try:
            conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
            response = conn.getresponse()
            response.read()
            outcome.status = response.status
        except CONNECTION_ERRORS as error:
            outcome.error = f"{type(error).__name__}: {error} ({path})"
            conn.close()
        outcome.ended = time.monotonic()
        record.public.append(outcome)


class Editor:
    """A member of staff adding posts through the admin's own form."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def open(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def form_values(self, path: str, form_id: str) -> dict[str, str]:
        """Every field of a form with its current value, as a browser would send."""
        status, html = self.open(path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
        values = {}
        for element in form.find_all(["input", "select", "textarea"]):
            name, kind = element.get("name"), element.get("type", "")
            if not name or kind in ("submit", "file", "button"):
                continue
            if kind == "checkbox" and not element.has_attr("checked"):
                continue
            if element.name == "select":
                chosen = element.find("option", selected=True)
                options = [o.get("value", "") for o in element.find_all("option")]
                values[name] = chosen.get("value", "") if chosen else options[0]
            elif element.name == "textarea":
                values[name] = element.text
            else:
                values[name] = element.get("value", "")
        return values

    def sign_in(self) -> None:
        values = self.form_values("/admin/login/", "login-form")
        values.update(username=STAFF[0], password=STAFF[1], next="/admin/")
        status, _ = self.open("/admin/login/", values)
        if status != 302:
            raise RuntimeError(f"sign-in answered {status}")

    def add_post(self, title: str) -> tuple[int, str]:
        values = self.form_values("/admin/portal/post/add/", "post_form")
        values.update(
            title_ko=f"{title} (한국어)",
            title_en=title,
            slug=title.lower().replace(" ", "-"),
            summary_en="Saved during the reliability run.",
            body_en="Saved while visitors, an import and a killed worker competed.",
            status="published",
            _save="Save",
        )
        status, html = self.open("/admin/portal/post/add/", values)
        if status == 302:
            return status, ""
        # The form came back: say what it refused.
        soup = BeautifulSoup(html, "html.parser")
        refused = soup.select(".errornote, .errorlist li")
        return status, " / ".join(e.get_text(" ", strip=True) for e in refused)[:300]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A saved form answers 302; that answer is the confirmation, so keep it."""

    def redirect_request(self, *args, **kwargs):
        return None


def editor_loop(base, stop, record, pause):
    editor = Editor(base)
    editor.sign_in()
    number = 0
    while time.monotonic() < stop:
        number += 1
        title = f"Reliability save {number}"
        outcome = Outcome(started=time.monotonic(), ended=0)
        try:
            outcome.status, outcome.error = editor.add_post(title)
        except CONNECTION_ERRORS as error:
            outcome.error = f"{type(error).__name__}: {error}"
        outcome.ended = time.monotonic()
        record.saves.append((title, outcome))
        time.sleep(pause)


def import_loop(env, documents, stop, record):
    """import_seeds on each document in turn, as an operator re-running it would."""
    turn = 0
    while time.monotonic() < stop:
        document = documents[turn % len(documents)]
        turn += 1
        started = time.monotonic()
        done = subprocess.run(
            [
                str(VENV_BIN / "python"),
                "manage.py",
                "import_seeds",
                "-v",
                "0",
                *document,
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        label = " ".join(Path(p).name for p in document) or "seeds/"
        record.imports.append((label, done.returncode, time.monotonic() - started))
        if done.returncode:
            print(done.stderr[-2000:], file=sys.stderr)


def workers_of(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def killer(master, at, record):
    time.sleep(max(0.0, at - time.monotonic()))
    victim = random.choice(workers_of(master))
    record.killed_at = time.monotonic()
    record.killed_pid = victim
    os.kill(victim, signal.SIGKILL)


def in_flight_on_kill(outcome: Outcome, killed_at: float | None) -> bool:
    return (
        killed_at is not None
        and bool(outcome.error)
        and outcome.started <= killed_at
        and outcome.ended <= killed_at + KILL_WINDOW
        and outcome.ended >= killed_at
    )


def logged_errors(log: Path, killed_pid: int | None) -> list[str]:
    """ERROR lines (Django's JSON or gunicorn's) other than the kill itself."""
    lines = []
    for line in log.read_text(errors="replace").splitlines():
        if '"level": "ERROR"' not in line and "[ERROR]" not in line:
            continue
        if killed_pid and f"pid:{killed_pid}" in line:
            continue  # "Worker (pid:N) was sent SIGKILL!"
        lines.append(line)
    return lines


def percentile(values: list[float], n: int) -> float:
    return statistics.quantiles(values, n=100)[n - 1] * 1000 if len(values) > 1 else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rate", type=float, default=200, help="public requests/s")
    parser.add_argument("--save-pause", type=float, default=0.2)
    parser.add_argument("--entries", type=int, default=2000, help="import document")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="portal-reliability-") as var_dir:
        explicit = requested_database()
        env = site_environment(var_dir, **explicit)
        database = "PostgreSQL" if explicit else "SQLite"
        prepare(env)
        subprocess.run(
            [
                str(VENV_BIN / "python"),
                "manage.py",
                "createsuperuser",
                "--noinput",
                "--username",
                STAFF[0],
                "--email",
                "reliability@example.org",
            ],
            cwd=ROOT,
            env={**env, "DJANGO_SUPERUSER_PASSWORD": STAFF[1]},
            check=True,
            stdout=subprocess.DEVNULL,
        )
        document = Path(var_dir) / "more.txt"
        document.write_text("\n".join(entries(options.entries, seed=7)) + "\n")
        paths = in_django(env, PATHS_SCRIPT)
        log = Path(var_dir) / "server.log"
        pid_file = Path(var_dir) / "gunicorn.pid"
        record = Record()

        with gunicorn(
            env, workers=WORKERS, args=["--pid", str(pid_file)], log=log
        ) as base:
            master = int(pid_file.read_text())
            start = time.monotonic()
            stop = start + options.seconds
            per_client = options.rate / options.clients
            threads = [
                threading.Thread(
                    target=public_client,
                    args=(base, paths, per_client, stop, record, seed),
                )
                for seed in range(options.clients)
            ]
            threads += [
                threading.Thread(
                    target=editor_loop, args=(base, stop, record, options.save_pause)
                ),
                threading.Thread(
                    target=import_loop,
                    args=(env, [[str(document)], []], stop, record),
                ),
                threading.Thread(
                    target=killer, args=(master, start + options.seconds / 2, record)
                ),
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            time.sleep(1)  # let the master finish booting the replacement
            replaced = len(workers_of(master)) == WORKERS and (
                record.killed_pid not in workers_of(master)
            )
            with urllib.request.urlopen(base + "/healthz", timeout=10) as response:
                healthy = response.status == 200

        confirmed = [title for title, o in record.saves if o.status == 302]
        unconfirmed = [title for title, o in record.saves if o.status != 302]
        stored = set(in_django(env, STORED_SCRIPT, confirmed + unconfirmed))
        errors = logged_errors(log, record.killed_pid)

    return report(
        options,
        database,
        record,
        confirmed,
        unconfirmed,
        stored,
        replaced,
        healthy,
        errors,
    )


def report(
    options, database, record, confirmed, unconfirmed, stored, replaced, healthy, errors
) -> int:
    public = record.public
    server_errors = [o for o in public if o.status and o.status >= 500]
    failed = [o for o in public if o.error]
    on_kill = [o for o in failed if in_flight_on_kill(o, record.killed_at)]
    other = [o for o in failed if o not in on_kill]
    save_failures = [o for _, o in record.saves if o.status != 302]
    save_on_kill = [o for o in save_failures if in_flight_on_kill(o, record.killed_at)]
    lost = [title for title in confirmed if title not in stored]
    imports_failed = [entry for entry in record.imports if entry[1]]
    times = [o.ended - o.started for o in public if o.status]

    print(
        f"{database}, gunicorn {WORKERS} sync workers, {options.seconds:.0f} s, "
        f"{options.clients} clients at {options.rate:.0f} requests/s in all, "
        f"{os.cpu_count()} cores"
    )
    print(
        f"public requests     {len(public):6d}  ({len(public) / options.seconds:.0f}/s)"
    )
    p50, p99 = percentile(times, 50), percentile(times, 99)
    print(f"  p50 / p99 ms      {p50:6.1f} / {p99:.1f}")
    print(f"  5xx               {len(server_errors):6d}")
    print(f"  failed on kill    {len(on_kill):6d}  (in flight on the killed worker)")
    print(f"  other failures    {len(other):6d}")
    print(f"admin saves         {len(record.saves):6d}")
    print(
        f"  confirmed         {len(confirmed):6d}  stored {len(confirmed) - len(lost)}"
    )
    print(
        f"  unconfirmed       {len(unconfirmed):6d}  "
        f"({len(save_on_kill)} on the kill; stored anyway "
        f"{sum(t in stored for t in unconfirmed)})"
    )
    print(f"  lost              {len(lost):6d}")
    print(f"import_seeds runs   {len(record.imports):6d}  failed {len(imports_failed)}")
    for label in dict.fromkeys(label for label, _, _ in record.imports):
        spent = [seconds for name, _, seconds in record.imports if name == label]
        print(f"  {label:<18}{len(spent):6d}  {min(spent):.1f}–{max(spent):.1f} s each")
    print(f"worker killed       pid {record.killed_pid}; replaced: {replaced}")
    print(f"/healthz after      {'ok' if healthy else 'FAILED'}")
    print(f"errors in the log   {len(errors):6d}")
    for outcome in (other + [o for o in save_failures if o not in save_on_kill])[:10]:
        since_kill = outcome.ended - (record.killed_at or outcome.ended)
        print(f"  {outcome.status} {outcome.error} ({since_kill:+.1f} s from the kill)")
    # Whole lines: a logged error carries its traceback, and the cause is at its end.
    for line in errors[:10]:
        print(f"  {line}")
    missed = (
        server_errors
        or other
        or lost
        or imports_failed
        or [o for o in save_failures if o not in save_on_kill]
        or not replaced
        or not healthy
        or errors
        or not record.imports
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
