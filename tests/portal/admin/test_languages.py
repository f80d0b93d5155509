"""The admin in every declared language: a tab per language in every form, the
filters, searches and the dashboard per language, slugs typed from the slug
language, and nothing in the admin that knows only Korean and English."""

import json
import re

import pytest
from django.contrib import admin
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils.translation import get_language_info

from portal.admin.base import PortalAdmin
from portal.languages import language_codes, localized
from portal.models import Post
from tests import factories
from tests.conftest import parse

pytestmark = pytest.mark.django_db

ADMINS = {
    model: model_admin
    for model, model_admin in admin.site._registry.items()
    if isinstance(model_admin, PortalAdmin)
}


def english_name(code: str) -> str:
    return get_language_info(code)["name"]


def test_the_translation_filter_offers_each_language_by_name(admin_client):
    page = parse(admin_client.get("/admin/portal/post/", HTTP_ACCEPT_LANGUAGE="en"))

    links = page.select("#changelist-filter a[href*='translation=missing_']")
    assert [link.get_text(strip=True) for link in links] == [
        f"Missing in {english_name(code)}" for code in language_codes()
    ]


def test_the_change_list_shows_the_items_missing_chinese(admin_client):
    factories.PolicyFieldFactory(slug="translated", name_zh_hans="智慧城市")
    factories.PolicyFieldFactory(slug="untranslated")

    page = parse(
        admin_client.get(
            "/admin/portal/policyfield/", {"translation": "missing_zh-hans"}
        )
    )

    rows = page.select("#result_list tbody tr")
    assert [row.select_one("td.field-slug").get_text() for row in rows] == [
        "untranslated"
    ]


def test_the_search_finds_text_in_every_language(admin_client):
    factories.PostFactory(slug="french", title_fr="Vélos partagés de Séoul")
    factories.PostFactory(slug="arabic", summary_ar="<p>الدراجات المشتركة</p>")
    factories.PostFactory(slug="other")

    for query, slug in (("partagés", "french"), ("المشتركة", "arabic")):
        response = admin_client.get("/admin/portal/post/", {"q": query})

        found = response.context["cl"].result_list
        assert [post.slug for post in found] == [slug]


@pytest.mark.parametrize("admin_language", ["ko", "en", "es", "fr", "ar", "zh-hans"])
def test_every_form_has_a_tab_per_language_in_every_admin_language(
    admin_client, admin_language
):
    for model in ADMINS:
        obj = getattr(factories, f"{model.__name__}Factory")()
        for url in (
            reverse(f"admin:portal_{model._meta.model_name}_add"),
            reverse(f"admin:portal_{model._meta.model_name}_change", args=[obj.pk]),
        ):
            response = admin_client.get(url, HTTP_ACCEPT_LANGUAGE=admin_language)

            assert response.status_code == 200, url
            page = parse(response)
            assert page.html["lang"] == admin_language
            for field in model.translated_field_names():
                # modeltranslation's script makes one tab of each of these
                # inputs, in this order: the default language first.
                inputs = page.select(f"[class*='mt-field-{field}-']")
                languages = [
                    re.search(rf"mt-field-{field}-(\S+)", " ".join(i["class"]))[1]
                    for i in inputs
                ]
                assert languages == [
                    code.replace("-", "_") for code in language_codes()
                ], (url, field)


def post_form(admin_client, admin_language: str):
    post = factories.PostFactory()
    url = reverse("admin:portal_post_change", args=[post.pk])
    return parse(admin_client.get(url, HTTP_ACCEPT_LANGUAGE=admin_language))


def test_the_arabic_admin_reads_right_to_left(admin_client):
    page = post_form(admin_client, "ar")

    assert page.html["dir"] == "rtl"
    assert page.select_one("link[href$='admin/css/rtl.css']")


def test_each_language_is_written_in_its_own_direction(admin_client):
    page = post_form(admin_client, "zh-hans")

    arabic = page.select_one("[name=title_ar]")
    chinese = page.select_one("[name=title_zh_hans]")
    assert (arabic["lang"], arabic["dir"]) == ("ar", "rtl")
    assert (chinese["lang"], chinese["dir"]) == ("zh-hans", "ltr")
    assert page.select_one("[name=slug]")["dir"] == "ltr"


def prepopulated_sources(response) -> list[str]:
    script = parse(response).select_one("#django-admin-prepopulated-fields-constants")
    fields = json.loads(script["data-prepopulated-fields"])
    return [source for field in fields for source in field["dependency_ids"]]


@pytest.mark.parametrize(
    ("model", "field"), [("post", "title"), ("page", "title"), ("program", "name")]
)
def test_a_new_slug_is_typed_from_the_title_in_the_slug_language(
    admin_client, settings, model, field
):
    url = reverse(f"admin:portal_{model}_add")
    assert prepopulated_sources(admin_client.get(url)) == [
        f"#id_{localized(field, 'en')}"
    ]

    settings.SLUG_LANGUAGE = "fr"

    assert prepopulated_sources(admin_client.get(url)) == [
        f"#id_{localized(field, 'fr')}"
    ]


def test_the_image_form_describes_the_image_in_every_language(admin_client):
    page = parse(admin_client.get(reverse("admin:portal_image_add")))

    for field in ("alt_text", "caption", "credit"):
        for code in language_codes():
            assert page.select_one(f"[name={localized(field, code)}]"), (field, code)


def test_dashboard_links_each_language_to_the_items_missing_it(admin_client):
    factories.PolicyFieldFactory(name_es="Movilidad")

    page = parse(admin_client.get("/admin/translations/", HTTP_ACCEPT_LANGUAGE="en"))

    links = {a["href"] for a in page.select("a.missing")}
    # The policy field is missing in every language but Korean, English, Spanish.
    for code in ("fr", "ar", "zh-hans"):
        assert f"/admin/portal/policyfield/?translation=missing_{code}" in links
    assert "/admin/portal/policyfield/?translation=missing_es" not in links


def test_the_review_queue_shows_one_language_at_a_time(admin_client):
    factories.PostFactory(slug="in-spanish", title_es="Hola", body_es="<p>Hola</p>")
    factories.PostFactory(slug="not-in-spanish")

    everything = admin_client.get("/admin/translations/")

    def queued(response):
        return {item.obj.slug for item in response.context["queue"] if item.obj}

    assert {"in-spanish", "not-in-spanish"} <= queued(everything)
    # Spanish is written for the first: only its author is still missing.
    Post.objects.filter(slug="in-spanish").update(author_es="Instituto")
    spanish = admin_client.get("/admin/translations/", {"language": "es"})
    assert "not-in-spanish" in queued(spanish)
    assert "in-spanish" not in queued(spanish)
    current = parse(spanish).select_one(".queue-languages [aria-current]")
    assert current["href"] == "?language=es#queue"


def test_the_language_switch_script_knows_no_language():
    with open(finders.find("portal/admin/language_switch.js"), encoding="utf-8") as f:
        script = f.read()

    assert not re.search(r"[\uac00-\ud7a3]", script)
    assert not re.search(r"""["'](ko|en)["']""", script)
    assert 'gettext("Editing language")' in script


def test_the_editing_language_label_comes_from_the_javascript_catalogue(
    admin_client,
):
    catalogue = admin_client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="ko")

    # The catalogue is JSON, with \uXXXX escapes.
    assert json.dumps("편집 언어")[1:-1] in catalogue.content.decode()
