"""A history reads in the reader's admin language, whoever saved and in which."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from reversion.models import Version

from portal.models import Post
from tests.conftest import parse
from tests.factories import PostFactory
from tests.portal.admin.test_admin_in_korean import english_words
from tests.portal.admin.test_roles import change_form_data

pytestmark = pytest.mark.django_db

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def history_messages(client, url: str, language: str) -> list[str]:
    page = parse(client.get(url, HTTP_ACCEPT_LANGUAGE=language))
    return [
        row.select("td")[-1].get_text(" ", strip=True)
        for row in page.select("#change-history tbody tr")
    ]


def edit_in(client, post, language: str, **changes) -> None:
    response = client.post(
        reverse("admin:portal_post_change", args=[post.pk]),
        change_form_data(post, **changes),
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 302


def test_a_save_in_the_english_admin_reads_in_korean(editor_client):
    post = PostFactory(kind="news", title_en="Old")
    edit_in(editor_client, post, "en", title_en="New", kind="video")
    url = reverse("admin:portal_post_history", args=[post.pk])

    [message] = history_messages(editor_client, url, "ko")

    assert "제목 [영어]" in message
    assert "종류" in message or "유형" in message
    assert not re.search(r"[A-Za-z]", message), message


def test_a_save_in_the_korean_admin_reads_in_english(editor_client):
    post = PostFactory(kind="news", title_en="Old")
    edit_in(editor_client, post, "ko", title_en="New", kind="video")
    url = reverse("admin:portal_post_history", args=[post.pk])

    [message] = history_messages(editor_client, url, "en")

    assert "Title [English]" in message
    assert not HANGUL.search(message), message


def test_publishing_and_restoring_read_in_the_readers_language(editor_client):
    post = PostFactory(status=Post.Status.DRAFT, title_en="First")
    edit_in(editor_client, post, "en", title_en="Second")
    first = Version.objects.get_for_object(post).first()
    editor_client.post(
        reverse("admin:portal_post_changelist"),
        {"action": "publish", "_selected_action": [post.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    revert = reverse("admin:portal_post_revision", args=[post.pk, first.pk])
    post.refresh_from_db()
    response = editor_client.post(
        revert, change_form_data(post, title_en="Second"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302
    url = reverse("admin:portal_post_history", args=[post.pk])

    messages = history_messages(editor_client, url, "ko")

    assert len(messages) == 3
    for message in messages:
        assert message and not re.search(r"[A-Za-z]", message), message


def test_the_history_of_a_staff_account_reads_in_korean(admin_client, superuser):
    editors = Group.objects.get(name="Editors")
    url = reverse("admin:auth_user_change", args=[superuser.pk])
    form = parse(admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en")).select_one(
        "#user_form"
    )
    data = {
        field["name"]: field.get("value", "")
        for field in form.select("input[name]")
        if field.get("type") not in ("checkbox", "submit")
    }
    data.update(is_active="on", is_staff="on", is_superuser="on", groups=[editors.pk])
    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302

    history = reverse("admin:auth_user_history", args=[superuser.pk])
    [message] = history_messages(admin_client, history, "ko")

    assert not re.search(r"[A-Za-z]", message), message


def test_translated_field_labels_name_the_language_in_the_admins_language(
    admin_client,
):
    post = PostFactory()
    url = reverse("admin:portal_post_change", args=[post.pk])

    korean = parse(admin_client.get(url, HTTP_ACCEPT_LANGUAGE="ko"))
    english = parse(admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en"))

    assert korean.select_one("label[for=id_title_en]").get_text(strip=True) == (
        "제목 [영어]:"
    )
    assert english.select_one("label[for=id_title_ko]").get_text(strip=True) == (
        "Title [Korean]:"
    )


def test_the_editorial_groups_read_in_the_admins_language(admin_client):
    url = reverse("admin:auth_group_changelist")

    korean = parse(admin_client.get(url, HTTP_ACCEPT_LANGUAGE="ko"))
    english = parse(admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en"))

    names = [a.get_text() for a in korean.select("#result_list tbody th a")]
    assert sorted(names) == ["번역자", "요청 처리 담당자", "편집자"]
    assert english_words(admin_client.get(url, HTTP_ACCEPT_LANGUAGE="ko")) == set()
    assert {a.get_text() for a in english.select("#result_list tbody th a")} == {
        "Editors",
        "Translators",
        "Request handlers",
    }
    # The stored name stays the key migrations and code find the role by.
    assert Group.objects.filter(name__in=["Editors", "Translators"]).count() == 2
