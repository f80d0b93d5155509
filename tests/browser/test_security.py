"""The Content-Security-Policy holds in a real browser, on public pages and in the
admin, and hostile text in content or URLs never runs as script."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from portal.models import Partner, Post, Program
from tests.browser.conftest import LANGUAGES
from tests.browser.pages import public_pages

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-test-password"
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


def sign_in(page, base_url):
    page.goto(f"{base_url}/admin/")
    page.get_by_label(re.compile("Username|사용자")).fill("editor")
    page.get_by_label(re.compile("Password|비밀번호")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Log in|로그인")).click()
    expect(page.locator("#user-tools")).to_be_visible()


# Korean staff: the admin opens on the Korean tab, so the English one is hidden.
@pytest.mark.browser_context_args(locale="ko-KR")
def test_the_admin_works_under_the_policy(site, watched):
    get_user_model().objects.create_superuser("editor", "e@example.org", PASSWORD)
    post = Post.objects.order_by("pk").first()
    partner = Partner.objects.order_by("pk").first()
    sign_in(watched, site.url)
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
