import pytest
import reversion
from django.urls import reverse
from django.utils.translation import gettext, override
from reversion.models import Version

from portal.languages import language_codes
from portal.models import Post
from tests import factories
from tests.conftest import parse
from tests.factories import PostFactory
from tests.portal.admin.test_roles import change_form_data, history_models

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


IMPORTED = """\
• First news
  등록일 2023-01-01 글쓴이 Seoul
  The first body.

• Second news
  등록일 2023-01-02 글쓴이 Seoul
  The second body.

• Third news
  등록일 2023-01-03 글쓴이 Seoul
  The third body.
"""


def test_restoring_one_imported_post_restores_that_post_alone(editor_client, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "three.txt"
    path.write_text(IMPORTED, encoding="utf-8")
    call_command("import_seeds", str(path), verbosity=0)
    first, second, third = (
        Post.objects.get(title_en=f"{word} news")
        for word in ("First", "Second", "Third")
    )
    imported = Version.objects.get_for_object(third).get()
    change = "admin:portal_post_change"
    # An editor unpublishes the second post and edits the first and the third.
    editor_client.post(
        reverse("admin:portal_post_changelist"),
        {"action": "unpublish", "_selected_action": [second.pk]},
    )
    for post, title in ((first, "First, edited"), (third, "Third, edited")):
        editor_client.post(
            reverse(change, args=[post.pk]), change_form_data(post, title_en=title)
        )

    revision_url = reverse("admin:portal_post_revision", args=[third.pk, imported.pk])
    response = editor_client.post(revision_url, change_form_data(third))

    assert response.status_code == 302
    for post in (first, second, third):
        post.refresh_from_db()
    assert third.title_en == "Third news"
    assert first.title_en == "First, edited"
    assert second.status == Post.Status.DRAFT


def test_old_shared_revisions_are_split_one_object_each(db):
    import importlib

    import reversion
    from django.apps import apps
    from reversion.models import Revision

    from tests.factories import FAQEntryFactory, ProgramFactory

    # Only the revisions made here: migrations record the starting pages' own.
    Revision.objects.all().delete()
    posts = PostFactory.create_batch(3)
    program = ProgramFactory()
    FAQEntryFactory.create_batch(2, program=program)
    with reversion.create_revision():  # as the import and the actions used to
        for obj in (*posts, program):
            reversion.add_to_revision(obj)
    assert Revision.objects.count() == 1

    migration = importlib.import_module(
        "portal.migrations.0014_one_object_per_revision"
    )
    migration.split(apps, None)

    assert Revision.objects.count() == 4
    for revision in Revision.objects.all():
        kinds = {version.content_type.model for version in revision.version_set.all()}
        assert kinds in ({"post"}, {"program", "faqentry"})


def recover_link(response):
    return parse(response).select_one("ul.object-tools a.recoverlink")


@pytest.mark.parametrize("model", history_models(), ids=lambda m: m._meta.model_name)
def test_each_change_list_links_editors_to_its_deleted_items(
    editor_client, translator_client, model
):
    factory = getattr(factories, f"{model.__name__}Factory")
    with reversion.create_revision():
        deleted = factory()
    version = Version.objects.get_for_object(deleted).get()
    deleted.delete()
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")

    for code in language_codes():
        response = editor_client.get(changelist, HTTP_ACCEPT_LANGUAGE=code)
        link = recover_link(response)
        with override(code):
            name = str(opts.verbose_name_plural)
            assert link.get_text() == gettext("Recover deleted %(name)s") % {
                "name": name
            }
    recover_list = editor_client.get(link["href"])
    assert recover_list.status_code == 200
    recover = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_recover", args=[version.pk]
    )
    assert parse(recover_list).select_one(f'a[href="{recover}"]') is not None
    assert editor_client.get(recover).status_code == 200
    assert recover_link(translator_client.get(changelist)) is None
