"""Cold renders and public HTML of this checkout against an earlier one, same run.

    git worktree add ../baseline 7034409        # the commit before issue 16
    .venv/bin/python tests/benchmarks/compare_benchmark.py ../baseline --entries 10000

Both checkouts get the same generated corpus (plus the seeds), imported by their own
code into their own throw-away SQLite database; every post is given a policy field
the same way in both. Then, in turns (a round of one, a round of the other, three
times over, because this machine drifts), each times every public page type in both
languages in-process with the page cache off: Django's test client, the median of
``--requests`` runs after one warm-up. The table shows the median over rounds and
the ratio now / before; the issue's limit is 1.3. With ``--no-results-cache`` this
checkout runs every query, as on the first render after a change.

Afterwards each checkout renders the same pages once more and the HTML is compared,
after two normalisations: the addresses renamed on purpose (``/fields/`` became
``/policy-fields/``, ``?field=`` ``?policy_field=``), and edit times, which differ
between two imports. Differing pages are listed with the first lines of their diff.
Both checkouts run on this checkout's virtualenv: ``python manage.py`` imports the
``portal`` package of the folder it runs in.
"""

import argparse
import contextlib
import difflib
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.generate_seed import entries  # noqa: E402
from tests.support.served_site import (  # noqa: E402
    VENV_BIN,
    in_django,
    site_environment,
)

# This checkout's addresses; the baseline's are worked out by ``before()``.
PAGES = {
    "home": "/{lang}/",
    "news list": "/{lang}/news/",
    "news list, page 2": "/{lang}/news/?page=2",
    "news by field and year": "/{lang}/news/?policy_field={field}&year={year}",
    "video list": "/{lang}/videos/",
    "publication list": "/{lang}/publications/",
    "post (newest)": "/{lang}/posts/{newest}/",
    "post (oldest)": "/{lang}/posts/{oldest}/",
    "programme list": "/{lang}/programs/",
    "programme": "/{lang}/programs/{program}/",
    "policy field": "/{lang}/policy-fields/{field}/",
    "partners": "/{lang}/partners/",
    "about": "/{lang}/about/",
    "rss feed": "/{lang}/feeds/rss/",
    "atom feed": "/{lang}/feeds/atom/",
    "policy field rss": "/{lang}/policy-fields/{field}/rss/",
    "search: climate card": "/{lang}/search/?q=climate+card",
    "search: 공유": "/{lang}/search/?q=%EA%B3%B5%EC%9C%A0",
    "search, page 2": "/{lang}/search/?q=policy&page=2",
    "not found": "/{lang}/no-such-page/",
}
SITE_PAGES = {
    "sitemap index": "/sitemap.xml",
    "sitemap posts": "/sitemap-posts.xml",
    "sitemap fields": "/sitemap-policy-fields.xml",
}
RENAMES = [
    ("/policy-fields/", "/fields/"),
    ("?policy_field=", "?field="),
    ("&policy_field=", "&field="),
    ("&amp;policy_field=", "&amp;field="),
    ("sitemap-policy-fields", "sitemap-fields"),
]
# Edit times (with fractions of a second) differ between two imports.
EDIT_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+(?:[+-]\d\d:\d\d|Z)?")
FEED_DATES = re.compile(r"<(updated|lastBuildDate)>[^<]*</\1>")

SETUP_SCRIPT = """
import json, sys
import django; django.setup()
from django.apps import apps
from django.db import transaction
Post = apps.get_model("portal", "Post")
names = [f.name for f in Post._meta.get_fields()]
column = "policy_field" if "policy_field" in names else "category"
Field = Post._meta.get_field(column).related_model
fields = list(Field.objects.order_by("pk"))
with transaction.atomic():
    for post in Post.objects.order_by("pk").only("pk"):
        chosen = fields[post.pk % len(fields)]
        Post.objects.filter(pk=post.pk).update(**{column: chosen})
print(json.dumps(len(fields)))
"""

NAMES = """
from django.apps import apps
Post = apps.get_model("portal", "Post")
Program = apps.get_model("portal", "Program")
names = [f.name for f in Post._meta.get_fields()]
column = "policy_field" if "policy_field" in names else "category"
Field = Post._meta.get_field(column).related_model
posts = Post.objects.published()
names = {
    "newest": posts.order_by("-published_at").first().slug,
    "oldest": posts.order_by("published_at").first().slug,
    "program": Program.objects.published().first().slug,
    "field": Field.objects.order_by("pk").first().slug,
    "year": posts.order_by("-published_at").first().published_at.year,
}
"""


def timing_script(names: str) -> str:
    """A script that renders each path in-process and prints its median ms;
    ``names`` is code that sets the dict filling the paths' placeholders."""
    return (
        """
import json, statistics, sys, time
import django; django.setup()
from django.conf import settings
settings.ALLOWED_HOSTS = ["*"]
from django.test import Client
"""
        + names
        + """
paths, requests = json.loads(sys.argv[1])
client = Client()
times = {}
for label, path in paths.items():
    path = path.format(**names)
    client.get(path)
    runs = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path)
        runs.append((time.perf_counter() - started) * 1000)
    times[label] = [statistics.median(runs), response.status_code]
print(json.dumps(times))
"""
    )


