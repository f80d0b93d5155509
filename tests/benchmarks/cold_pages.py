"""Cold renders of every public page type at 100, 10,000 and 100,000 posts.

    .venv/bin/python tests/benchmarks/cold_pages.py    # this checkout (make bench)
    mkdir /tmp/before && git archive e781436 | tar -x -C /tmp/before   # a baseline
    .venv/bin/python tests/benchmarks/cold_pages.py --baseline /tmp/before

A cold render is what the first visitor after an edit waits for: the page cache
and the results cache (portal.pages.results) are both off, so every query runs
and every result is built. For each size the posts are written with bulk_create
(the seeds give the programmes, partners, policy fields and standing pages), into
a throw-away SQLite database per checkout (or into the empty database that
DATABASE_URL names, this checkout only). Then each page type is rendered in both
languages in-process with Django's test client: one warm-up, then the median of
``--requests`` renders. Each round renders every size of every checkout in turn
(this machine drifts, and other work shares it), and the table shows the median
over rounds. Both checkouts run on this checkout's virtualenv.

The targets (issue 28): at most 30 ms per page type at 10,000 posts, and at
100,000 posts at most 1.5 times the time at 100. Each size also writes as many
policy cases with their goals, milestones, outcomes and change notes; issue 31
asks at most 30 ms for the case list and a case page at 10,000 cases.
"""

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.compare_benchmark import timing_script  # noqa: E402
from tests.support.served_site import (  # noqa: E402
    VENV_BIN,
    in_django,
    requested_database,
    site_environment,
)

PAGES = {
    "home": "/{lang}/",
    "news list": "/{lang}/news/",
    "news list, page 2": "/{lang}/news/?page=2",
    "news by field and year": "/{lang}/news/?policy_field={field}&year={year}",
    "video list": "/{lang}/videos/",
    "publication list": "/{lang}/publications/",
    "policy field": "/{lang}/policy-fields/{field}/",
    "post (newest)": "/{lang}/posts/{newest}/",
    "post (oldest)": "/{lang}/posts/{oldest}/",
    "video player": "/{lang}/posts/{video}/play/",
    "programme list": "/{lang}/programs/",
    "programme": "/{lang}/programs/{program}/",
    "partners": "/{lang}/partners/",
    "about": "/{lang}/about/",
    "site page": "/{lang}/pages/{page}/",
    "sitemap page": "/{lang}/sitemap/",
    "search": "/{lang}/search/?q=climate+card",
    "rss feed": "/{lang}/feeds/rss/",
    "atom feed": "/{lang}/feeds/atom/",
    "policy field rss": "/{lang}/policy-fields/{field}/rss/",
    "case list": "/{lang}/cases/",
    "cases by field, status, year, goal": (
        "/{lang}/cases/?policy_field={field}&status=running&year=2020&goal=11"
    ),
    "case page": "/{lang}/cases/{case}/",
}
SITE_PAGES = {
    "sitemap index": "/sitemap.xml",
    "sitemap posts": "/sitemap-posts.xml",
}

