"""Editors run the site; Translators translate and can do nothing irreversible."""

import pytest
from django.urls import reverse

from portal.models import Post
from tests.conftest import parse
from tests.factories import (
    DepartmentFactory,
    PartnerFactory,
    PolicyCaseFactory,
    PostFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db


def change_form_data(post, **changes):
    data = {
        "kind": post.kind,
        "status": post.status,
        "published_at_0": post.published_at.strftime("%Y-%m-%d"),
        "published_at_1": post.published_at.strftime("%H:%M:%S"),
        "title_ko": post.title_ko,
        "title_en": post.title_en,
        "body_ko": post.body_ko,
        "body_en": post.body_en,
        "slug": post.slug,
        "author_ko": post.author_ko,
        "author_en": post.author_en,
    }
    data.update(changes)
    # A missing translation is an empty field in the form.
    return {key: "" if value is None else value for key, value in data.items()}


def test_translator_can_edit_the_english_text(translator_client):
    post = PostFactory(title_en="")

    response = translator_client.post(
        reverse("admin:portal_post_change", args=[post.pk]),
        change_form_data(post, title_en="Translated title"),
    )

    assert response.status_code == 302
    assert Post.objects.get(pk=post.pk).title_en == "Translated title"


def test_translator_cannot_publish_through_the_form(translator_client):
    post = PostFactory(status=Post.Status.DRAFT)

    translator_client.post(
        reverse("admin:portal_post_change", args=[post.pk]),
        change_form_data(post, status="published", title_en="Sneaky"),
    )

    post.refresh_from_db()
    assert post.status == "draft"
    assert post.title_en == "Sneaky"


def test_translator_sees_no_publishing_actions(translator_client):
    PostFactory()

    page = parse(translator_client.get("/admin/portal/post/"))

    actions = {o["value"] for o in page.select("select[name=action] option")}
    assert "publish" not in actions
    assert "unpublish" not in actions
    assert "delete_selected" not in actions


def test_translator_cannot_unpublish_by_posting_the_action(translator_client):
    post = PostFactory()

    translator_client.post(
        "/admin/portal/post/", {"action": "unpublish", "_selected_action": [post.pk]}
    )

    assert Post.objects.get(pk=post.pk).status == "published"


@pytest.mark.parametrize(
    "factory,model",
    [
        (PostFactory, "post"),
        (ProgramFactory, "program"),
        (PartnerFactory, "partner"),
        (PolicyCaseFactory, "policycase"),
        (DepartmentFactory, "department"),
    ],
)
def test_translator_cannot_delete_or_add(translator_client, factory, model):
    obj = factory()

    delete = translator_client.post(
        reverse(f"admin:portal_{model}_delete", args=[obj.pk]), {"post": "yes"}
    )
    add = translator_client.get(reverse(f"admin:portal_{model}_add"))

    assert delete.status_code == 403
    assert add.status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_translator_cannot_restore_old_versions(translator_client, editor_client):
    from reversion.models import Version

    post = PostFactory(title_en="v1")
    editor_client.post(
        reverse("admin:portal_post_change", args=[post.pk]),
        change_form_data(post, title_en="v2"),
    )
    version = Version.objects.get_for_object(post).first()

    response = translator_client.get(
        reverse("admin:portal_post_revision", args=[post.pk, version.pk])
    )

    assert response.status_code == 403


def test_editor_can_publish_and_delete(editor_client):
    post = PostFactory(status=Post.Status.DRAFT)

    editor_client.post(
        "/admin/portal/post/", {"action": "publish", "_selected_action": [post.pk]}
    )
    assert Post.objects.get(pk=post.pk).status == "published"

    editor_client.post(
        reverse("admin:portal_post_delete", args=[post.pk]), {"post": "yes"}
    )
    assert not Post.objects.filter(pk=post.pk).exists()


def test_editor_cannot_manage_users(editor_client):
    assert editor_client.get("/admin/auth/user/").status_code == 403


@pytest.mark.parametrize("lang,word", [("ko", "게시"), ("en", "Publishing")])
def test_admin_follows_the_users_language(editor_client, lang, word):
    post = PostFactory()

    response = editor_client.get(
        reverse("admin:portal_post_change", args=[post.pk]), HTTP_ACCEPT_LANGUAGE=lang
    )

    page = parse(response)
    assert page.html["lang"] == lang
    assert word in [h.get_text(strip=True) for h in page.select("fieldset h2")]


def history_models():
    """Every model with history that has an admin page of its own."""
    from django.contrib import admin

    from portal.models.public import public_models

    return [model for model in public_models() if admin.site.is_registered(model)]


@pytest.mark.parametrize(
    "model", history_models(), ids=lambda model: model._meta.model_name
)
def test_no_role_below_editor_may_restore_or_recover_any_model(
    translator_client, editor_client, model
):
    import reversion
    from reversion.models import Version

    from tests import factories

    factory = getattr(factories, f"{model.__name__}Factory")
    with reversion.create_revision():
        obj = factory()
    version = Version.objects.get_for_object(obj).first()
    opts = model._meta
    name = f"admin:{opts.app_label}_{opts.model_name}"
    revision = reverse(f"{name}_revision", args=[obj.pk, version.pk])
    recover = reverse(f"{name}_recover", args=[version.pk])
    recover_list = reverse(f"{name}_recoverlist")

    for url in (revision, recover, recover_list):
        assert translator_client.get(url).status_code == 403, url
        assert translator_client.post(url, {}).status_code == 403, url
    assert editor_client.get(revision).status_code == 200
    assert editor_client.get(recover_list).status_code == 200


def test_a_translator_translates_a_case_but_cannot_publish_it(translator_client):
    from tests.portal.admin.test_translator_fields import form_data

    case = PolicyCaseFactory(status="draft", title_en="Climate Card")
    url = reverse("admin:portal_policycase_change", args=[case.pk])
    data = form_data(translator_client.get(url))

    response = translator_client.post(
        url, {**data, "title_en": "The Climate Card", "status": "published"}
    )

    case.refresh_from_db()
    assert response.status_code == 302
    assert case.title_en == "The Climate Card"
    assert case.status == "draft"
