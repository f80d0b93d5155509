"""Two people edit the same item: the later save is refused, not lost
(issue 28, point 12)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from portal.admin.base import PortalAdmin
from portal.admin.conflicts import OPENED_VERSION
from tests import factories
from tests.conftest import parse
from tests.portal.admin.test_translator_fields import form_data

pytestmark = pytest.mark.django_db

PORTAL_MODELS = [
    model
    for model, model_admin in admin.site._registry.items()
    if isinstance(model_admin, PortalAdmin)
]
# A text field each model's form has in the default language.
TEXT = {
    "post": "title_ko",
    "page": "title_ko",
    "program": "name_ko",
    "partner": "name_ko",
    "policyfield": "name_ko",
    "image": "alt_text_ko",
    "policycase": "title_ko",
    "department": "name_ko",
    "glossaryterm": "term_ko",
}


@pytest.mark.parametrize("model", PORTAL_MODELS, ids=lambda m: m._meta.model_name)
def test_the_second_of_two_saves_is_refused_and_keeps_its_input(
    editor_client, admin_client, model
):
    obj = getattr(factories, f"{model.__name__}Factory")()
    name = TEXT[model._meta.model_name]
    url = reverse(f"admin:portal_{model._meta.model_name}_change", args=[obj.pk])
    first = form_data(admin_client.get(url))
    second = form_data(editor_client.get(url))

    saved = admin_client.post(url, {**first, name: "First editor's words"})
    refused = editor_client.post(url, {**second, name: "Second editor's words"})

    assert saved.status_code == 302
    assert refused.status_code == 200
    page = parse(refused)
    assert page.select(".errornote")
    assert page.select(".errorlist.nonfield")
    assert page.select_one(f"[name={name}]")["value"] == "Second editor's words"
    obj.refresh_from_db()
    assert getattr(obj, name) == "First editor's words"


def test_saving_the_refused_form_again_replaces_the_change_knowingly(
    editor_client, admin_client
):
    post = factories.PostFactory()
    url = reverse("admin:portal_post_change", args=[post.pk])
    first = form_data(admin_client.get(url))
    second = form_data(editor_client.get(url))
    admin_client.post(url, {**first, "title_en": "First"})

    refused = editor_client.post(url, {**second, "title_en": "Second"})
    again = editor_client.post(url, form_data(refused))

    assert again.status_code == 302
    post.refresh_from_db()
    assert post.title_en == "Second"


def test_one_editor_saving_twice_meets_no_conflict(editor_client):
    page = factories.PageFactory()
    url = reverse("admin:portal_page_change", args=[page.pk])

    for title in ("One", "Two"):
        data = form_data(editor_client.get(url))
        assert data[OPENED_VERSION]
        response = editor_client.post(url, {**data, "title_en": title})
        assert response.status_code == 302

    page.refresh_from_db()
    assert page.title_en == "Two"