TIMING_SCRIPT = timing_script(NAMES)


HTML_SCRIPT = (
    """
import json, sys
import django; django.setup()
from django.conf import settings
settings.ALLOWED_HOSTS = ["*"]
from django.test import Client
"""
    + NAMES
    + """
client = Client()
pages = {}
for label, path in json.loads(sys.argv[1]).items():
    pages[label] = client.get(path.format(**names)).content.decode()
print(json.dumps(pages))
"""
)


def before(path: str) -> str:
    for new, old in RENAMES:
        path = path.replace(new, old)
    return path


def normalised(html: str) -> str:
    for new, old in RENAMES:
        html = html.replace(old, new)
    html = EDIT_TIME.sub("(edit time)", html)
    return FEED_DATES.sub(r"<\1>(edit time)</\1>", html)


def build(checkout: Path, var_dir: str, document: Path) -> dict:
    env = site_environment(var_dir, DJANGO_PAGE_CACHE_SECONDS="0")
    manage = [str(VENV_BIN / "python"), "manage.py"]
    for step in (
        ["migrate", "--noinput", "-v", "0"],
        ["collectstatic", "--noinput", "-v", "0"],
        ["import_seeds", "-v", "0"],
        ["import_seeds", str(document), "-v", "0"],
    ):
        subprocess.run(
            [*manage, *step],
            cwd=checkout,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    in_django(env, SETUP_SCRIPT, checkout=checkout)
    return env


def paths_for(checkout: Path) -> dict[str, str]:
    paths = {
        f"{label} ({lang})": path.format(
            lang=lang,
            field="{field}",
            year="{year}",
            newest="{newest}",
            oldest="{oldest}",
            program="{program}",
        )
        for label, path in PAGES.items()
        for lang in ("ko", "en")
    }
    paths.update(SITE_PAGES)
    if checkout.resolve() != ROOT:
        paths = {label: before(path) for label, path in paths.items()}
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("baseline", type=Path, help="a checkout of the earlier commit")
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument(
        "--no-results-cache",
        action="store_true",
        help="this checkout without its results cache: every query runs",
    )
    options = parser.parse_args()
    checkouts = {"before": options.baseline.resolve(), "now": ROOT}

    with contextlib.ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        document = scratch / "corpus.txt"
        document.write_text("\n".join(entries(options.entries)) + "\n")
        envs = {
            name: build(
                checkout, stack.enter_context(tempfile.TemporaryDirectory()), document
            )
            for name, checkout in checkouts.items()
        }
        if options.no_results_cache:
            envs["now"]["DJANGO_RESULTS_CACHE_SECONDS"] = "0"
        rounds = {name: [] for name in checkouts}
        for _round in range(options.rounds):
            for name, checkout in checkouts.items():
                argument = [paths_for(checkout), options.requests]
                rounds[name].append(
                    in_django(envs[name], TIMING_SCRIPT, argument, checkout=checkout)
                )
        html = {
            name: in_django(
                envs[name], HTML_SCRIPT, paths_for(checkout), checkout=checkout
            )
            for name, checkout in checkouts.items()
        }

    labels = list(paths_for(ROOT))
    median = {
        name: {
            label: statistics.median(run_[label][0] for run_ in runs)
            for label in labels
        }
        for name, runs in rounds.items()
    }
    status = {name: runs[0] for name, runs in rounds.items()}
    print(
        f"{options.entries:,} generated entries, {os.cpu_count()} cores, "
        f"{options.rounds} rounds of {options.requests} requests, page cache off, "
        f"results cache {'off' if options.no_results_cache else 'on'} (now)"
    )
    print(f"\n{'page (median ms)':<34}{'before':>9}{'now':>9}{'ratio':>8}")
    worst = 0.0
    for label in labels:
        ratio = median["now"][label] / median["before"][label]
        worst = max(worst, ratio)
        codes = {status[name][label][1] for name in checkouts}
        flag = "" if codes == {200} or label.startswith("not found") else f" {codes}"
        print(
            f"{label:<34}{median['before'][label]:9.2f}{median['now'][label]:9.2f}"
            f"{ratio:8.2f}{flag}"
        )
    print(f"\nslowest ratio: {worst:.2f} (limit 1.3)")

    print("\nHTML, after the renames and edit times:")
    differing = 0
    for label in labels:
        old, new = normalised(html["before"][label]), normalised(html["now"][label])
        if old == new:
            continue
        differing += 1
        print(f"\n--- {label} differs:")
        diff = difflib.unified_diff(
            old.splitlines(), new.splitlines(), "before", "now", lineterm="", n=0
        )
        for line in list(diff)[2:14]:
            print(f"    {line[:160]}")
    print(f"\n{len(labels) - differing} of {len(labels)} pages identical")


if __name__ == "__main__":
    main()
