"""SQL queries per page with images, at two sizes: the budget is five, equal at both.

    .venv/bin/python tests/benchmarks/image_queries.py            # 10 and 10,000
    .venv/bin/python tests/benchmarks/image_queries.py 10 50000

For each size: a throw-away SQLite database (or DATABASE_URL's, which must be
empty) with the seeds, a generated document of that many entries, and the images,
videos and rich body of tests/support/media.py; then every post gets one of the
library's images as its lead image and the newest post's body holds one. Each page
is fetched once with the caches cleared, and its queries counted.
"""

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.generate_seed import entries  # noqa: E402
from tests.benchmarks.load_benchmark import QUERIES_SCRIPT  # noqa: E402
from tests.support.served_site import (  # noqa: E402
    ADD_MEDIA,
    in_django,
    prepare,
    requested_database,
    site_environment,
)

EVERY_POST_ILLUSTRATED = """
import json
import django; django.setup()
from portal.models import Image, Post
from tests.support.media import rich_body
images = list(Image.objects.order_by("pk")[:2])
ids = list(Post.objects.values_list("pk", flat=True))
for number, image in enumerate(images):
    Post.objects.filter(pk__in=ids[number::len(images)]).update(lead_image=image)
newest = Post.objects.published().order_by("-published_at", "-id").first()
newest.body_en = rich_body(images[0])
newest.save()
print(json.dumps({"post": newest.slug}))
"""
PAGES = {
    "home": "/{lang}/",
    "news list": "/{lang}/news/",
    "video list": "/{lang}/videos/",
    "publication list": "/{lang}/publications/",
    "newest post": "/{lang}/posts/{post}/",
    "post with images": "/{lang}{post with images}",
    "video": "/{lang}{video}",
    "video playing": "/{lang}{video playing}",
    "publication": "/{lang}{publication}",
    "programme": "/{lang}{programme with image}",
    "search": "/{lang}/search/?q=seoul",
}


def counts(size: int) -> dict[str, int]:
    with tempfile.TemporaryDirectory(prefix="portal-images-") as var_dir:
        env = site_environment(var_dir, **requested_database())
        prepare(env)
        document = Path(var_dir) / "corpus.txt"
        document.write_text("\n".join(entries(size)) + "\n")
        in_django(env, IMPORT, str(document))
        names = {**in_django(env, ADD_MEDIA), **in_django(env, EVERY_POST_ILLUSTRATED)}
        paths = {
            f"{name} ({lang})": path.replace("{lang}", lang).format_map(names)
            for name, path in PAGES.items()
            for lang in ("ko", "en")
        }
        found = in_django(env, QUERIES_SCRIPT, list(paths.values()))
        return {name: found[path] for name, path in paths.items()}


IMPORT = """
import json, sys
import django; django.setup()
from django.core.management import call_command
call_command("import_seeds", json.loads(sys.argv[1]), verbosity=0)
print("{}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10, 10_000])
    sizes = parser.parse_args().sizes
    results = {size: counts(size) for size in sizes}
    names = list(results[sizes[0]])
    print("| page | " + " | ".join(f"{size:,} entries" for size in sizes) + " |")
    print("| --- |" + " ---: |" * len(sizes))
    for name in names:
        print(f"| {name} | " + " | ".join(str(results[s][name]) for s in sizes) + " |")
    worst = max(n for result in results.values() for n in result.values())
    same = all(results[s] == results[sizes[0]] for s in sizes)
    print(f"most queries on any page: {worst}; equal at every size: {same}")


if __name__ == "__main__":
    main()
