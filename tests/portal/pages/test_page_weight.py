"""Pages stay light: under 50 KB over the wire, nothing from elsewhere, no script."""

import gzip
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.core.management import call_command

from portal.languages import language_codes, script
from tests.factories import PartnerFactory, PostFactory, ProgramFactory
from tests.support.media import add_media_content

pytestmark = pytest.mark.django_db

BUDGET = 50_000


@pytest.mark.parametrize("lang", language_codes())
def test_home_page_with_its_css_and_icon_is_under_50_kb_compressed(client, lang):
    for kind in ("news", "video", "publication"):
        PostFactory.create_batch(4, kind=kind)
    ProgramFactory.create_batch(4)
    PartnerFactory.create_batch(30)

    response = client.get(f"/{lang}/", headers={"accept-encoding": "gzip"})
    page = BeautifulSoup(gzip.decompress(response.content), "html.parser")
    assets = [
        *(link["href"] for link in page.select("link[rel=stylesheet], link[rel=icon]")),
        *(img["src"] for img in page.select("img")),
        *(script["src"] for script in page.select("script[src]")),
    ]

    assert response["Content-Encoding"] == "gzip"
    assert all(url.startswith("/static/") for url in assets), assets
    asset_bytes = sum(
        len(
            gzip.compress(Path(finders.find(url.removeprefix("/static/"))).read_bytes())
        )
        for url in assets
    )
    assert len(response.content) + asset_bytes < BUDGET


def stylesheet_bytes(page) -> int:
    return sum(
        len(
            gzip.compress(
                Path(finders.find(href.removeprefix("/static/"))).read_bytes()
            )
        )
        for href in (link["href"] for link in page.select("link[rel=stylesheet]"))
    )


@pytest.mark.parametrize("lang", language_codes())
def test_pages_with_images_keep_html_and_css_under_50_kb(client, lang):
    call_command("import_seeds", verbosity=0)
    media = add_media_content()
    paths = ["/", "/news/", media["post with images"], media["video"]]

    for path in paths:
        response = client.get(f"/{lang}{path}", headers={"accept-encoding": "gzip"})
        page = BeautifulSoup(gzip.decompress(response.content), "html.parser")

        assert page.select("picture"), path
        assert not page.select("script:not([type='application/ld+json'])"), path
        assert len(response.content) + stylesheet_bytes(page) < BUDGET, path


# 350 KB until issue 30; the language switcher's own names ("Español", "Français")
# need the Latin-1 subset on every page, 6 KB more.
FONT_BUDGET = 360_000
FONT_RULE = re.compile(
    r"url\(\.\./fonts/pretendard-gov/([^)]+)\)[^}]*unicode-range:([^}]+)\}"
)


def font_files_for(text: str) -> set[str]:
    """The Pretendard GOV subsets a browser fetches to draw ``text``."""
    css = Path(finders.find("portal/css/fonts.css")).read_text()
    needed = set()
    codes = {ord(char) for char in text}
    for name, ranges in FONT_RULE.findall(css):
        for part in ranges.split(","):
            start, _, end = part.strip()[2:].partition("-")
            low, high = int(start, 16), int(end or start, 16)
            if any(low <= code <= high for code in codes):
                needed.add(name)
                break
    return needed


# Pages drawn with the default stack (Korean fonts, then Pretendard GOV); Arabic and
# Chinese pages name system fonts of their script and fetch none.
DEFAULT_STACK = [code for code in language_codes() if script(code) in ("hang", "latn")]


@pytest.mark.parametrize("lang", DEFAULT_STACK)
def test_three_pages_of_a_first_visit_fetch_under_360_kb_of_fonts(client, lang):
    # The seed documents: the longest real Korean and English text there is.
    call_command("import_seeds", verbosity=0)
    text = ""
    for path in (f"/{lang}/", f"/{lang}/news/", f"/{lang}/pages/privacy/"):
        body = BeautifulSoup(client.get(path).content, "html.parser").body
        # Names of other scripts (the language switcher) take their own stacks.
        for other in body.select(
            '[dir="rtl"], [data-script="hans"], [data-script="arab"]'
        ):
            other.decompose()
        text += body.get_text()
    fonts = Path(finders.find("portal/fonts/pretendard-gov/LICENSE.txt")).parent

    files = font_files_for(text)
    weight = sum((fonts / name).stat().st_size for name in files)

    assert files, "no subset drawn: the rules no longer match the text"
    assert weight < FONT_BUDGET
