"""The admin's change lists on a 1280 px screen, in each language."""

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import (
    LANGUAGES,
    SCENARIO_LANGUAGES,
    STAFF_PASSWORD,
    sign_in,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCREEN = {"width": 1280, "height": 800}

# Where the list's table ends, against its scrolling box and the window; and
# any status word broken over two lines.
FIT = """() => {
  const table = document.querySelector("#result_list");
  const box = table.closest(".results");
  const lines = td => {
    const range = document.createRange();
    range.selectNodeContents(td);
    return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
  };
  const broken = [...table.querySelectorAll("td.field-status, td.field-kind")]
    .filter(td => lines(td) > 1).map(td => td.innerText);
  return {
    right: Math.round(table.getBoundingClientRect().right),
    window: window.innerWidth,
    scrolls: box.scrollWidth > box.clientWidth,
    broken,
  };
}"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_change_list_fits_a_1280_px_screen(site, browser, lang):
    get_user_model().objects.create_superuser("editor", "e@example.org", STAFF_PASSWORD)
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, site.url)
    # The admin in the language under test, as the browser of its reader asks.
    context.set_extra_http_headers({"Accept-Language": lang})

    found = {}
    for model in (
        "post",
        "page",
        "program",
        "partner",
        "policyfield",
        "image",
        "policycase",
        "department",
    ):
        page.goto(f"{site.url}/admin/portal/{model}/")
        assert page.locator("html").get_attribute("lang") == lang
        if not page.locator("#result_list").count():
            continue
        layout = page.evaluate(FIT)
        if layout["right"] > layout["window"] or layout["scrolls"] or layout["broken"]:
            found[model] = layout
    context.close()

    assert found == {}


@pytest.mark.parametrize("lang", SCENARIO_LANGUAGES)
def test_a_case_form_with_its_rows_fits_a_1280_px_screen(site, browser, lang):
    from portal.models import PolicyCase

    get_user_model().objects.create_superuser("editor", "e@example.org", STAFF_PASSWORD)
    # The seeded case with the most milestones and outcomes.
    case = max(
        PolicyCase.objects.all(),
        key=lambda case: case.milestones.count() + case.outcomes.count(),
    )
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, site.url)
    context.set_extra_http_headers({"Accept-Language": lang})

    page.goto(f"{site.url}/admin/portal/policycase/{case.pk}/change/")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    context.close()

    assert case.outcomes.exists() and case.milestones.exists()
    assert width <= SCREEN["width"]
