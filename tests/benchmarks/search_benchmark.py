"""Search speed over a corpus of N posts (10,000 by default).

    python tests/benchmarks/search_benchmark.py [N] [--six]
    DATABASE_URL=postgres://…/scratch python tests/benchmarks/search_benchmark.py

Builds the corpus with import_seeds from a generated document (on a throw-away
SQLite database, or on the empty database DATABASE_URL names), then times
``portal.search.search`` for typical queries and, as a baseline from the same run,
the plain query behind the news list's first page. Prints median and 90th
percentile per query, in milliseconds.

``--six``: every post also gets text in each other language the site declares
(English copied, as long as a translation would be; Arabic with its vowel marks
and Chinese from a few sentences), so the index holds six languages' text, as a
fully translated site would.
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
    "城市",  # two Han characters, no spaces around them in the text
    "共享城市政策",  # a longer Chinese term
    "المدينة",  # Arabic without the vowel marks the text has
]
# Text for --six, by language; the languages not named here get the English text.
SAMPLES = {
    "ar": (
        "المَدِينَةُ الذَّكِيَّةُ سيول",
        "أَعْلَنَتْ حُكُومَةُ سيول عن سِيَاسَةٍ جَدِيدَةٍ لِلنَّقْلِ العَامِّ "
        "وَالمَدِينَةِ المُشْتَرَكَةِ وَالطَّاقَةِ النَّظِيفَةِ. ",
    ),
    "zh-hans": (
        "首尔共享城市",
        "首尔市政府今天宣布推进共享城市政策并在全市范围内扩大公共自行车服务。",
    ),
}
REPEAT = 30


def timed(function) -> list[float]:
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def translate_everything() -> None:
    """Give every post text in each language it lacks (--six)."""
    from django.db.models import F, Value
    from django.db.models.functions import Concat

    from portal.languages import language_codes, localized
    from portal.models import Post

    english = "en"
    for code in language_codes():
        if Post.objects.filter(**{localized("title", code) + "__gt": ""}).exists():
            continue  # the corpus has this language's text already
        if code in SAMPLES:
            title, sentence = SAMPLES[code]
            text = {
                "title": Concat(Value(title + " "), F("id")),
                "body_text": Value(sentence * 6),
            }
        else:
            text = {
                name: F(localized(name, english)) for name in ("title", "body_text")
            }
        Post.objects.update(**{localized(name, code): v for name, v in text.items()})


def index_megabytes() -> float:
    """Characters of text in the search index, in millions."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT sum(length(content)) FROM portal_search_document")
        else:
            cursor.execute(
                "SELECT sum(length(title) + length(summary) + length(body)) "
                "FROM portal_search_index"
            )
        return cursor.fetchone()[0] / 1e6


def main() -> None:
    six = "--six" in sys.argv
    arguments = [argument for argument in sys.argv[1:] if argument != "--six"]
    count = int(arguments[0]) if arguments else 10_000
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
    started = time.perf_counter()
    call_command("import_seeds", str(document), verbosity=0)
    print(f"import: {time.perf_counter() - started:.1f} s")
    if six:
        started = time.perf_counter()
        translate_everything()
        print(f"text in every language: {time.perf_counter() - started:.1f} s")

    from django.db import connection

    if connection.vendor == "postgresql":
        # What autovacuum would do after a bulk load; without it the planner guesses.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    print(f"{connection.vendor}, {Post.objects.count():,} posts, {REPEAT} runs each")
    print(f"index text: {index_megabytes():.1f} million characters")
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
