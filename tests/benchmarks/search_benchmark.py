"""Search speed over a corpus of N posts (10,000 by default).

    python tests/benchmarks/search_benchmark.py [N]
    DATABASE_URL=postgres://…/scratch python tests/benchmarks/search_benchmark.py

Builds the corpus with import_seeds from a generated document (on a throw-away
SQLite database, or on the empty database DATABASE_URL names), then times
``portal.search.search`` for typical queries and, as a baseline from the same run,
the plain query behind the news list's first page. Prints median and 90th
percentile per query, in milliseconds.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from tests.support.served_site import requested_database, site_environment  # noqa: E402

QUERIES = [
    "policy",  # in almost every post
    "climate card",  # two English words
    "Research Report",  # title words, mixed case
    "공유",  # two Hangul syllables: shorter than a trigram
    "서울 시민",  # Korean words, both short
    "정책 공유 도시",  # three Korean terms
    "xyzzy",  # nothing
]
REPEAT = 30


def timed(function) -> list[float]:
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    tmp = tempfile.TemporaryDirectory()
    # Production settings on a throw-away folder, as the other benchmarks run: the
    # script needs nothing from the shell but an explicit DATABASE_URL, if any.
    os.environ.update(site_environment(tmp.name, **requested_database()))

    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import translation

    from portal.models import Post
    from portal.search import search
    from tests.benchmarks.generate_seed import entries

    call_command("migrate", verbosity=0)
    if Post.objects.exists():
        raise SystemExit(
            "The database already holds posts: point DATABASE_URL at an empty one."
        )
    document = Path(tmp.name) / "corpus.txt"
    document.write_text("\n".join(entries(count)) + "\n", encoding="utf-8")
    call_command("import_seeds", str(document), verbosity=0)

    from django.db import connection

    if connection.vendor == "postgresql":
        # What autovacuum would do after a bulk load; without it the planner guesses.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    print(f"{connection.vendor}, {Post.objects.count():,} posts, {REPEAT} runs each")
    print(f"{'query':<28}{'hits':>7}{'median ms':>11}{'p90 ms':>9}")
    with translation.override("en"):
        baseline = timed(lambda: list(Post.objects.published().for_page()[:12]))
        label = "(baseline: news list page)"
        print(
            f"{label:<28}{'':>7}{statistics.median(baseline):11.1f}"
            f"{statistics.quantiles(baseline, n=10)[-1]:9.1f}"
        )
        medians = []
        for query in QUERIES:
            hits = search(query).total
            times = timed(lambda q=query: search(q))
            medians.append(statistics.median(times))
            print(
                f"{query:<28}{hits:>7}{medians[-1]:11.1f}"
                f"{statistics.quantiles(times, n=10)[-1]:9.1f}"
            )
    overall = statistics.median(medians)
    ratio = overall / statistics.median(baseline)
    print(f"median of medians: {overall:.1f} ms ({ratio:.1f}x the baseline)")
    tmp.cleanup()


if __name__ == "__main__":
    main()
