"""Lighthouse on the same pages with two font stacks, in one run on one site.

    make lighthouse   # once, to install Lighthouse 12
    .venv/bin/python tests/benchmarks/font_stack.py            # 3 audits a page
    .venv/bin/python tests/benchmarks/font_stack.py --runs 5

"installed" is the shipped stack: the installed Korean fonts first, Pretendard
GOV after them. "webfont" names Pretendard GOV first, so every page downloads
the subsets its text uses. One site (seeds and images, as `make lighthouse`
serves it); between the two arrangements only the collected `site.css` (and its
compressed copies) is rewritten and gunicorn restarted, so the pages, the data
and the machine are the same.
Prints each audit's performance score, LCP and the font bytes fetched.
"""

import argparse
import gzip
import json
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.browser.lighthouse import audit  # noqa: E402
from tests.support.served_site import (  # noqa: E402
    ADD_MEDIA,
    gunicorn,
    in_django,
    prepare,
    site_environment,
)

PAGES = ("/ko/", "/ko/news/", "/en/")
WEBFONT_FIRST = '  --font-default: "Pretendard GOV", "Apple SD Gothic Neo",'
SHIPPED_FIRST = '  --font-default: "Apple SD Gothic Neo",'


def font_bytes(report: Path) -> int:
    requests = json.loads(report.read_text())["audits"]["network-requests"]
    return sum(
        item.get("transferSize", 0)
        for item in requests["details"]["items"]
        if item["url"].endswith(".woff2")
    )


def write_stylesheet(path: Path, css: str) -> None:
    """The file and the compressed copies WhiteNoise serves in its place."""
    data = css.encode()
    path.write_bytes(data)
    Path(f"{path}.gz").write_bytes(gzip.compress(data, 9))
    # Brotli copies exist only where the brotli package is installed.
    brotli_copy = Path(f"{path}.br")
    if brotli_copy.exists():
        import brotli

        brotli_copy.write_bytes(brotli.compress(data))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="portal-fonts-") as var_dir:
        env = site_environment(var_dir)
        prepare(env)
        in_django(env, ADD_MEDIA)
        [stylesheet] = [
            path
            for path in Path(var_dir, "static", "portal", "css").glob("site.*.css")
            if SHIPPED_FIRST in path.read_text()
        ]
        shipped = stylesheet.read_text()
        arrangements = {
            "installed": shipped,
            "webfont": shipped.replace(SHIPPED_FIRST, WEBFONT_FIRST, 1),
        }
        for name, css in arrangements.items():
            write_stylesheet(stylesheet, css)
            with gunicorn(env) as base:
                for path in PAGES:
                    urllib.request.urlopen(base + path, timeout=30).read()
                for path in PAGES:
                    results = []
                    for run in range(runs):
                        report = Path(var_dir, f"{name}-{run}.json")
                        scores = audit(base + path, report)
                        lcp = json.loads(report.read_text())["audits"][
                            "largest-contentful-paint"
                        ]["numericValue"]
                        fonts = font_bytes(report) // 1024
                        results.append(
                            f"{scores['performance']} "
                            f"(LCP {lcp / 1000:.2f} s, fonts {fonts} KB)"
                        )
                    print(f"{name:9} {path:10} " + ", ".join(results), flush=True)


if __name__ == "__main__":
    main()
