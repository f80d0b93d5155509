"""Staff who read Korean see the admin in Korean throughout: the portal's own
screens, Django's, and those of django-axes and django-reversion, which ship no
Korean of their own (portal/admin/strings.py), and the rich-text editor's dialogs
(locale/ko/LC_MESSAGES/djangojs.po)."""

import json
import re

import pytest
from django.urls import reverse

from tests.conftest import parse

pytestmark = pytest.mark.django_db

# Latin words that are Korean admin text too: language codes, abbreviations,
# product names, and the keys and terms Django's own Korean keeps in Latin.
ALLOWED = {
    *("KO", "EN", "ko", "en", "ID", "IP", "URL", "HTML", "HTTP", "GET", "POST"),
    *("PDF", "JPEG", "PNG", "WebP", "MB", "KOGL", "Accept", "sha", "RSS", "Atom"),
    *("YouTube", "Vimeo", "ADMIN", "admin", "Control", "Command", "Mac", "LDAP"),
    *("Single", "Sign-On", "privacy", "copyright", "accessibility"),
}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z-]+")


def english_words(response) -> set[str]:
    page = parse(response)
    # Rows of a change list, and the values its filters offer, are content (user
    # and group names, recorded paths), not admin text.
    for hidden in page.select(
        "script, style, option, textarea, input, #result_list tbody, "
        "#changelist-filter li"
    ):
        hidden.decompose()
    text = " ".join(
        block.get_text(" ") for block in page.select("#header, #nav-sidebar, #content")
    )
    return {word for word in LATIN_WORD.findall(text) if word not in ALLOWED}


def admin_pages(admin_client) -> list[str]:
    """The index, and every model's list and add form, as the index links them."""
    index = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="ko")
    pages = [reverse("admin:index")]
    for app in index.context["app_list"]:
        for model in app["models"]:
            pages += [url for url in (model["admin_url"], model["add_url"]) if url]
    return pages


def test_every_admin_list_and_form_is_in_korean(admin_client):
    found = {}
    for path in admin_pages(admin_client):
        response = admin_client.get(path, HTTP_ACCEPT_LANGUAGE="ko")
        assert response.status_code == 200, path
        words = english_words(response)
        if words:
            found[path] = sorted(words)

    assert found == {}


def test_history_and_recovery_pages_are_in_korean(admin_client):
    from portal.models import Page

    privacy = Page.objects.get(slug="privacy")
    paths = [
        reverse("admin:portal_page_history", args=[privacy.pk]),
        reverse("admin:portal_page_recoverlist"),
    ]
    for path in paths:
        response = admin_client.get(path, HTTP_ACCEPT_LANGUAGE="ko")
        assert response.status_code == 200, path
        assert english_words(response) == set(), path


def test_the_editors_dialogs_speak_korean(admin_client):
    catalogue = admin_client.get(
        reverse("admin:jsi18n"), HTTP_ACCEPT_LANGUAGE="ko"
    ).content.decode()

    for korean in ("표 넣기", "대체 텍스트", "새 창에서 열기"):
        # The catalogue is JSON, with \uXXXX escapes.
        assert json.dumps(korean)[1:-1] in catalogue
