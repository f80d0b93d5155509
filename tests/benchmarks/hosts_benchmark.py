"""Two hosts sharing PostgreSQL, Redis and a bucket, against one host with local files.

    DATABASE_URL=postgres://postgres@127.0.0.1:54330/postgres \\
        .venv/bin/python tests/benchmarks/hosts_benchmark.py           # ~4 minutes
    .venv/bin/python tests/benchmarks/hosts_benchmark.py --seconds 1 --rounds 1

Issue 35: with two hosts and the bucket, the cached home page, a list and a post
through nginx reach at least 0.8 of what one host reaches with local files, per host;
an image page's first cold render takes at most 2 s, and later renders make no
request to the bucket beyond what local files would need.

One site (the seeds, ``--entries`` generated entries, and the images and publication
of tests/support/media.py) in a database of its own on the PostgreSQL server
DATABASE_URL names, dropped at the end (without one, a SQLite file both sides
share), served two ways that differ only in the number of hosts and where uploads
live: one host with local files (the bucket's files copied into its media folder,
so both show the same pages), and two hosts on the bucket of a SeaweedFS S3 server
on loopback. Both keep their page and results
caches in one Redis server (a database each: their pages name images at different
addresses). Each host is gunicorn with the project's configuration; nginx runs the
shipped site file (tests/support/nginx.py) over HTTPS, with one change: its
microcache is off (``proxy_cache off``). With it on, nginx answers a warm page
itself and the figure is nginx's, whatever stands behind it; one row shows that.

The load is wrk (``-t2``, keep-alive, gzip; a Python generator where wrk is
missing) on Korean pages. In each round every page is loaded on both sides, one
right after the other, the first side alternating between rounds; the ratio (per
host over one host) is taken within a round and its median printed, as this
machine is shared. "host CPU" is the user and system time of the hosts' gunicorn
processes over the requests they answered: what a request costs a host, whether
or not it had a core of its own; "by CPU" is one host's cost over a host's cost
with two, the per-host ratio hosts with cores of their own would show, as long as
nginx, Redis and PostgreSQL keep up. "cores" are those kept busy during a run by
the hosts / by the whole machine / by work not this script's (other people's
tests: what is not this script, what it started, or its database's backends).
Printed:

1. the cached pages, 2 workers a host (the configuration's default);
2. the same, 1 worker a host, measured beside one host with 1 worker: on a 2-core
   machine shared with nginx, Redis, PostgreSQL and the load generator, two hosts
   of 2 workers each cannot get more cores than one host already uses;
3. one host on the bucket with 1, 2 and 4 workers: the home page cached, and with
   the page cache off (the results cache stays on, as in load_benchmark.py);
4. the cold image page: a fresh photo saved through the admin (upload checks, the
   original and its renditions written to the bucket), then the first render of a
   post that shows it (page cache empty), in a Django process that rendered the
   same page type before and made an upload's address once; then the bucket's
   requests during later renders, cold and cached, beside the storage calls the
   same steps make on local files.
"""

import argparse
import contextlib
import os
import resource
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.generate_seed import import_entries  # noqa: E402
from tests.benchmarks.load_benchmark import LOAD  # noqa: E402
from tests.benchmarks.proxy_benchmark import fetch  # noqa: E402
from tests.support import nginx  # noqa: E402
from tests.support.cache_servers import INSTALL_HINT as REDIS_HINT  # noqa: E402
from tests.support.cache_servers import cache_server  # noqa: E402
from tests.support.hosts import Host, fresh_database  # noqa: E402
from tests.support.s3_server import INSTALL_HINT as S3_HINT  # noqa: E402
from tests.support.s3_server import s3_server  # noqa: E402
from tests.support.served_site import (  # noqa: E402
    ADD_MEDIA,
    in_django,
    prepare,
    requested_database,
    site_environment,
)

PAGES = {"home": "/ko/", "news list": "/ko/news/", "post": "/ko{post}"}
HEADERS = [f"Host: {nginx.HOST}"]

