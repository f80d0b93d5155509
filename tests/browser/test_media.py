"""Images, videos and rich bodies in a real browser: what staff upload shows up,
with the right alt text, and video hosts are contacted only after a click."""

import contextlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils.translation import override
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from portal.languages import language_codes
from portal.models import Image, Post
from tests.browser.conftest import STAFF_PASSWORD, sign_in
from tests.support.media import add_media_content, photo

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
VIDEO_HOSTS = re.compile(r"youtube|ytimg|vimeo|googlevideo|doubleclick")


def choose_tab(page, code: str) -> None:
    page.locator(".ui-tabs-nav a", has_text=re.compile(f"^{code}$", re.I)).first.click()


def test_staff_upload_an_image_choose_it_and_see_it_in_both_languages(
    site, page, tmp_path
):
    get_user_model().objects.create_superuser(
        "editor", "editor@example.org", STAFF_PASSWORD
    )
    picture = tmp_path / "river.jpg"
    picture.write_bytes(photo())
    post = Post.objects.published().of_kind(Post.Kind.NEWS).first()

    sign_in(page, site.url)
    page.goto(f"{site.url}/admin/portal/image/add/")
    page.set_input_files("#id_file", str(picture))
    choose_tab(page, "ko")
    page.fill("#id_alt_text_ko", "한강 자전거길을 달리는 시민들")
    choose_tab(page, "en")
    page.fill("#id_alt_text_en", "People cycling along the Han River")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    image = Image.objects.get()
    expect(page.locator("#result_list img.portal-thumbnail")).to_have_count(1)

    # The chooser: the library opens in a pop-up, and a click picks the image.
    page.goto(f"{site.url}/admin/portal/post/{post.pk}/change/")
    with page.expect_popup() as opening:
        page.locator("#lookup_id_lead_image").click()
    library = opening.value
    # The pick closes the pop-up, sometimes before the click returns ("target
    # closed"); the chosen value below is what counts.
    with contextlib.suppress(PlaywrightError):
        library.locator("#result_list a", has_text="People cycling").first.click()
    expect(page.locator("#id_lead_image")).to_have_value(str(image.pk))
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()

    for lang, alt in (("ko", "한강 자전거길을"), ("en", "People cycling")):
        # Outside a request the active language is whatever an earlier test left.
        with override(lang):
            page.goto(f"{site.url}{post.get_absolute_url()}")
        lead = page.locator(".article figure.lead-image img")
        expect(lead).to_have_attribute("alt", re.compile(alt))
        expect(lead).to_have_js_property("complete", True)
        assert lead.evaluate("img => img.naturalWidth") > 0
        assert lead.evaluate("img => img.currentSrc").endswith(".webp")


def test_the_body_editor_loads_under_the_csp(site, page):
    get_user_model().objects.create_superuser(
        "editor", "editor@example.org", STAFF_PASSWORD
    )
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    post = Post.objects.order_by("pk").first()

    sign_in(page, site.url)
    page.goto(f"{site.url}/admin/portal/post/{post.pk}/change/")

    # One editor per language; the other language's waits behind its tab.
    expect(page.locator(".prose-editor")).to_have_count(len(language_codes()))
    editable = page.locator(".prose-editor:visible [contenteditable=true]").first
    expect(editable).to_be_visible()
    assert problems == []

    # Staff write in it: a bold phrase typed with the keyboard reaches the page.
    editable.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+b")
    page.keyboard.type("Shelters open tonight")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    lang = "en" if post.body_en else "ko"
    page.goto(f"{site.url}/{lang}/posts/{post.slug}/")
    expect(page.locator(".article__body strong")).to_have_text("Shelters open tonight")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_video_host_is_contacted_only_after_play(site, page, lang):
    paths = add_media_content()
    contacted = []

    def record(route):
        contacted.append(route.request.url)
        route.abort()

    page.route(VIDEO_HOSTS, record)
    page.goto(f"{site.url}/{lang}{paths['video']}")
    expect(page.locator("a.video__poster img")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert contacted == []

    page.locator("a.video__poster").click()
    expect(page.locator(".video__frame iframe")).to_be_attached()
    page.wait_for_timeout(500)
    assert contacted and all("youtube-nocookie.com" in url for url in contacted)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_images_never_shift_the_layout_while_loading(site, page, lang):
    paths = add_media_content()
    page.add_init_script(
        "window.__shift = 0; new PerformanceObserver(list => { for (const e of "
        "list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })"
        ".observe({type: 'layout-shift', buffered: true});"
    )
    for path in ("/", "/news/", paths["post with images"], paths["video"]):
        page.goto(f"{site.url}/{lang}{path}")
        page.wait_for_load_state("networkidle")
        page.mouse.wheel(0, 4000)
        page.wait_for_timeout(300)
        assert page.evaluate("window.__shift") == 0, path
