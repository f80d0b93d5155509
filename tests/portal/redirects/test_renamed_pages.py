"""A page whose slug changes keeps its old address in every language, without
chains or loops (portal.renamed_pages)."""

import pytest
from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.core import serializers
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.languages import language_codes
from portal.models.public import PUBLIC_CONTENT
from portal.old_addresses import parse_old_address, record
from portal.renamed_pages import has_page_by_slug, page_path
from tests import factories
from tests.portal.admin.test_translator_fields import form_data

pytestmark = pytest.mark.django_db


def stored() -> dict[str, str]:
    return dict(Redirect.objects.values_list("old_path", "new_path"))


def rename_in_admin(client, post, slug: str) -> None:
    url = reverse("admin:portal_post_change", args=[post.pk])
    response = client.post(url, {**form_data(client.get(url)), "slug": slug})
    assert response.status_code == 302, response.status_code
    post.refresh_from_db()
    assert post.slug == slug


def test_an_editor_renaming_a_post_leaves_its_old_address_in_every_language(
    editor_client, client
):
    post = factories.PostFactory(slug="bus-reform")

    rename_in_admin(editor_client, post, "bus-network-reform")

    assert stored() == {
        f"/{code}/posts/bus-reform/": f"/{code}/posts/bus-network-reform/"
        for code in language_codes()
    }
    response = client.get("/en/posts/bus-reform/")
    assert response.status_code == 301
    assert response["Location"] == "/en/posts/bus-network-reform/"
    assert client.get(response["Location"]).status_code == 200


def test_redirects_to_the_old_address_are_repointed_so_there_is_no_chain(
    editor_client, client
):
    post = factories.PostFactory(slug="first")
    record([(post, parse_old_address("/en/node/9826"))])

    rename_in_admin(editor_client, post, "second")
    rename_in_admin(editor_client, post, "third")

    redirects = stored()
    assert redirects["/en/node/9826"] == "/en/posts/third/"
    assert redirects["/en/posts/first/"] == "/en/posts/third/"
    assert redirects["/en/posts/second/"] == "/en/posts/third/"
    assert set(redirects.values()) <= {
        f"/{code}/posts/third/" for code in language_codes()
    }
    assert client.get("/en/node/9826")["Location"] == "/en/posts/third/"


def test_a_slug_changed_back_leaves_no_loop(editor_client, client):
    post = factories.PostFactory(slug="original")

    rename_in_admin(editor_client, post, "renamed")
    rename_in_admin(editor_client, post, "original")

    assert stored() == {
        f"/{code}/posts/renamed/": f"/{code}/posts/original/"
        for code in language_codes()
    }
    assert client.get("/en/posts/original/").status_code == 200
    assert client.get("/en/posts/renamed/")["Location"] == "/en/posts/original/"


def test_a_redirect_to_a_place_on_the_old_page_keeps_its_fragment():
    post = factories.PostFactory(slug="old")
    Redirect.objects.create(
        site_id=settings.SITE_ID,
        old_path="/en/node/3",
        new_path="/en/posts/old/#figures",
    )

    post.slug = "new"
    post.save()

    assert stored()["/en/node/3"] == "/en/posts/new/#figures"


def renamable_models():
    return [entry.model for entry in PUBLIC_CONTENT if has_page_by_slug(entry.model)]


def test_every_public_model_with_a_slug_and_a_page_is_hooked():
    names = {model.__name__ for model in renamable_models()}

    assert {"Post", "Program", "PolicyCase", "PolicyField", "Page"} <= names
    assert "FAQEntry" not in names


@pytest.mark.parametrize("model", renamable_models(), ids=lambda m: m.__name__)
def test_renaming_any_of_them_anywhere_save_is_called_is_recorded(model):
    obj = getattr(factories, f"{model.__name__}Factory")(slug="before")
    before = {code: _path_in(obj, code) for code in language_codes()}

    obj.slug = "after"
    obj.save()

    expected = {
        old: _path_in(obj, code)
        for code, old in before.items()
        if old != _path_in(obj, code)
    }
    # A partner's slug names a place on the partners' page: nothing moved.
    assert stored() == expected


def _path_in(obj, code: str) -> str:
    from django.utils import translation

    with translation.override(code):
        return page_path(obj)


def test_a_save_that_keeps_the_slug_reads_it_once_and_writes_no_redirect():
    post = factories.PostFactory(slug="steady")

    with CaptureQueriesContext(connection) as queries:
        post.title_en = "A new title"
        post.save()

    slug_reads = [
        q for q in queries if q["sql"].startswith('SELECT "portal_post"."slug"')
    ]
    assert len(slug_reads) == 1
    assert not any("django_redirect" in q["sql"] for q in queries)
    assert not Redirect.objects.exists()


def test_new_rows_and_saves_of_other_fields_do_not_read_the_slug():
    with CaptureQueriesContext(connection) as queries:
        post = factories.PostFactory(slug="fresh")
        post.save(update_fields=["title_en"])

    assert not any('"portal_post"."slug"' in q["sql"] for q in queries)


def test_raw_saves_such_as_loaddata_are_copies_not_renames():
    post = factories.PostFactory(slug="kept")
    data = serializers.serialize("json", [post]).replace('"kept"', '"loaded"')

    for obj in serializers.deserialize("json", data):
        obj.save()

    assert not Redirect.objects.exists()


def test_a_renamed_page_linked_with_tracking_parameters_still_arrives(client):
    Redirect.objects.create(
        site_id=settings.SITE_ID, old_path="/en/posts/old/", new_path="/en/posts/new/"
    )

    response = client.get("/en/posts/old/?utm_source=newsletter")

    assert response.status_code == 301
    assert response["Location"] == "/en/posts/new/?utm_source=newsletter"