COLD_IMAGE_SCRIPT = """
import collections, json, sys, time, uuid
import django; django.setup()
from django.conf import settings
settings.ALLOWED_HOSTS = ["*"]
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from portal.models import Image, Post
from tests.support.media import photo

visitor, editor = Client(), Client()
editor.force_login(get_user_model().objects.create_superuser(
    f"bench-{uuid.uuid4().hex[:8]}", "", uuid.uuid4().hex))
post = (Post.objects.published().of_kind(Post.Kind.NEWS)
        .filter(lead_image__isnull=True).latest("published_at"))
with translation.override("ko"):
    url = post.get_absolute_url()
upload = SimpleUploadedFile("harbour.jpg", photo(seed=4), "image/jpeg")
report = {}
# A worker's first address of an upload: a bucket's client loads its models then.
started = time.perf_counter()
default_storage.url("images/first.jpg")
report["first address"] = {"seconds": time.perf_counter() - started}
# The same page type, rendered once: templates loaded, connections open, as in a
# worker that has served visitors before.
assert visitor.get(url).status_code == 200

# What reaches the medium: storage calls on any storage, requests on a bucket's.
storage = default_storage._wrapped
calls, requests = collections.Counter(), collections.Counter()

def counted(name, method):
    def call(*args, **kwargs):
        calls[name] += 1
        return method(*args, **kwargs)
    return call

for name in ("_open", "_save", "exists", "size", "listdir", "delete",
             "get_modified_time", "get_created_time", "get_accessed_time"):
    setattr(storage, name, counted(name, getattr(storage, name)))
if hasattr(storage, "connection"):
    def sent(request, **kwargs):
        requests[request.method] += 1
    storage.connection.meta.client.meta.events.register("before-send.s3", sent)

def step(**timing):
    found = {"calls": dict(calls), "requests": dict(requests), **timing}
    calls.clear(); requests.clear()
    return found

def rendered(times):
    started = time.perf_counter()
    answer = visitor.get(url)
    times.append(time.perf_counter() - started)
    return answer

started = time.perf_counter()
answer = editor.post(reverse("admin:portal_image_add"), {
    "file": upload, "alt_text_en": "The harbour at dawn", "focal_x": "",
    "focal_y": "", "_save": "Save"})
report["save"] = {"seconds": time.perf_counter() - started, **step()}
if answer.status_code != 302:
    sys.exit(f"The admin refused the image: {answer.status_code}")
image = Image.objects.latest("pk")
made = sum(len(files) for shape in image.renditions.values()
           for key, files in shape.items() if key != "fallback_type")
post.lead_image = image
post.save()
step()
times = []
answer = rendered(times)
report["first render"] = step(seconds=times[0])
assert answer.status_code == 200
assert image.renditions["wide"]["webp"][0][2] in answer.content.decode()
times = []
for _ in range(3):
    cache.clear()
    rendered(times)
report["3 cold renders"] = step(seconds=sorted(times)[1])
times = []
for _ in range(3):
    rendered(times)
report["3 cached renders"] = step(seconds=sorted(times)[1])
report["renditions"] = made
print(json.dumps(report))
"""


@dataclass
class Site:
    """nginx before one or more hosts: its HTTPS address, and the hosts."""

    url: str
    hosts: list[Host]


def without_microcache(folder: Path) -> Path:
    """The shipped site file with its microcache off, nothing else changed."""
    text = nginx.SITE.read_text(encoding="utf-8")
    if text.count("proxy_cache portal;") != 1:
        sys.exit("config/deploy/nginx.conf no longer says 'proxy_cache portal;' once")
    copy = folder / "portal-no-microcache.conf"
    copy.write_text(text.replace("proxy_cache portal;", "proxy_cache off;"))
    return copy


def processes(hosts: list[Host]) -> set[int]:
    """The hosts' gunicorn masters and their workers."""
    found = set()
    for host in hosts:
        master = host.process.pid
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        found |= {master, *map(int, children)}
    return found


