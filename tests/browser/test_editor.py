"""The body editor in a real browser: images from the library, table captions,
typing at the end of a figure or a link, and its toolbar in the admin's language."""

import contextlib

import pytest
from django.contrib.auth import get_user_model
from django.utils.translation import override
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from portal.models import Post
from tests.browser.conftest import DESKTOP, PHONE, STAFF_PASSWORD, sign_in
from tests.browser.test_accessibility import violations
from tests.factories import PostFactory
from tests.support.media import library_image, photo

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
FIGURE = (
    '<p>Shaded rest areas opened along the river.</p><figure><img src="{src}" '
    'alt="Rest area"><figcaption>Yeouido</figcaption></figure>'
)


@pytest.fixture
def staff(live_server):
    get_user_model().objects.create_superuser(
        "editor", "editor@example.org", STAFF_PASSWORD
    )
    return live_server


def open_editor(page, base_url: str, post: Post):
    """The change form's editor for the admin's language, ready to type in."""
    sign_in(page, base_url)
    page.goto(f"{base_url}/admin/portal/post/{post.pk}/change/")
    editor = page.locator(".prose-editor:visible").first
    expect(editor.locator("[contenteditable=true]")).to_be_visible()
    return editor


def type_at_the_end(page, editor, text: str) -> None:
    # Into the text: a click on the box's middle may land on an image and select
    # it, and what typing over a selected image does is another matter.
    editor.locator("[contenteditable=true] p").first.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def save(page) -> None:
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()


def test_staff_choose_a_body_image_from_the_library(staff, page):
    river = library_image(
        photo(),
        alt_text_ko="한강 둔치의 그늘 쉼터",
        alt_text_en="A shaded rest area by the Han River",
        caption_en="Yeouido Hangang Park",
    )
    library_image(photo(seed=2), alt_text_en="Downtown Seoul with Bukhansan")
    post = PostFactory(slug="shade")
    editor = open_editor(page, staff.url, post)

    type_at_the_end(page, editor, " ")
    editor.get_by_role("button", name="Image", exact=True).click()
    dialog = editor.locator("dialog[open]")
    with page.expect_popup() as opening:
        dialog.get_by_role("button", name="Browse...").click()
    library = opening.value
    expect(library.locator(".image-chooser__choice")).to_have_count(2)
    library.get_by_label("Search the alt text and captions").fill("river")
    library.keyboard.press("Enter")
    expect(library.locator(".image-chooser__choice")).to_have_count(1)
    # The pick closes the pop-up, sometimes before the click returns.
    with contextlib.suppress(PlaywrightError):
        library.locator(".image-chooser__choice").click()
    # The editor's language (English here) fills in the description and caption.
    expect(dialog.locator("input[name=altText]")).to_have_value(
        "A shaded rest area by the Han River"
    )
    expect(dialog.locator("input[name=caption]")).to_have_value("Yeouido Hangang Park")
    dialog.get_by_role("button", name="Insert").click()
    save(page)

    post.refresh_from_db()
    assert f'data-file="{river.pk}"' in post.body_en
    with override("en"):
        page.goto(f"{staff.url}{post.get_absolute_url()}")
    img = page.locator(".article__body figure picture img")
    expect(img).to_have_attribute("alt", "A shaded rest area by the Han River")
    expect(img).to_have_js_property("complete", True)
    assert img.evaluate("img => img.currentSrc").endswith(".webp")
    assert img.get_attribute("srcset")


def test_typing_after_a_final_figure_starts_a_new_paragraph(staff, page):
    image = library_image(photo(), alt_text_en="Rest area")
    post = PostFactory(body_en=FIGURE.format(src=image.file.url))
    editor = open_editor(page, staff.url, post)

    type_at_the_end(page, editor, "Open until ten.")
    save(page)

    post.refresh_from_db()
    assert post.body_en.endswith(
        "<figcaption>Yeouido</figcaption></figure><p>Open until ten.</p>"
    )


def test_typing_after_a_link_does_not_extend_it(staff, page):
    post = PostFactory(
        body_en='<p>Read <a href="https://example.org/plan">the plan</a></p>'
    )
    editor = open_editor(page, staff.url, post)

    # A space ends a link anyway (Tiptap's autolink); punctuation did not.
    type_at_the_end(page, editor, ". It opens today.")
    save(page)

    post.refresh_from_db()
    assert "the plan</a>. It opens today.</p>" in post.body_en


@pytest.mark.browser_context_args(locale="ko-KR")
def test_the_korean_admins_editor_speaks_korean_and_asks_for_a_table_caption(
    staff, page
):
    post = PostFactory(slug="hours", body_ko="<p>운영 시간입니다.</p>")
    editor = open_editor(page, staff.url, post)
    toolbar = editor.locator(".prose-menubar").first

    for label in ("굵게", "기울임", "링크 넣기", "표 넣기", "실행 취소", "이미지"):
        expect(toolbar.get_by_role("button", name=label, exact=True)).to_be_visible()
    expect(toolbar).not_to_contain_text("Block style")
    type_at_the_end(page, editor, " ")
    toolbar.get_by_role("button", name="표 넣기", exact=True).click()
    dialog = editor.locator("dialog[open]")
    expect(dialog.get_by_role("heading")).to_have_text("표 넣기")
    # A checkbox, not a select of the English words "Yes" and "No".
    expect(dialog.get_by_label("제목 행 포함")).to_be_checked()
    expect(dialog.locator("select")).to_have_count(0)
    dialog.get_by_label("캡션").fill("공원별 운영 시간")
    dialog.get_by_role("button", name="넣기", exact=True).click()
    expect(editor.locator("table caption")).to_have_text("공원별 운영 시간")
    save(page)

    post.refresh_from_db()
    assert "<table><caption>공원별 운영 시간</caption>" in post.body_ko
    with override("ko"):
        page.goto(f"{staff.url}{post.get_absolute_url()}")
    expect(page.locator(".article__body table caption")).to_have_text(
        "공원별 운영 시간"
    )


@pytest.mark.parametrize("locale", ["ko-KR", "en-US"])
def test_the_image_chooser_has_no_accessibility_violations(staff, browser, locale):
    library_image(photo(), alt_text_ko="한강 둔치", alt_text_en="By the Han River")
    for viewport in (DESKTOP, PHONE):
        context = browser.new_context(locale=locale, viewport=viewport)
        page = context.new_page()
        sign_in(page, staff.url)
        page.goto(f"{staff.url}/admin/portal/image/choose/?CKEditorFuncNum=-1")
        expect(page.locator(".image-chooser__choice")).to_have_count(1)
        assert violations(page) == [], viewport
        context.close()
