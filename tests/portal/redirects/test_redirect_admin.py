"""Editors manage redirects in the admin; Translators cannot touch them."""

import pytest
from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.urls import reverse

from tests.conftest import parse
from tests.portal.admin.test_translator_fields import form_data

pytestmark = pytest.mark.django_db

ADD = reverse("admin:redirects_redirect_add")
LIST = reverse("admin:redirects_redirect_changelist")


def test_an_editor_adds_a_redirect_without_choosing_a_site(editor_client, client):
    form = editor_client.get(ADD)
    assert form.status_code == 200
    assert not parse(form).select("input[type=radio][name=site]")

    response = editor_client.post(
        ADD,
        {
            **form_data(form),
            "old_path": "/en/node/31",
            "new_path": "/en/about/",
        },
    )

    assert response.status_code == 302
    redirect = Redirect.objects.get()
    assert (redirect.site_id, redirect.old_path, redirect.new_path) == (
        settings.SITE_ID,
        "/en/node/31",
        "/en/about/",
    )
    assert client.get("/en/node/31")["Location"] == "/en/about/"


def test_a_second_redirect_from_the_same_path_is_a_form_error(editor_client):
    Redirect.objects.create(site_id=settings.SITE_ID, old_path="/x/", new_path="/")
    data = {**form_data(editor_client.get(ADD)), "old_path": "/x/", "new_path": "/y/"}

    response = editor_client.post(ADD, data)

    assert response.status_code == 200
    assert parse(response).select(".errorlist")
    assert Redirect.objects.count() == 1


def test_an_editor_changes_and_deletes_redirects(editor_client):
    redirect = Redirect.objects.create(
        site_id=settings.SITE_ID, old_path="/en/node/1", new_path="/en/"
    )
    change = reverse("admin:redirects_redirect_change", args=[redirect.pk])
    delete = reverse("admin:redirects_redirect_delete", args=[redirect.pk])

    data = {**form_data(editor_client.get(change)), "new_path": "/en/about/"}
    assert editor_client.post(change, data).status_code == 302
    assert Redirect.objects.get().new_path == "/en/about/"
    assert editor_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Redirect.objects.exists()


def test_a_translator_can_neither_see_nor_add_redirects(translator_client):
    redirect = Redirect.objects.create(
        site_id=settings.SITE_ID, old_path="/en/node/1", new_path="/en/"
    )
    change = reverse("admin:redirects_redirect_change", args=[redirect.pk])

    assert translator_client.get(LIST).status_code == 403
    assert translator_client.get(ADD).status_code == 403
    assert translator_client.get(change).status_code == 403
    response = translator_client.post(
        ADD, {"site": settings.SITE_ID, "old_path": "/a/", "new_path": "/b/"}
    )
    assert response.status_code == 403
    assert Redirect.objects.count() == 1
