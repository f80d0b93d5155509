"""A translator sees the source beside each translation, and what changed in
it since the translation was made; "still holds" clears the mark."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from portal.languages import language_codes, localized
from portal.models import StaleTranslation
from tests.conftest import parse, translator
from tests.factories import PostFactory, ProgramFactory
from tests.portal.admin.test_roles import change_form_data
from tests.portal.admin.test_translator_fields import form_data

pytestmark = pytest.mark.django_db

SOURCE, FIRST, SECOND = language_codes()[:3]


def post_with_translations():
    return PostFactory(
        **{
            localized("title", SOURCE): "서울 자전거 따릉이",
            localized(
                "body", SOURCE
            ): "<h2>배경</h2><p>따릉이는 <strong>2015년</strong>에 시작했다.</p>",
            **{
                localized("title", code): f"Seoul bikes ({code})"
                for code in language_codes()[1:]
            },
            **{
                localized("body", code): f"<p>Body {code}</p>"
                for code in language_codes()[1:]
            },
        }
    )


def change_url(obj) -> str:
    return reverse(f"admin:portal_{obj._meta.model_name}_change", args=[obj.pk])


def pair_of(response, column):
    field = parse(response).select_one(f"[name={column}]")
    return field.find_parent(class_="source-pair")


def test_every_translated_input_has_its_source_beside_it_with_rich_text_kept(
    editor_client,
):
    post = post_with_translations()
    response = editor_client.get(change_url(post))

    for code in language_codes()[1:]:
        pair = pair_of(response, localized("title", code))
        source = pair.select_one(".source-pair__text")
        assert source["lang"] == SOURCE
        assert source.get_text(strip=True) == "서울 자전거 따릉이"
    body = pair_of(response, localized("body", FIRST)).select_one(".source-pair__text")
    assert body.select_one("h2").get_text() == "배경"
    assert body.select_one("strong").get_text() == "2015년"
    # The source's own input stands alone.
    assert pair_of(response, localized("title", SOURCE)) is None


def test_an_out_of_date_translation_shows_the_source_before_and_after(editor_client):
    post = post_with_translations()
    setattr(post, localized("title", SOURCE), "서울 공공자전거 따릉이")
    post.save()

    response = editor_client.get(change_url(post))

    pair = pair_of(response, localized("title", FIRST))
    assert "is-stale" in pair["class"]
    assert [d.get_text() for d in pair.select("del")] == ["자전거"]
    assert [i.get_text() for i in pair.select("ins")] == ["공공자전거"]
    assert pair.select_one("input[type=checkbox]")["value"]
    untouched = pair_of(response, localized("body", FIRST))
    assert "is-stale" not in untouched["class"]


def test_still_holds_clears_only_the_ticked_translation(editor_client):
    post = post_with_translations()
    setattr(post, localized("title", SOURCE), "서울 자전거 따릉이.")
    post.save()
    response = editor_client.get(change_url(post))
    data = form_data(response)
    box = pair_of(response, localized("title", FIRST)).select_one(
        "input[type=checkbox]"
    )
    data[box["name"]] = [box["value"]]

    sent = editor_client.post(change_url(post), data)

    assert sent.status_code == 302
    languages = set(
        StaleTranslation.objects.of(post).values_list("language", flat=True)
    )
    assert FIRST not in languages
    assert SECOND in languages


def test_a_translator_confirms_only_their_own_languages():
    post = post_with_translations()
    setattr(post, localized("title", SOURCE), "서울 자전거 따릉이.")
    post.save()
    client = Client()
    client.force_login(translator("only-first", [FIRST]))
    response = client.get(change_url(post))
    data = form_data(response)
    keys = [
        box["value"] for box in parse(response).select("input[name=portal-still-holds]")
    ]
    assert len(keys) == 1  # the other languages are read-only for them
    data["portal-still-holds"] = keys + [
        key.replace(localized("title", FIRST), localized("title", SECOND))
        for key in keys
    ]

    assert client.post(change_url(post), data).status_code == 302
    languages = set(
        StaleTranslation.objects.of(post).values_list("language", flat=True)
    )
    assert FIRST not in languages
    assert SECOND in languages


def test_inline_children_show_their_sources_too(editor_client):
    program = ProgramFactory()
    program.faq_entries.create(
        **{
            localized("question", code): f"Question {code}" for code in language_codes()
        },
        **{localized("answer", code): f"Answer {code}" for code in language_codes()},
    )
    response = editor_client.get(change_url(program))

    pair = (
        parse(response)
        .select_one(f"[name=faq_entries-0-{localized('question', FIRST)}]")
        .find_parent(class_="source-pair")
    )
    assert (
        pair.select_one(".source-pair__text").get_text(strip=True)
        == f"Question {SOURCE}"
    )


def every_text(post, **changes) -> dict:
    """The change form as a browser sends it: every language of every text."""
    data = change_form_data(post)
    for field in post.translated_field_names():
        for code in language_codes():
            data[localized(field, code)] = getattr(post, localized(field, code)) or ""
    data.update(changes)
    return data


def stale_languages(post, field) -> set[str]:
    marks = StaleTranslation.objects.of(post).filter(field=field)
    return set(marks.values_list("language", flat=True))


def test_line_breaks_a_browser_sends_as_crlf_are_no_edit(editor_client):
    post = PostFactory(
        **{
            localized("summary", SOURCE): "요약\n둘째 줄",
            localized("summary", FIRST): "Summary\nsecond line",
            localized("summary", SECOND): "One line",
        }
    )
    # Unchanged, as a browser sends it back: nothing is out of date.
    crlf = {
        localized("summary", code): getattr(post, localized("summary", code)).replace(
            "\n", "\r\n"
        )
        for code in (SOURCE, FIRST, SECOND)
    }
    assert (
        editor_client.post(change_url(post), every_text(post, **crlf)).status_code
        == 302
    )
    assert stale_languages(post, "summary") == set()

    # The source edited, the translations sent back untouched: both out of date.
    crlf[localized("summary", SOURCE)] = "요약 고침\r\n둘째 줄"
    post.refresh_from_db()
    editor_client.post(change_url(post), every_text(post, **crlf))
    assert stale_languages(post, "summary") == {FIRST, SECOND}


def test_restoring_an_old_version_marks_what_it_leaves_behind(editor_client):
    post = PostFactory(
        **{localized("title", SOURCE): "원래", localized("title", FIRST): "Original"}
    )
    editor_client.post(change_url(post), change_form_data(post))
    first = Version.objects.get_for_object(post).first()
    post.refresh_from_db()
    editor_client.post(
        change_url(post), change_form_data(post, **{localized("title", SOURCE): "바뀐"})
    )
    changed_source = Version.objects.get_for_object(post).first()
    post.refresh_from_db()
    editor_client.post(
        change_url(post),
        change_form_data(post, **{localized("title", FIRST): "Changed"}),
    )
    assert stale_languages(post, "title") == set()

    # Back to the version whose English was made from the first Korean title.
    restore = reverse("admin:portal_post_revision", args=[post.pk, changed_source.pk])
    editor_client.get(restore)
    post.refresh_from_db()
    data = change_form_data(
        post,
        **{localized("title", SOURCE): "바뀐", localized("title", FIRST): "Original"},
    )
    assert editor_client.post(restore, data).status_code == 302

    assert FIRST in stale_languages(post, "title")

    # And back to the first version, a title and its translation made together.
    restore = reverse("admin:portal_post_revision", args=[post.pk, first.pk])
    editor_client.get(restore)
    post.refresh_from_db()
    data = change_form_data(
        post,
        **{localized("title", SOURCE): "원래", localized("title", FIRST): "Original"},
    )
    assert editor_client.post(restore, data).status_code == 302
    assert stale_languages(post, "title") == set()