# Ten years of posts, mostly news, spread over the policy fields, with bodies of a
# few paragraphs: the shape of the real archive.
POSTS_SCRIPT = """
import json, random, sys
from datetime import datetime, timedelta
import django; django.setup()
from django.db import transaction
from django.utils import timezone
from portal.database.statistics import refresh_statistics
from portal.models import PolicyField, Post

count = json.loads(sys.argv[1])
rng = random.Random(2024)
words = ("Seoul city policy citizens transport housing climate card program "
         "support public facilities safety welfare district residents budget").split()
korean = "서울 시민 정책 공유 도시 교통 주택 기후 지원 안전 복지".split()
kinds = ["news"] * 8 + ["video", "publication"]
fields = list(PolicyField.objects.order_by("pk"))
start = datetime(2015, 1, 1, tzinfo=timezone.get_default_timezone())
minutes = 10 * 365 * 24 * 60

def text(pool, n):
    return " ".join(rng.choice(pool) for _ in range(n))

def post(number):
    kind = rng.choice(kinds)
    body_en = "".join(f"<p>{text(words, 40)}.</p>" for _ in range(4))
    body_ko = "".join(f"<p>{text(korean, 30)}.</p>" for _ in range(4))
    return Post(
        slug=f"post-{number}",
        kind=kind,
        status="published",
        published_at=start + timedelta(minutes=rng.randrange(minutes)),
        title_en=f"{text(words, 7).capitalize()} {number}",
        title_ko=f"{text(korean, 5)} {number}",
        summary_en=text(words, 20),
        summary_ko=text(korean, 15),
        body_en=body_en,
        body_ko=body_ko,
        author="seoulsolution",
        policy_field=fields[number % len(fields)],
        video_url="https://youtu.be/dQw4w9WgXcQ" if kind == "video" else "",
    )

with transaction.atomic():
    Post.objects.all().delete()
    for first in range(0, count, 5000):
        batch = [post(n) for n in range(first, min(first + 5000, count))]
        Post.objects.bulk_create(batch)

# As many policy cases, each with two goals, three milestones, two outcomes and a
# change note (a checkout from before cases has none to write).
try:
    from portal.models import ChangeNote, Milestone, Outcome, PolicyCase
except ImportError:
    PolicyCase = None

def case(number):
    year = 2010 + number % 15
    return PolicyCase(
        slug=f"case-{number}",
        status="published",
        published_at=start + timedelta(minutes=rng.randrange(minutes)),
        title_en=f"{text(words, 6).capitalize()} {number}",
        title_ko=f"{text(korean, 4)} {number}",
        summary_en=text(words, 25),
        summary_ko=text(korean, 18),
        problem_en="".join(f"<p>{text(words, 40)}.</p>" for _ in range(3)),
        approach_en="".join(f"<p>{text(words, 40)}.</p>" for _ in range(3)),
        budget_en=f"KRW {number % 90 + 1} billion",
        policy_field=fields[number % len(fields)],
        phase="running" if number % 3 else "ended",
        start_year=year,
        end_year=None if number % 3 else year + 3,
    )

if PolicyCase is not None:
    through = PolicyCase.goals.through
    with transaction.atomic():
        PolicyCase.objects.all().delete()
        for first in range(0, count, 2000):
            cases = PolicyCase.objects.bulk_create(
                [case(n) for n in range(first, min(first + 2000, count))]
            )
            through.objects.bulk_create(
                through(policycase_id=c.pk, sustainabledevelopmentgoal_id=goal)
                for c in cases
                for goal in {11, 1 + c.pk % 17}
            )
            Milestone.objects.bulk_create(
                Milestone(case=c, year=c.start_year, month=m, text_en=text(words, 8))
                for c in cases
                for m in (1, 6, 11)
            )
            Outcome.objects.bulk_create(
                Outcome(case=c, figure_en=f"{o * 10}%", text_en=text(words, 8),
                        source_en="SMG")
                for c in cases
                for o in (1, 2)
            )
            ChangeNote.objects.bulk_create(
                ChangeNote(case=c, note_en=text(words, 6)) for c in cases
            )
# As import_seeds does after its writes: the planner's view of the new table.
refresh_statistics()
print(json.dumps(Post.objects.count()))
"""

NAMES = """
from portal.models import Page, PolicyField, Post, Program
posts = Post.objects.published()
newest = posts.order_by("-published_at", "-id").first()
names = {
    "newest": newest.slug,
    "oldest": posts.order_by("published_at", "id").first().slug,
    "video": posts.filter(kind="video").order_by("-published_at").first().slug,
    "program": Program.objects.published().first().slug,
    "field": PolicyField.objects.filter(posts__isnull=False).first().slug,
    "page": Page.objects.in_footer().first().slug,
    "year": newest.published_at.year,
}
try:
    from portal.models import PolicyCase
    found = PolicyCase.objects.published().order_by("-published_at").first()
    names["case"] = found.slug if found else "none"
except ImportError:
    names["case"] = "none"
"""

TIMING_SCRIPT = timing_script(NAMES)


