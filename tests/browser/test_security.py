"""The Content-Security-Policy holds in a real browser, on public pages and in the
admin, and hostile text in content or URLs never runs as script."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from portal.languages import localized
from portal.models import Partner, Post, Program
from tests.browser.conftest import LANGUAGES, STAFF_PASSWORD, sign_in
from tests.browser.pages import public_pages
from tests.factories import (
    FAQEntryFactory,
    PageFactory,
    PartnerFactory,
    PolicyFieldFactory,
    PostFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Every violation the page reports, and whether any script we did not write ran.
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(
    `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def watched(page):
    page.add_init_script(WATCH)
    return page


def violations(page) -> list[str]:
    return page.evaluate("window.__violations")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_pages_break_no_rule_of_the_policy(site, watched, lang):
    for name, path in public_pages(lang).items():
        watched.goto(site.url + path)
        watched.wait_for_load_state("load")
        assert violations(watched) == [], name


# Korean staff: the admin opens on the Korean tab, so the English one is hidden.
@pytest.mark.browser_context_args(locale="ko-KR")
def test_the_admin_works_under_the_policy(site, watched):
    get_user_model().objects.create_superuser("editor", "e@example.org", STAFF_PASSWORD)
    post = Post.objects.order_by("pk").first()
    partner = Partner.objects.order_by("pk").first()
    sign_in(watched, site.url)
    expect(watched.locator("#user-tools")).to_be_visible()
    assert violations(watched) == []

    pages = [
        "/admin/",
        "/admin/portal/post/",
        f"/admin/portal/post/{post.pk}/change/",
        "/admin/portal/post/add/",
        f"/admin/portal/post/{post.pk}/history/",
        "/admin/portal/program/",
        f"/admin/portal/program/{Program.objects.get().pk}/change/",
        f"/admin/portal/partner/{partner.pk}/change/",
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        "/admin/translations/",
    ]
    for path in pages:
        watched.goto(site.url + path)
        watched.wait_for_load_state("load")
        assert violations(watched) == [], path

    # The scripts the policy allows still work: modeltranslation's language tabs
    # and the date widgets' shortcuts.
    watched.goto(f"{site.url}/admin/portal/post/{post.pk}/change/")
    english = watched.locator("#id_title_en")
    expect(english).to_be_hidden()
    watched.locator(".ui-tabs-nav a", has_text=re.compile("^en$", re.I)).first.click()
    expect(english).to_be_visible()
    expect(watched.locator(".datetimeshortcuts").first).to_be_visible()
    assert violations(watched) == []


def test_the_watch_does_see_injected_markup(site, watched):
    """Guard: if text were ever injected as markup, the policy would report it."""
    watched.goto(f"{site.url}/en/")
    watched.evaluate(
        "document.body.insertAdjacentHTML('beforeend',"
        ' \'<img src=/x onerror="window.ran=1"><p style="color:red">x</p>\')'
    )
    watched.wait_for_timeout(200)

    found = " ".join(violations(watched))
    assert "script-src-attr" in found
    assert "style-src-attr" in found
    assert watched.evaluate("window.ran") is None


# Short enough for the shortest translated field (a policy field's name: 100).
PAYLOAD = "<script>window.__xss=1</script>\"'><img src=x onerror=window.__xss=1>{{7*7}}"


@pytest.fixture
def hostile_content(site):
    """Every translated field, in both languages, holding script."""

    def text(field, lang):
        return f"{field} {lang} {PAYLOAD}"

    def fields(names):
        return {localized(n, lang): text(n, lang) for n in names for lang in LANGUAGES}

    field = PolicyFieldFactory(slug="hostile-field", **fields(["name"]))
    post = PostFactory(slug="hostile-post", policy_field=field, **fields(POST_TEXT))
    programme = ProgramFactory(slug="hostile-programme", **fields(PROGRAM_TEXT))
    FAQEntryFactory(program=programme, **fields(["question", "answer"]))
    programme.related_posts.add(post)
    PartnerFactory(slug="hostile-partner", **fields(PARTNER_TEXT))
    # A site page's title is in every page's footer.
    PageFactory(slug="hostile-page", **fields(["title", "body"]))
    return site


POST_TEXT = ["title", "summary", "body"]
PROGRAM_TEXT = ["name", "summary", "description"]
PARTNER_TEXT = ["name", "full_name", "description"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_script_in_content_urls_and_searches_never_runs(hostile_content, watched, lang):
    base = f"{hostile_content.url}/{lang}"
    pages = {
        "home": f"{base}/",
        "news": f"{base}/news/",
        "post": f"{base}/posts/hostile-post/",
        "field": f"{base}/policy-fields/hostile-field/",
        "programme": f"{base}/programs/hostile-programme/",
        "partners": f"{base}/partners/",
        "site page": f"{base}/pages/hostile-page/",
        "sitemap": f"{base}/sitemap/",
        "search for the post": f"{base}/search/?q=window.__xss",
        "search for script": f"{base}/search/?q={PAYLOAD}",
        "slug": f"{base}/posts/%3Cscript%3Ewindow.__xss=1%3C%2Fscript%3E/",
        "filter": (
            f"{base}/news/?policy_field=%22%3E%3Cscript%3Ewindow.__xss=1%3C/script%3E"
        ),
    }
    for name, url in pages.items():
        watched.goto(url)
        # The FAQ's answers; the phone menu's button is hidden on this wide screen.
        for summary in watched.locator("main details summary").all():
            summary.click()
        assert watched.evaluate("window.__xss") is None, name
        assert violations(watched) == [], name
        # The page is whole: one heading, the footer after the content.
        expect(watched.locator("h1")).to_have_count(1)
        expect(watched.locator("footer.site-footer")).to_be_visible()

    # The text is shown as text, in the page's language.
    watched.goto(pages["post"])
    expect(watched.locator("h1")).to_have_text(f"title {lang} {PAYLOAD}")
    watched.goto(pages["search for script"])
    expect(watched.locator("#site-search-q")).to_have_value(PAYLOAD)
