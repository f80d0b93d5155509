"""Every page describes itself to search engines and social networks."""

import json

import pytest
from django.conf import settings

from portal.languages import language_codes
from portal.models import Post
from tests.conftest import parse
from tests.factories import (
    FAQEntryFactory,
    PartnerFactory,
    PolicyFieldFactory,
    PostFactory,
    ProgramFactory,
)
from tests.support.public_pages import public_pages

pytestmark = pytest.mark.django_db

# The schema.org properties each type may carry here (from the type's own pages).
SCHEMA = {
    "NewsArticle": {
        "headline",
        "datePublished",
        "dateModified",
        "author",
        "publisher",
        "inLanguage",
        "url",
        "mainEntityOfPage",
        "description",
        "articleSection",
    },
    "VideoObject": {
        "name",
        "uploadDate",
        "dateModified",
        "inLanguage",
        "url",
        "description",
        "embedUrl",
    },
    "FAQPage": {"name", "url", "mainEntity"},
    "Question": {"name", "acceptedAnswer"},
    "Answer": {"text"},
    "Organization": {"name", "alternateName", "url", "description"},
}
SCHEMA["Report"] = SCHEMA["NewsArticle"]  # both are schema.org Articles
REQUIRED = {
    "NewsArticle": {"headline", "datePublished"},
    "VideoObject": {"name", "uploadDate"},
    "FAQPage": {"mainEntity"},
    "Question": {"name", "acceptedAnswer"},
    "Answer": {"text"},
    "Organization": {"name"},
}


REQUIRED["Report"] = REQUIRED["NewsArticle"]


def check_schema(node):
    if isinstance(node, list):
        for item in node:
            check_schema(item)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("@type")
    if kind:
        props = set(node) - {"@type", "@context"}
        assert props <= SCHEMA[kind], (kind, props - SCHEMA[kind])
        assert REQUIRED[kind] <= props, (kind, REQUIRED[kind] - props)
    for key, value in node.items():
        if key != "@context":
            check_schema(value)


def json_ld(page):
    scripts = page.find_all("script", type="application/ld+json")
    return [json.loads(script.string) for script in scripts]


@pytest.fixture
def site():
    field = PolicyFieldFactory(slug="environment", name_en="Environment")
    PostFactory(
        slug="news", title_en="Climate Card", summary_en="- A card", policy_field=field
    )
    PostFactory(
        slug="video",
        kind=Post.Kind.VIDEO,
        title_en="Smart City",
        video_url="https://v.example/1",
    )
    PostFactory(slug="report", kind=Post.Kind.PUBLICATION, title_en="Digest")
    program = ProgramFactory(slug="sharing-city", name_en="Sharing City Seoul")
    FAQEntryFactory(program=program, question_en="What is it?", answer_en="A city.")
    PartnerFactory(
        name_en="World Bank", short_name="WB", website="https://www.worldbank.org"
    )


@pytest.mark.parametrize("lang", language_codes())
def test_every_page_has_title_description_canonical_and_social_tags(client, site, lang):
    titles = {}
    for name, path in public_pages(lang).items():
        page = parse(client.get(path))
        head = page.head
        titles.setdefault(head.title.get_text(), []).append(name)
        assert head.find("meta", attrs={"name": "description"})["content"].strip(), path
        canonical = head.find("link", rel="canonical")["href"]
        # Searches and filters are not pages of their own: no query string.
        assert canonical == f"http://testserver{path.split('?')[0]}"
        langs = {link["hreflang"] for link in head.find_all("link", hreflang=True)}
        assert langs == {*language_codes(), "x-default"}
        og = {m["property"]: m["content"] for m in head.find_all("meta", property=True)}
        assert og["og:url"] == canonical
        assert og["og:title"] and og["og:description"] and og["og:type"]
        assert og["og:locale"] == settings.OPEN_GRAPH_LOCALES[lang]
        assert head.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
    shared = {title: names for title, names in titles.items() if len(names) > 1}
    assert shared == {}, "each page has its own <title>"


@pytest.mark.parametrize(
    "path,kind",
    [
        ("posts/news/", "NewsArticle"),
        ("posts/video/", "VideoObject"),
        ("posts/report/", "Report"),
        ("programs/sharing-city/", "FAQPage"),
    ],
)
def test_detail_pages_carry_valid_json_ld(client, site, path, kind):
    [data] = json_ld(parse(client.get(f"/en/{path}")))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == kind
    check_schema(data)


def test_faq_json_ld_lists_the_questions(client, site):
    [data] = json_ld(parse(client.get("/en/programs/sharing-city/")))

    assert data["mainEntity"][0]["name"] == "What is it?"
    assert data["mainEntity"][0]["acceptedAnswer"]["text"] == "A city."


def test_partners_page_describes_organizations(client, site):
    [data] = json_ld(parse(client.get("/en/partners/")))

    check_schema(data["@graph"])
    assert data["@graph"][0] == {
        "@type": "Organization",
        "name": "World Bank",
        "alternateName": "WB",
        "url": "https://www.worldbank.org",
    }


def test_json_ld_cannot_be_broken_out_of(client):
    PostFactory(slug="xss", title_en="</script><script>alert(1)</script>")

    page = parse(client.get("/en/posts/xss/"))

    [data] = json_ld(page)
    assert data["headline"] == "</script><script>alert(1)</script>"
    assert len(page.find_all("script")) == 1


def test_detail_pages_offer_share_links(client, site):
    page = parse(client.get("/en/posts/news/"))

    share = page.find("section", class_="share")
    hrefs = [a["href"] for a in share.find_all("a")]
    assert hrefs[0].startswith("mailto:?subject=Climate%20Card")
    assert any("facebook.com" in href for href in hrefs)
    assert all("http%3A//testserver/en/posts/news/" in href for href in hrefs[1:])
    assert (
        share.find("input", readonly=True)["value"]
        == "http://testserver/en/posts/news/"
    )
    assert not page.find("script", src=True)


@pytest.mark.parametrize(
    "make,path,expected",
    [
        (
            lambda: ProgramFactory(
                slug="p", summary_en="", summary_ko="", description_en="Ten days."
            ),
            "/en/programs/p/",
            "Ten days.",
        ),
        (
            lambda: ProgramFactory(
                slug="p", summary_en="", summary_ko="", description_en=""
            ),
            "/en/programs/p/",
            "Seoul's urban policies",
        ),
        (
            lambda: PostFactory(
                slug="n", summary_en="", summary_ko="", body_en="", body_ko=""
            ),
            "/en/posts/n/",
            "Seoul's urban policies",
        ),
    ],
)
def test_items_without_a_summary_still_have_a_description(
    client, db, make, path, expected
):
    make()
    head = parse(client.get(path)).head

    assert head.find("meta", attrs={"name": "description"})["content"].startswith(
        expected
    )
