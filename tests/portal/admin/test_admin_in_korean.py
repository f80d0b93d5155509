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
    # Translation file formats (portal.admin.vendor_files).
    *("XLIFF", "PO", "gettext", "zip"),
    # What django-axes records for a request without a user agent: data.
    "unknown",
}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z-]+")


def english_words(response, content: str = "") -> set[str]:
    """Latin words in the admin's text; ``content``: an item's own name, which
    its pages show (in breadcrumbs and headings) as it is."""
    page = parse(response)
    # Rows of a change list, and the values its filters offer, are content (user
    # and group names, recorded paths), not admin text; so are a password's hash
    # and what is marked as written in another language (the preview links).
    for hidden in page.select(
        "script, style, option, textarea, input, #result_list tbody, "
        "#changelist-filter li, #id_password, #content [lang]"
    ):
        hidden.decompose()
    text = " ".join(
        block.get_text(" ") for block in page.select("#header, #nav-sidebar, #content")
    )
    if content:
        text = text.replace(content, " ")
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


def change_pages(admin_client) -> list[str]:
    """Every model's change form and history page, for its first row, with
    that row."""
    index = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="ko")
    pages = []
    for app in index.context["app_list"]:
        for model in app["models"]:
            obj = model["model"]._default_manager.order_by("pk").first()
            if obj is None or not model["perms"].get("change"):
                continue
            opts = model["model"]._meta
            for view in ("change", "history"):
                name = f"admin:{opts.app_label}_{opts.model_name}_{view}"
                pages.append((reverse(name, args=[obj.pk]), obj))
    return pages


def test_every_change_form_history_and_the_dashboard_are_in_korean(admin_client):
    """After a working day in the English admin (an edit, a publish, a group
    change), the Korean admin still shows nothing in English: field labels name
    their language in Korean, history messages are written at display time, the
    dashboard gives its reasons in Korean."""
    from django.contrib.auth.models import Group

    from tests.factories import PostFactory
    from tests.portal.admin.test_roles import change_form_data

    post = PostFactory(status="draft", title_en="Old", needs_review=True)
    admin_client.post(
        reverse("admin:portal_post_change", args=[post.pk]),
        change_form_data(post, title_en="New", kind="video"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    admin_client.post(
        reverse("admin:portal_post_changelist"),
        {"action": "publish", "_selected_action": [post.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    editors = Group.objects.get(name="Editors")
    admin_client.post(
        reverse("admin:auth_group_change", args=[editors.pk]),
        {"name": editors.name, "permissions": []},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    paths = [*change_pages(admin_client), (reverse("translation_dashboard"), "")]

    found = {}
    for path, obj in paths:
        response = admin_client.get(path, HTTP_ACCEPT_LANGUAGE="ko")
        assert response.status_code == 200, path
        words = english_words(response, content=str(obj))
        # modeltranslation named each copy by its code: "제목 [en]".
        words |= set(re.findall(r"\[[a-z]{2}\]", parse(response).get_text()))
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
