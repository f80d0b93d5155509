"""The home page stays light: under 50 KB over the wire, nothing from elsewhere."""

import gzip
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

from tests.factories import PartnerFactory, PostFactory, ProgramFactory

pytestmark = pytest.mark.django_db

BUDGET = 50_000


@pytest.mark.parametrize("lang", ["ko", "en"])
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
