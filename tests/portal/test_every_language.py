"""Every public page type and every admin form opens in every declared language.

This module knows no language: it walks ``settings.LANGUAGES``. It is also what
tests/config/test_adding_a_language.py runs in a copy of the project with a
seventh language added, so adding a language is proven to need only its
declaration, one generated migration and its catalogs.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib import admin
from django.urls import reverse
from django.utils.translation import get_language_info, override

from portal.error_pages import without_request
from portal.languages import direction, language_codes
from tests.conftest import parse
from tests.factories import one_of_everything
from tests.support.public_pages import public_addresses

pytestmark = pytest.mark.django_db


def test_every_public_page_type_answers_in_every_language(client):
    one_of_everything()
    failures = []
    for lang in language_codes():
        for address in public_addresses(lang):
            response = client.get(address.path)
            if response.status_code >= 500:
                failures.append(f"{address.path}: {response.status_code}")
                continue
            if response.status_code != 200 or "html" not in response["Content-Type"]:
                continue
            html = parse(response).html
            if html.get("lang") != lang or html.get("dir", "ltr") != direction(lang):
                failures.append(f"{address.path}: lang={html.get('lang')}")

    assert not failures, failures


@pytest.mark.parametrize("template", ["400.html", "500.html", "503.html"])
def test_error_pages_render_in_every_language(template):
    for lang in language_codes():
        with override(lang):
            html = BeautifulSoup(
                without_request(template, limit="51 MB"), "html.parser"
            ).html
        assert html.get("lang") == lang, template
        assert html.get("dir", "ltr") == direction(lang), template


def test_the_not_found_page_answers_in_every_language(client):
    for lang in language_codes():
        response = client.get(f"/{lang}/no-such-page/")
        html = parse(response).html
        assert response.status_code == 404
        assert (html.get("lang"), html.get("dir", "ltr")) == (lang, direction(lang))


def _admin_addresses(model, obj) -> dict[str, set[int]]:
    """Each admin address of ``model`` and the statuses it may answer: a list
    that has no add form (deleted seed items) refuses it."""
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    addresses = {
        reverse(f"{prefix}_changelist"): {200},
        reverse(f"{prefix}_add"): {200, 403},
    }
    if obj is not None:
        addresses[reverse(f"{prefix}_change", args=[obj.pk])] = {200}
    return addresses


def test_every_admin_form_opens_in_every_language(admin_client):
    one_of_everything()
    failures = []
    for lang in language_codes():
        for model in admin.site._registry:
            obj = model.objects.order_by("pk").first()
            for address, expected in _admin_addresses(model, obj).items():
                response = admin_client.get(address, HTTP_ACCEPT_LANGUAGE=lang)
                if response.status_code not in expected:
                    failures.append(f"{lang} {address}: {response.status_code}")
                if response.status_code != 200:
                    continue
                html = parse(response).html
                if html.get("lang") != lang:
                    failures.append(f"{lang} {address}: lang={html.get('lang')}")
                bidi = get_language_info(lang)["bidi"]
                if bidi and html.get("dir") != "rtl":
                    failures.append(f"{lang} {address}: not right to left")

    assert not failures, failures
