"""The image chooser the body editor opens: who may use it, and what it offers."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.admin.chooser import PER_PAGE
from portal.languages import language_codes, localized
from tests.conftest import parse
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db
CHOOSER = reverse("admin:portal_image_choose")


def choices(response) -> list:
    return parse(response).select(".image-chooser__choice")


def test_staff_without_the_library_get_no_chooser(client):
    ImageFactory()
    assert client.get(CHOOSER).status_code == 302  # to the sign-in page
    clerk = get_user_model().objects.create_user("clerk", password="x", is_staff=True)
    client.force_login(clerk)

    assert client.get(CHOOSER).status_code == 403


def test_an_editor_chooses_from_thumbnails_with_the_alt_text_of_the_editors_language(
    editor_client,
):
    image = ImageFactory(
        alt_text_ko="한강 자전거길",
        alt_text_en="Cycling by the Han",
        caption_ko="여의도",
        caption_en="Yeouido",
    )

    for language, alt, caption in (
        ("ko", "한강 자전거길", "여의도"),
        ("en", "Cycling by the Han", "Yeouido"),
    ):
        response = editor_client.get(CHOOSER, {"language": language})
        assert response.status_code == 200
        [choice] = choices(response)
        assert choice["data-id"] == str(image.pk)
        assert choice["data-url"] == image.file.url
        assert (choice["data-alt"], choice["data-caption"]) == (alt, caption)
        assert choice.select_one("img.portal-thumbnail")


def test_the_chooser_searches_alt_text_in_every_language(editor_client):
    ImageFactory(alt_text_ko="한강 자전거길", alt_text_en="Cycling by the Han")
    ImageFactory(alt_text_ko="북한산 단풍", alt_text_en="Autumn on Bukhansan")

    for query in ("자전거", "cycling"):
        response = editor_client.get(CHOOSER, {"q": query, "language": "en"})
        assert [c["data-alt"] for c in choices(response)] == ["Cycling by the Han"]
    nothing = editor_client.get(CHOOSER, {"q": "subway"})
    assert choices(nothing) == []


def test_the_chooser_pages_keep_the_search_and_the_editors_callback(editor_client):
    ImageFactory.create_batch(PER_PAGE + 1, alt_text_en="Seoul at night")

    response = editor_client.get(
        CHOOSER, {"q": "night", "language": "en", "CKEditorFuncNum": "-3"}
    )

    assert len(choices(response)) == PER_PAGE
    following = parse(response).select_one(".image-chooser__pages a[rel=next]")
    second = editor_client.get(CHOOSER + following["href"])
    assert len(choices(second)) == 1
    assert "CKEditorFuncNum=-3" in following["href"] and "q=night" in following["href"]


def language_of(column: str) -> str:
    """The language of a column: ``body_zh_hans`` → ``zh-hans``."""
    return next(c for c in language_codes() if column.endswith(localized("", c)))


def test_each_language_editor_opens_the_chooser_in_its_own_language(admin_client):
    response = admin_client.get(reverse("admin:portal_post_add"))

    page = parse(response)
    editors = page.select("textarea[data-django-prose-editor-configurable]")
    # Each rich field (summary, body) has an editor per language.
    languages = {language_of(textarea["name"]) for textarea in editors}
    assert languages == set(language_codes())
    for textarea in editors:
        language = language_of(textarea["name"])
        config = textarea["data-django-prose-editor-configurable"]
        assert f"{CHOOSER}?language={language}" in config
