"""Real-browser tests: Playwright drives Debian's Chromium against the live server.

Without a Chromium these tests skip with one line saying how to install it, unless
PORTAL_REQUIRE_BROWSER is set (CI sets it), in which case they fail.
"""

import os
import re
import shutil

import pytest
from django.core.management import call_command

from portal.languages import language_codes

# Sync Playwright runs an event loop in the test thread; the ORM calls made by the
# test's own fixtures are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
INSTALL_HINT = (
    "Chromium not found: install it with `apt-get install -y chromium fonts-nanum` "
    "(or set CHROMIUM_PATH) to run the browser tests"
)
# Flags that keep Chromium from reaching out to the internet (see docs/TOOLCHAIN).
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
LANGUAGES = tuple(language_codes())
# The journeys and page conventions assert wording and the seeded layout, written
# for the default language and English; the audits (axe, layout, keyboard, right
# to left) walk every language.
SCENARIO_LANGUAGES = LANGUAGES[:2]


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in str(item.path)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if CHROMIUM or not browser_items:
        return
    if os.environ.get("PORTAL_REQUIRE_BROWSER"):
        raise pytest.UsageError(INSTALL_HINT)
    skip = pytest.mark.skip(reason=INSTALL_HINT)
    for item in browser_items:
        item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": DESKTOP}


STAFF_PASSWORD = "a-long-test-password"


def sign_in(page, base_url: str, username: str = "editor") -> None:
    """Through the admin's sign-in form, in English or Korean."""
    page.goto(f"{base_url}/admin/")
    page.get_by_label(re.compile("Username|사용자")).fill(username)
    page.get_by_label(re.compile("Password|비밀번호")).fill(STAFF_PASSWORD)
    page.get_by_role("button", name=re.compile("Log in|로그인")).click()


@pytest.fixture
def site(transactional_db, live_server):
    """The live server holding the seed documents: real Korean and English text,
    and the site pages migrations ship (gone once a transactional test empties
    the database)."""
    # Imported here: the Lighthouse and screenshot scripts import this module
    # before Django is set up.
    from portal.models import Page
    from portal.models.starting_pages import create_starting_pages

    call_command("import_seeds", verbosity=0)
    create_starting_pages(Page)
    return live_server


@pytest.fixture
def page(page):
    # A broken page should fail fast, not wait 30 s per step.
    page.set_default_timeout(10_000)
    return page
