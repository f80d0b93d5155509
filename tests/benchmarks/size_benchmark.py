"""Do pages slow down as the site grows? The same pages at two sizes, in-process.

    .venv/bin/python tests/benchmarks/size_benchmark.py            # 100 and 100,000
    .venv/bin/python tests/benchmarks/size_benchmark.py 100 10000

For each size: a throw-away SQLite database (or, with
DATABASE_URL=postgres://…/size_{size}, the empty database named for that size) with
the seeds and a
generated document of that many entries imported. Then, in rounds (the sizes take
turns), the median time of each page through Django's test client with the page
cache off; the table shows the median over rounds. The oldest post, a
later page and a rare search term are included on purpose: they are where
OFFSET scans and unindexed matches show. The ratio column is the largest size
over the smallest; the target is 1.5 at most.
"""

import argparse
import contextlib
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.generate_seed import import_entries  # noqa: E402
from tests.support.served_site import (  # noqa: E402
    in_django,
    prepare,
    requested_database,
    site_environment,
)

PAGES = {
    "news list": "/en/news/",
    "news list, page 4": "/en/news/?page=4",
    "field list": "/en/policy-fields/{field}/",
    "news list by year": "/en/news/?year={year}",
    "post (newest)": "/en/posts/{newest}/",
    "post (oldest)": "/en/posts/{oldest}/",
    "programme": "/en/programs/{program}/",
    "search: climate card": "/en/search/?q=climate+card",
    "search: 공유": "/ko/search/?q=%EA%B3%B5%EC%9C%A0",
    "search: no match": "/en/search/?q=xyzzy",
}

TIMING_SCRIPT = """
import json, statistics, sys, time
import django; django.setup()
from django.conf import settings
settings.ALLOWED_HOSTS = ["*"]
from django.test import Client
from portal.models import PolicyField, Post, Program
posts = Post.objects.published()
names = {
    "newest": posts.order_by("-published_at").first().slug,
    "oldest": posts.order_by("published_at").first().slug,
    "program": Program.objects.published().first().slug,
    "field": PolicyField.objects.first().slug,
    "year": posts.order_by("published_at").first().published_at.year,
}
client = Client()
times = {}
for label, path in json.loads(sys.argv[1]).items():
    path = path.format(**names)
    status = client.get(path).status_code
    runs = []
    for _ in range(15):
        started = time.perf_counter()
        client.get(path)
        runs.append((time.perf_counter() - started) * 1000)
    times[label] = [statistics.median(runs), status]
times["(posts)"] = [posts.count(), 200]
print(json.dumps(times))
"""


def build(size: int, var_dir: str) -> dict[str, str]:
    """A site of ``size`` generated entries plus the seeds; its environment."""
    explicit = {
        name: url.format(size=size) for name, url in requested_database().items()
    }
    env = site_environment(var_dir, DJANGO_PAGE_CACHE_SECONDS="0", **explicit)
    prepare(env)  # the real seeds too: they hold the programmes
    import_entries(env, size)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 100_000])
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    sizes = options.sizes
    if "{size}" not in requested_database().get("DATABASE_URL", "{size}"):
        parser.error(
            "DATABASE_URL must name one empty database per size: …/size_{size}"
        )
    with contextlib.ExitStack() as stack:
        envs = {
            size: build(size, stack.enter_context(tempfile.TemporaryDirectory()))
            for size in sizes
        }
        # Sizes take turns, round after round: this machine's speed drifts by a
        # third over minutes, and one size measured after the other took the
        # drift for a difference between them.
        rounds = {size: [] for size in sizes}
        for _round in range(options.rounds):
            for size in sizes:
                rounds[size].append(in_django(envs[size], TIMING_SCRIPT, PAGES))
    results = {
        size: {
            label: [
                statistics.median(run[label][0] for run in runs),
                runs[0][label][1],
            ]
            for label in runs[0]
        }
        for size, runs in rounds.items()
    }
    small, large = results[sizes[0]], results[sizes[-1]]
    header = "".join(f"{f'{size:,} entries':>16}" for size in sizes)
    print(f"\n{'page (median ms, cache off)':<28}{header}{'ratio':>8}")
    print(
        f"{'posts published':<28}"
        + "".join(f"{r['(posts)'][0]:>16,.0f}" for r in results.values())
    )
    for label in PAGES:
        cells = "".join(
            f"{r[label][0]:>13.2f}{'' if r[label][1] == 200 else '!':>3}"
            for r in results.values()
        )
        print(f"{label:<28}{cells}{large[label][0] / small[label][0]:>8.2f}")


if __name__ == "__main__":
    main()