def cpu_seconds(pids: set[int]) -> float:
    """User and system time the processes have used so far."""
    ticks = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def site(
    env: dict, scratch: Path, *, hosts: int, workers: int, microcache: bool = False
) -> Iterator[Site]:
    """``hosts`` gunicorn servers of ``workers`` each behind nginx."""
    with contextlib.ExitStack() as stack:
        started = []
        for _ in range(hosts):
            host = Host(env, workers=workers)
            stack.callback(host.stop)
            started.append(host.start())
        upstreams = [host.url for host in started]
        folder = Path(tempfile.mkdtemp(dir=scratch))
        shipped = nginx.SITE if microcache else without_microcache(folder)
        # nginx_in_front writes its configuration from nginx.SITE on the way in.
        with mock.patch.object(nginx, "SITE", shipped):
            _http, https = stack.enter_context(
                nginx.nginx_in_front(
                    upstreams,
                    folder,
                    static_root=Path(env["DJANGO_VAR_DIR"]) / "static",
                    media_root=Path(env["DJANGO_VAR_DIR"]) / "media",
                )
            )
        yield Site(https, started)


def machine_cpu_seconds() -> float:
    """Busy time of every core so far (all but idle and I/O wait), whoever used it."""
    fields = [int(n) for n in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def own_processes(database: str) -> set[int]:
    """This script and what it started (nginx, gunicorn, Redis, the S3 server, the
    load generator), and the PostgreSQL backends serving its database."""
    children, found = {}, set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            pid = int(stat.parent.name)
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(pid)
            title = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ")
            # A backend's title: "postgres: USER DATABASE ADDRESS STATE".
            if database and title.startswith(b"postgres: "):
                if f" {database} ".encode() in title:
                    found.add(pid)
    waiting = [os.getpid()]
    while waiting:
        pid = waiting.pop()
        found.add(pid)
        waiting += children.get(pid, [])
    return found


def waited_seconds() -> float:
    """CPU time of this script's children that have ended (each load run's wrk)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(target: Site, path: str, options) -> dict:
    """A load run, with what it cost the hosts per request, and the cores kept busy
    meanwhile: by the hosts, by the whole machine, and by others' work."""
    database = urlsplit(target.hosts[0].env.get("DATABASE_URL", "")).path[1:]
    pids, own = processes(target.hosts), own_processes(database)
    hosts, mine, waited = cpu_seconds(pids), cpu_seconds(own), waited_seconds()
    machine, started = machine_cpu_seconds(), time.monotonic()
    result = LOAD(target.url + path, options.seconds, options.connections, HEADERS)
    machine, elapsed = machine_cpu_seconds() - machine, time.monotonic() - started
    mine = cpu_seconds(own | own_processes(database)) - mine
    mine += waited_seconds() - waited
    hosts = cpu_seconds(pids) - hosts
    result["host ms"] = 1000 * hosts / max(1.0, result["rps"] * options.seconds)
    result["cores"] = tuple(
        seconds / elapsed for seconds in (hosts, machine, machine - mine)
    )
    return result


def warm(sites: list[Site], paths: dict[str, str], *, microcache: bool = False):
    """Every page once (the shared page cache fills), then a second of load on
    each, so that every worker has served requests before it is measured. Checks
    that nginx's microcache answers only where it is meant to."""
    for target in sites:
        for path in paths.values():
            fetch(target.url + path)
            _body, headers = fetch(target.url + path)
            if (headers.get("X-Microcache") == "HIT") != microcache:
                sys.exit(f"nginx's microcache is not {'on' if microcache else 'off'}")
        LOAD(target.url + "/ko/", 1, 32, HEADERS)


def summary(runs: list[dict]) -> dict:
    """Medians over rounds."""
    return {
        "rps": statistics.median(r["rps"] for r in runs),
        "host ms": statistics.median(r["host ms"] for r in runs),
        "cores": "/".join(
            f"{statistics.median(r['cores'][i] for r in runs):.1f}" for i in (0, 1, 2)
        ),
        "errors": sum(r["errors"] for r in runs),
    }


def compare(one: Site, two: Site, paths: dict[str, str], options) -> None:
    """One host against two, page by page, in rounds; prints a table."""
    runs = {label: {"one": [], "two": []} for label in paths}
    for number in range(options.rounds):
        order = [("one", one), ("two", two)]
        for label, path in paths.items():
            for name, target in order if number % 2 == 0 else order[::-1]:
                runs[label][name].append(measure(target, path, options))
    print(
        f"{'page':<12}{'1 host':>8}{'2 hosts':>9}{'per host':>9}{'ratio':>7}"
        f"{'host ms/req':>13}{'by CPU':>8}{'cores 1 host':>15}{'2 hosts':>14}"
        f"{'errors':>8}"
    )
    for label, both in runs.items():
        ratios = [b["rps"] / 2 / a["rps"] for a, b in zip(*both.values(), strict=True)]
        one, two = summary(both["one"]), summary(both["two"])
        cost = f"{one['host ms']:.2f}/{two['host ms']:.2f}"
        print(
            f"{label:<12}{one['rps']:8.0f}{two['rps']:9.0f}{two['rps'] / 2:9.0f}"
            f"{statistics.median(ratios):7.2f}{cost:>13}"
            f"{one['host ms'] / two['host ms']:8.2f}{one['cores']:>15}"
            f"{two['cores']:>14}{one['errors'] + two['errors']:8d}",
            flush=True,
        )


def workers_growing(env: dict, scratch: Path, options) -> None:
    """One host with 1, 2 and 4 workers, the home page cached and not."""
    counts = (1, 2, 4)
    print(
        f"{'home (ko)':<16}{'workers':>8}{'req/s':>8}{'ratio':>7}"
        f"{'host ms/req':>13}{'cores':>14}{'errors':>8}"
    )
    for mode, cache_seconds in (("page cached", "600"), ("page cache off", "0")):
        mode_env = {**env, "DJANGO_PAGE_CACHE_SECONDS": cache_seconds}
        with contextlib.ExitStack() as stack:
            sites = [
                stack.enter_context(site(mode_env, scratch, hosts=1, workers=n))
                for n in counts
            ]
            warm(sites, {"home": "/ko/"})
            runs = [[] for _ in counts]
            for number in range(options.rounds):
                order = list(enumerate(sites))
                for index, target in order if number % 2 == 0 else order[::-1]:
                    runs[index].append(measure(target, "/ko/", options))
        for count, run in zip(counts, runs, strict=True):
            ratio = statistics.median(
                b["rps"] / a["rps"] for a, b in zip(runs[0], run, strict=True)
            )
            found = summary(run)
            print(
                f"{mode:<16}{count:8d}{found['rps']:8.0f}{ratio:7.2f}"
                f"{found['host ms']:13.2f}{found['cores']:>14}{found['errors']:8d}",
                flush=True,
            )
            mode = ""


def listed(counts: dict) -> str:
    return ", ".join(f"{n} {name}" for name, n in counts.items()) or "none"


def cold_image(envs: dict[str, dict]) -> None:
    """COLD_IMAGE_SCRIPT on each side, one after the other; prints a table."""
    reports = {name: in_django(env, COLD_IMAGE_SCRIPT) for name, env in envs.items()}
    bucket, local = reports["bucket"], reports["local files"]
    print(
        f"{'step':<18}{'bucket s':>9}{'local s':>9}  {'bucket requests':<26}"
        "storage calls (bucket; local files where they differ)"
    )
    for step in ("save", "first render", "3 cold renders", "3 cached renders"):
        calls = listed(bucket[step]["calls"])
        if bucket[step]["calls"] != local[step]["calls"]:
            calls += f"; {listed(local[step]['calls'])}"
        print(
            f"{step:<18}{bucket[step]['seconds']:9.3f}{local[step]['seconds']:9.3f}  "
            f"{listed(bucket[step]['requests']):<26}{calls}"
        )
    print(
        f"(the save made {bucket['renditions']} renditions; renders: the median of "
        "three; a worker's first address of an upload took "
        f"{bucket['first address']['seconds']:.3f} s on the bucket, its client "
        f"loading, and {local['first address']['seconds']:.3f} s on local files)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=1_000)
    parser.add_argument("--seconds", type=int, default=4, help="a load run's length")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    options = parser.parse_args()
    if nginx.NGINX is None:
        sys.exit("This benchmark needs nginx: apt-get install nginx-light")
    started = time.monotonic()
    load_before = os.getloadavg()

    with contextlib.ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        server = stack.enter_context(s3_server())
        redis = stack.enter_context(cache_server("redis"))
        if server is None or redis is None:
            sys.exit(S3_HINT if server is None else REDIS_HINT)
        bucket = server.new_bucket(public=True)
        # One folder for both sides: the static files, and SQLite's file if any.
        var_dir = str(scratch / "var")
        server_url = requested_database().get("DATABASE_URL", "")
        postgres = server_url.startswith("postgres")
        database = (
            {"DATABASE_URL": stack.enter_context(fresh_database(server_url))}
            if postgres
            else {}
        )
        shared = {
            "DJANGO_ALLOWED_HOSTS": f"127.0.0.1,localhost,{nginx.HOST}",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            **database,
        }
        envs = {
            "local files": site_environment(
                var_dir,
                **shared,
                DJANGO_CACHE_URL=redis.rsplit("/", 1)[0] + "/0",
                DJANGO_SERVE_MEDIA="0",
            ),
            "bucket": site_environment(
                var_dir,
                **shared,
                DJANGO_CACHE_URL=redis.rsplit("/", 1)[0] + "/1",
                **server.environment(bucket),
            ),
        }
        prepare(envs["bucket"])
        import_entries(envs["bucket"], options.entries)
        media = in_django(envs["bucket"], ADD_MEDIA)
        client = server.client()
        for key in server.keys(bucket):
            target = Path(var_dir, "media", key)
            target.parent.mkdir(parents=True, exist_ok=True)
            client.download_file(bucket, key, str(target))
        paths = {
            label: path.format(post=media["post with images"])
            for label, path in PAGES.items()
        }
        print(
            f"{os.cpu_count()} cores, load average {load_before[0]:.2f} at the start; "
            f"{options.entries:,} entries, {'PostgreSQL' if postgres else 'SQLite'}, "
            f"Redis; {LOAD.__name__} -t2 -c{options.connections} "
            f"{options.seconds}s a run, {options.rounds} rounds, nginx with its "
            f"microcache off unless said; set up in {time.monotonic() - started:.0f} s",
            flush=True,
        )

        for workers in (2, 1):
            with contextlib.ExitStack() as sites:
                one = sites.enter_context(
                    site(envs["local files"], scratch, hosts=1, workers=workers)
                )
                two = sites.enter_context(
                    site(envs["bucket"], scratch, hosts=2, workers=workers)
                )
                warm([one, two], paths)
                print(
                    f"\n{workers} worker{'s' * (workers > 1)} a host: one host with "
                    "local files against two hosts on the bucket (ratio: per host "
                    "over one host, median of the rounds)"
                )
                compare(one, two, paths, options)
                if workers == 2:
                    shipped = [
                        sites.enter_context(
                            site(env, scratch, hosts=n, workers=2, microcache=True)
                        )
                        for env, n in ((envs["local files"], 1), (envs["bucket"], 2))
                    ]
                    warm(shipped, {"home": "/ko/"}, microcache=True)
                    rps = [measure(s, "/ko/", options)["rps"] for s in shipped]
                    print(
                        f"{'home, microcache on (the shipped file):':<40}"
                        f"{rps[0]:.0f} and {rps[1]:.0f} req/s, nginx answering"
                    )

        print("\nOne host on the bucket as its workers grow (req/s)")
        workers_growing(envs["bucket"], scratch, options)

        print("\nA fresh image: the admin's save, then the page that shows it")
        cold_image(envs)

    print(
        f"\nload average {os.getloadavg()[0]:.2f} at the end; "
        f"{time.monotonic() - started:.0f} s in all"
    )


if __name__ == "__main__":
    main()
