"""A Translator writes the languages assigned to them: the others are shown
read-only, a forged POST that changes them is ignored and told so, and with no
language assigned everything is read-only. Editors assign the languages and are
not limited by them."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from portal.models import Post, TranslatorLanguages
from tests.conftest import parse, staff_in_group, translator
from tests.factories import FAQEntryFactory, PostFactory
from tests.portal.admin.test_roles import change_form_data
from tests.portal.admin.test_translator_fields import form_data

pytestmark = pytest.mark.django_db


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def spanish_translator_client(db):
    return client_of(translator("traductora", ["es"]))


def post_url(post) -> str:
    return reverse("admin:portal_post_change", args=[post.pk])


def test_a_spanish_translator_has_inputs_for_spanish_only(spanish_translator_client):
    post = PostFactory(title_fr="Titre français")

    page = parse(spanish_translator_client.get(post_url(post)))

    assert page.select_one("[name=title_es]") is not None
    assert page.select_one("[name=body_es]") is not None
    for name in ("title_ko", "title_en", "title_fr", "title_ar", "title_zh_hans"):
        assert page.select_one(f"[name={name}]") is None, name
    # Shown, not editable.
    assert "Titre français" in page.get_text()


def test_a_spanish_translator_changes_spanish_through_the_form(
    spanish_translator_client,
):
    post = PostFactory()
    # What the browser sends: the form as the translator sees it.
    data = form_data(spanish_translator_client.get(post_url(post)))

    response = spanish_translator_client.post(
        post_url(post), {**data, "title_es": "Noticias de Seúl"}
    )

    assert response.status_code == 302
    assert Post.objects.get(pk=post.pk).title_es == "Noticias de Seúl"
    assert not [
        m for m in get_messages(response.wsgi_request) if m.level_tag == "error"
    ]


def test_a_forged_post_cannot_change_french_or_korean(spanish_translator_client):
    post = PostFactory(title_ko="원래 제목", title_fr="")

    response = spanish_translator_client.post(
        post_url(post),
        {
            **change_form_data(post),
            "title_es": "Título",
            "title_fr": "Titre falsifié",
            "title_ko": "바뀐 제목",
        },
    )

    post.refresh_from_db()
    assert (post.title_es, post.title_fr, post.title_ko) == ("Título", "", "원래 제목")
    errors = [m for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert len(errors) == 1


def test_a_forged_post_cannot_change_another_languages_faq(db):
    entry = FAQEntryFactory(answer_fr="")
    client = client_of(translator("traductor", ["es"]))
    url = reverse("admin:portal_program_change", args=[entry.program.pk])
    data = form_data(client.get(url))
    data.update({"faq_entries-0-answer_es": "Respuesta"})
    data.update({"faq_entries-0-answer_fr": "Réponse falsifiée"})
    client.post(url, data)

    entry.refresh_from_db()
    assert (entry.answer_es, entry.answer_fr) == ("Respuesta", "")


def test_a_translator_with_no_language_reads_everything_and_is_told_whom_to_ask(db):
    user = staff_in_group("Translators", "newcomer")
    post = PostFactory()

    response = client_of(user).get(post_url(post), HTTP_ACCEPT_LANGUAGE="en")

    page = parse(response)
    for code in ("ko", "en", "es", "fr", "ar", "zh_hans"):
        assert page.select_one(f"[name=title_{code}]") is None, code
    warnings = page.select(".messagelist .warning")
    assert len(warnings) == 1
    assert "Translators' languages" in warnings[0].get_text()


def test_an_editor_still_changes_every_language(editor_client):
    post = PostFactory()

    editor_client.post(
        post_url(post),
        {**change_form_data(post), "title_fr": "Titre", "title_ar": "عنوان"},
    )

    post.refresh_from_db()
    assert (post.title_fr, post.title_ar) == ("Titre", "عنوان")


def test_an_editor_assigns_a_translators_languages(editor_client):
    user = staff_in_group("Translators", "nouveau")

    add = editor_client.get(reverse("admin:portal_translatorlanguages_add"))
    response = editor_client.post(
        reverse("admin:portal_translatorlanguages_add"),
        {"user": str(user.pk), "languages": ["fr", "ar"]},
    )

    assert add.status_code == 200
    assert response.status_code == 302
    assert TranslatorLanguages.objects.get(user=user).languages == ["fr", "ar"]
    # Only translators are offered.
    offered = {o["value"] for o in parse(add).select("select[name=user] option")}
    assert offered == {"", str(user.pk)}


def test_a_superuser_assigns_them_on_the_users_page(admin_client):
    user = staff_in_group("Translators", "tradutor")
    url = reverse("admin:auth_user_change", args=[user.pk])

    page = parse(admin_client.get(url))

    boxes = page.select("input[name='translator_languages-0-languages']")
    assert [box["value"] for box in boxes] == [
        "ko",
        "en",
        "es",
        "fr",
        "ar",
        "zh-hans",
    ]


def test_translators_cannot_assign_themselves_languages(translator_client):
    response = translator_client.get(reverse("admin:portal_translatorlanguages_add"))

    assert response.status_code == 403
