"""axe-core finds no WCAG 2.2 A/AA violation on any public page, in either language."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.base import ContentFile
from django.utils.translation import override
from PIL import Image

from portal.models import Partner
from tests.browser.conftest import LANGUAGES, PHONE
from tests.browser.pages import public_pages
from tests.factories import outdated_post
from tests.support.media import add_media_content
from tests.support.sampling import default_whole_others_shared

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WCAG_22_AA = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22a",
    "wcag22aa",
    "best-practice",
]
AXE = Axe()


def violations(page) -> list[str]:
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    return [
        f"{violation['id']}: {violation['help']} "
        f"({', '.join(str(node['target']) for node in violation['nodes'][:3])})"
        for violation in results.response["violations"]
    ]


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_public_page_type_has_no_violations(site, page, lang, viewport):
    # Every page type in the default language; the other languages share them
    # out, each auditing its own chrome, direction and fonts on its share (CI
    # has no time for the whole grid: about 25 page types, 6 languages, 2 screens).
    if viewport:
        page.set_viewport_size(viewport)
    pages = list(public_pages(lang).items())
    found = {}
    for name, path in default_whole_others_shared(pages, lang):
        page.goto(site.url + path)
        if problems := violations(page):
            found[name] = problems

    assert found == {}


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_with_images_videos_tables_and_captions_have_no_violations(
    site, page, lang, viewport
):
    if viewport:
        page.set_viewport_size(viewport)
    paths = {"home": "/", "news list": "/news/", **add_media_content()}
    found = {}
    for name, path in paths.items():
        page.goto(f"{site.url}/{lang}{path}")
        if problems := violations(page):
            found[name] = problems

    assert found == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_out_of_date_line_has_no_violations(site, page, lang):
    post = outdated_post()
    with override(lang):
        page.goto(site.url + post.get_absolute_url())

    assert page.locator(".outdated-notice").count() == (lang != LANGUAGES[0])
    assert violations(page) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_faq_answers_have_no_violations_when_open(site, page, lang):
    page.goto(site.url + public_pages(lang)["program_detail"])
    for question in page.locator(".faq summary").all():
        question.click()

    assert violations(page) == []


# Per page: landmarks, headings and language marks a screen reader relies on.
STRUCTURE = """() => ({
  h1: document.querySelectorAll("h1").length,
  main: document.querySelectorAll("main").length,
  banner: document.querySelectorAll("body > header").length,
  contentinfo: document.querySelectorAll("body > footer").length,
  nav: document.querySelectorAll("nav[aria-label]").length >= 2,
  outside: [...document.body.children].filter(el =>
    !["HEADER", "MAIN", "FOOTER", "SCRIPT"].includes(el.tagName)
    && !el.classList.contains("skip-link")).map(el => el.outerHTML.slice(0, 60)),
  unmarkedFallback: [...document.querySelectorAll(".fallback-notice")].filter(note =>
    !note.closest("[lang]:not(html)")).length,
})"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_have_landmarks_one_h1_and_marked_languages(site, page, lang):
    expected = {
        "h1": 1,
        "main": 1,
        "banner": 1,
        "contentinfo": 1,
        "nav": True,
        "outside": [],
        "unmarkedFallback": 0,
    }
    found = {}
    for name, path in public_pages(lang).items():
        page.goto(site.url + path)
        if (structure := page.evaluate(STRUCTURE)) != expected:
            found[name] = structure

    assert found == {}


def test_fallback_blocks_carry_their_own_language(site, page):
    page.goto(site.url + public_pages("ko")["post_detail[news]"])

    heading = page.locator("h1 [lang], h1[lang]").first
    assert heading.get_attribute("lang") == "en"
    assert page.locator("html").get_attribute("lang") == "ko"


def test_partner_logos_are_described_by_the_partner_name(site, page):
    partner = Partner.objects.order_by("pk").first()
    image = io.BytesIO()
    Image.new("RGB", (120, 48), "navy").save(image, "PNG")
    partner.logo.save("logo.png", ContentFile(image.getvalue()))

    page.goto(f"{site.url}/en/partners/")

    logo = page.locator(f"img[src='{partner.logo.url}']")
    assert logo.get_attribute("alt") == partner.name_en
    assert violations(page) == []


def test_the_checker_reports_a_real_violation(site, page):
    # Guards the guard: an unlabelled image must be reported.
    page.goto(f"{site.url}/en/")
    page.evaluate(
        "document.querySelector('main').append(document.createElement('img'))"
    )

    assert any(problem.startswith("image-alt") for problem in violations(page))
