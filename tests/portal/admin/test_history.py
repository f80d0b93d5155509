import pytest
from django.urls import reverse
from reversion.models import Version

from portal.models import Post
from tests.factories import PostFactory
from tests.portal.admin.test_roles import change_form_data

pytestmark = pytest.mark.django_db


def test_admin_edit_is_recorded_with_who_and_what(editor_client):
    post = PostFactory(title_en="Original")

    editor_client.post(
        reverse("admin:portal_post_change", args=[post.pk]),
        change_form_data(post, title_en="Changed"),
    )

    [version] = Version.objects.get_for_object(post)
    assert version.revision.user.username == "editor"
    assert version.field_dict["title_en"] == "Changed"
    history = editor_client.get(reverse("admin:portal_post_history", args=[post.pk]))
    assert reverse("admin:portal_post_revision", args=[post.pk, version.pk]) in (
        history.content.decode()
    )


def test_restore_brings_back_old_text_in_both_languages(editor_client):
    post = PostFactory(title_ko="원래 제목", title_en="Original title")
    url = reverse("admin:portal_post_change", args=[post.pk])
    editor_client.post(url, change_form_data(post))
    original = Version.objects.get_for_object(post).first()
    editor_client.post(
        url, change_form_data(post, title_ko="바뀐 제목", title_en="Changed title")
    )

    revision_url = reverse("admin:portal_post_revision", args=[post.pk, original.pk])
    form = editor_client.get(revision_url)
    assert form.status_code == 200
    editor_client.post(revision_url, change_form_data(post))

    post.refresh_from_db()
    assert (post.title_ko, post.title_en) == ("원래 제목", "Original title")


def test_import_is_recorded_in_the_history(tmp_path):
    from django.core.management import call_command

    path = tmp_path / "a.txt"
    path.write_text("• News\n  등록일 2023-01-01 글쓴이 s\n  Body.\n", encoding="utf-8")

    call_command("import_seeds", str(path), verbosity=0)

    post = Post.objects.get()
    [version] = Version.objects.get_for_object(post)
    assert version.revision.comment.startswith("import_seeds (")
    assert str(path) in version.revision.comment
    assert version.revision.user is None