def paths(only: list[str] | None = None) -> dict[str, str]:
    """Every page type in both languages; with ``only``, those whose label holds
    one of its words."""
    found = {
        f"{label} ({lang})": path.replace("{lang}", lang)
        for label, path in PAGES.items()
        for lang in ("ko", "en")
    }
    found.update(SITE_PAGES)
    if only:
        found = {k: v for k, v in found.items() if any(w in k for w in only)}
    return found


def build(checkout: Path, var_dir: str, static: Path, posts: int, **database) -> dict:
    """A database holding the seeds' programmes, partners and pages, and ``posts``
    generated posts; cold settings."""
    env = site_environment(
        var_dir,
        DJANGO_PAGE_CACHE_SECONDS="0",
        DJANGO_RESULTS_CACHE_SECONDS="0",
        **database,
    )
    # collectstatic once per checkout: the manifest is what production reads.
    Path(var_dir, "static").symlink_to(static, target_is_directory=True)
    manage = [str(VENV_BIN / "python"), "manage.py"]
    steps = [["migrate", "--noinput", "-v", "0"], ["import_seeds", "-v", "0"]]
    if not (static / "staticfiles.json").exists():
        steps.insert(1, ["collectstatic", "--noinput", "-v", "0"])
    for step in steps:
        subprocess.run(
            [*manage, *step],
            cwd=checkout,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    in_django(env, POSTS_SCRIPT, posts, checkout=checkout)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", type=Path, help="a checkout of an earlier commit")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--only", nargs="+", help="page types whose label holds this")
    options = parser.parse_args()
    checkouts = {"now": ROOT}
    if options.baseline:
        checkouts = {"before": options.baseline.resolve(), **checkouts}
    database = requested_database()
    if database and len(checkouts) * len(options.sizes) > 1:
        sys.exit("DATABASE_URL names one database: one checkout and one size, then.")

    labels = list(paths(options.only))
    medians: dict[tuple[str, int], dict[str, float]] = {}
    codes: dict[tuple[str, int], dict[str, int]] = {}
    with contextlib.ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        statics = {name: scratch / f"static-{name}" for name in checkouts}
        for folder in statics.values():
            folder.mkdir()
        envs = {}
        for size in options.sizes:
            for name, checkout in checkouts.items():
                started = time.monotonic()
                var_dir = stack.enter_context(tempfile.TemporaryDirectory())
                envs[name, size] = build(
                    checkout, var_dir, statics[name], size, **database
                )
                print(
                    f"{name}: {size:,} posts written in "
                    f"{time.monotonic() - started:.0f} s",
                    file=sys.stderr,
                )
        # Every round times every size of every checkout, so that the machine's
        # drift falls on all of them alike, and the ratios between sizes hold.
        rounds = {key: [] for key in envs}
        for _round in range(options.rounds):
            for (name, size), env in envs.items():
                argument = [paths(options.only), options.requests]
                rounds[name, size].append(
                    in_django(env, TIMING_SCRIPT, argument, checkout=checkouts[name])
                )
        for key, runs in rounds.items():
            medians[key] = {
                label: statistics.median(run[label][0] for run in runs)
                for label in labels
            }
            codes[key] = {label: runs[0][label][1] for label in labels}

    print(
        f"{os.cpu_count()} cores, {options.rounds} rounds of {options.requests} "
        "renders, page cache and results cache off; median ms"
    )
    header = f"{'page':<30}"
    for name in checkouts:
        header += "".join(f"{f'{name} {size:,}':>15}" for size in options.sizes)
    if len(options.sizes) > 1:
        header += "".join(f"{f'{name} ratio':>14}" for name in checkouts)
    print(header)
    for label in labels:
        row = f"{label:<30}"
        for name in checkouts:
            for size in options.sizes:
                flag = "" if codes[name, size][label] == 200 else "!"
                row += f"{medians[name, size][label]:14.1f}{flag or ' '}"
        if len(options.sizes) > 1:
            first, last = options.sizes[0], options.sizes[-1]
            for name in checkouts:
                ratio = medians[name, last][label] / medians[name, first][label]
                row += f"{ratio:14.2f}"
        print(row)
    print("! = not 200 (the first round's status)")


if __name__ == "__main__":
    main()
