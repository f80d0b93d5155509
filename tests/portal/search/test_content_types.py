"""Search finds every kind of public content, and each hit says what it is.

Which kinds are searched is the public-content declaration's business
(portal/models/public.py): these tests walk that declaration, so a new kind of
page that visitors can open but search cannot find fails here.
"""

from dataclasses import replace
from datetime import timedelta

import factory
import pytest
from django.utils import timezone, translation
from django.utils.text import capfirst

from portal.database import triggers
from portal.languages import language_codes, localized
from portal.models import Page, Partner, Post, public
from portal.models.public import PUBLIC_CONTENT
from tests import factories
from tests.conftest import parse
from tests.factories import PageFactory, PartnerFactory, PostFactory

pytestmark = pytest.mark.django_db


def hits(client, lang: str, query: str) -> list[tuple[str, str]]:
    """(address, kind shown) of each result on the search page."""
    page = parse(client.get(f"/{lang}/search/", {"q": query}))
    return [
        (
            item.select_one(".search-result__title a")["href"],
            item.select_one(".search-result__kind").get_text(strip=True),
        )
        for item in page.select(".search-result")
    ]


def kind_name(model, lang: str) -> str:
    with translation.override(lang):
        return capfirst(model._meta.verbose_name)


def address(obj, lang: str) -> str:
    with translation.override(lang):
        return obj.get_absolute_url()


def has_own_page(entry) -> bool:
    """Visitors can open a row of this kind (rather than meet it inside another)."""
    return not entry.edited_in and hasattr(entry.model, "get_absolute_url")


def factory_for(model) -> type[factory.django.DjangoModelFactory]:
    [found] = [
        value
        for value in vars(factories).values()
        if isinstance(value, type)
        and issubclass(value, factory.django.DjangoModelFactory)
        and value._meta.model is model
    ]
    return found


@pytest.mark.parametrize("lang", language_codes())
def test_partners_are_found_by_name_with_their_kind_shown(client, lang):
    partner = PartnerFactory(
        name_ko="서울연구원", name_en="The Seoul Institute", description_en=""
    )
    PartnerFactory(name_ko="부산연구원", name_en="Busan Institute")

    for query in ("서울연구원", "seoul institute"):
        assert hits(client, lang, query) == [
            (address(partner, lang), kind_name(Partner, lang))
        ]


@pytest.mark.parametrize("lang", language_codes())
def test_site_pages_are_found_by_their_text_with_their_kind_shown(client, lang):
    page = PageFactory(
        title_en="Visiting City Hall",
        body_ko="<p>시청 견학은 평일에만 신청할 수 있습니다.</p>",
        body_en="<p>Guided tours of the hall run on weekdays only.</p>",
    )

    for query in ("견학은", "guided tours"):
        assert hits(client, lang, query) == [
            (address(page, lang), kind_name(Page, lang))
        ]


def test_posts_show_their_own_kind(client):
    video = PostFactory(kind=Post.Kind.VIDEO, title_en="Smart city tour")

    with translation.override("en"):
        label = video.kind_label
    assert hits(client, "en", "smart city") == [(address(video, "en"), label)]


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Page.Status.DRAFT},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "scheduled"],
)
def test_unpublished_site_pages_are_never_found(client, hidden):
    page = PageFactory(title_en="Staff handbook", body_en="<p>secret</p>", **hidden)

    assert hits(client, "en", "handbook") == []

    page.status, page.published_at = Page.Status.PUBLISHED, timezone.now()
    page.save()
    assert [url for url, _kind in hits(client, "en", "handbook")] == [
        address(page, "en")
    ]

    page.status = Page.Status.DRAFT
    page.save()
    assert hits(client, "en", "handbook") == []


def test_index_follows_partner_edits_and_deletions(client):
    partner = PartnerFactory(name_en="Metropolitan Water Board")

    partner.name_en = "Seoul Waterworks"
    partner.save()
    assert hits(client, "en", "metropolitan") == []
    assert len(hits(client, "en", "waterworks")) == 1

    partner.delete()
    assert hits(client, "en", "waterworks") == []


@pytest.mark.parametrize(
    "entry",
    [entry for entry in PUBLIC_CONTENT if has_own_page(entry)],
    ids=lambda entry: entry.label,
)
@pytest.mark.parametrize("lang", language_codes())
def test_every_public_kind_with_a_page_is_found_by_its_title(client, entry, lang):
    assert entry.search, f"{entry.label} has pages but no search declaration"
    word = "zebracrossing"
    # Written in one language only: found from every language's page.
    titles = {localized(entry.search.title, code): "" for code in language_codes()}
    titles[localized(entry.search.title, language_codes()[-1])] = f"The {word} rules"
    obj = factory_for(entry.model)(**titles)

    assert hits(client, lang, word)[0][0] == address(obj, lang)


def test_text_shown_inside_another_page_is_searched_with_it():
    """A kind edited inside its parent's page (FAQ entries) is part of the
    parent's search text."""
    for entry in PUBLIC_CONTENT:
        if entry.edited_in:
            parent = next(e for e in PUBLIC_CONTENT if e.model is entry.admin_model())
            related = entry.model._meta.get_field(entry.edited_in).remote_field
            children = [child.related_name for child in parent.search.children]
            assert related.related_name in children, entry.label


def test_rows_written_before_their_kind_was_searchable_are_found_after_migrate(
    client, monkeypatch
):
    """Declaring a kind searchable needs no migration of its own: the next
    ``migrate`` installs its triggers and indexes the rows it already has."""
    before = tuple(
        replace(entry, search=None) if entry.model is Partner else entry
        for entry in PUBLIC_CONTENT
    )
    with monkeypatch.context() as old_code:
        for module in (public, triggers):
            old_code.setattr(module, "PUBLIC_CONTENT", before)
        triggers.install()
        PartnerFactory(name_en="Seoul Design Foundation")
        assert hits(client, "en", "design foundation") == []

    triggers.install()  # what the post_migrate handler runs

    assert [kind for _url, kind in hits(client, "en", "design foundation")] == [
        kind_name(Partner, "en")
    ]


def test_an_item_with_nothing_but_a_title_shows_it_once(client):
    PartnerFactory(name_en="Seoul Design Foundation", name_ko="", description_en="")
    PartnerFactory(
        name_en="Seoul Institute", description_en="A think tank of the city."
    )

    page = parse(client.get("/en/search/", {"q": "seoul"}))

    snippets = {
        item.select_one("h2").get_text(): item.select_one(".search-result__snippet")
        for item in page.select(".search-result")
    }
    assert snippets["Seoul Design Foundation"] is None
    assert "think tank" in snippets["Seoul Institute"].get_text()
