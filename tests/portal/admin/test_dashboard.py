import pytest

from portal.admin.dashboard import translation_queue, translation_summary
from portal.languages import language_codes, language_name, localized
from portal.models import Page, Post
from portal.models.public import PUBLIC_CONTENT
from tests.conftest import parse
from tests.factories import FAQEntryFactory, PartnerFactory, PostFactory

pytestmark = pytest.mark.django_db


def in_every_language() -> dict[str, str]:
    """A post's text written in every declared language."""
    texts = {"title": "Title", "body": "<p>Body</p>", "author": "Author"}
    return {
        localized(field, code): text
        for field, text in texts.items()
        for code in language_codes()
    }


@pytest.fixture
def known_items():
    # Without the shipped standing pages (migration 0019; their own test below).
    Page.objects.all().delete()
    PostFactory(title_en="", body_en="", slug="korean-only")
    PostFactory(title_ko="", body_ko="", slug="english-only")
    PostFactory(slug="complete", **in_every_language())
    PostFactory(slug="cut-off", needs_review=True, **in_every_language())
    PartnerFactory(name_en="")
    FAQEntryFactory(answer_ko="")


def test_summary_counts_complete_items_per_language(known_items, superuser):
    rows = {row.model_name: row for row in translation_summary(superuser)}

    posts = {lang.code: (lang.complete, lang.total) for lang in rows["post"].languages}
    partners = {lang.code: lang.complete for lang in rows["partner"].languages}
    faq = {lang.code: lang.complete for lang in rows["faqentry"].languages}
    # The factories write Korean and English only: of the others, only the posts
    # written in every language have them.
    others = [code for code in language_codes() if code not in ("ko", "en")]
    assert posts == {"ko": (3, 4), "en": (3, 4)} | dict.fromkeys(others, (2, 4))
    assert partners == {"ko": 1, "en": 0} | dict.fromkeys(others, 0)
    assert faq == {"ko": 0, "en": 1} | dict.fromkeys(others, 0)


def test_queue_lists_items_needing_translation_or_review(known_items, superuser):
    items, total = translation_queue(superuser)

    # Three posts, the partner, the FAQ entry and its programme (not in Spanish).
    assert total == 6
    posts = {item.obj.slug: item for item in items if isinstance(item.obj, Post)}
    assert set(posts) == {"korean-only", "english-only", "cut-off"}
    assert posts["cut-off"].review_reason == posts["cut-off"].obj.review_reason != ""
    assert posts["cut-off"].missing == []
    assert len(posts["korean-only"].missing) == len(language_codes()) - 1
    korean_only = posts["korean-only"].obj
    assert posts["korean-only"].change_url == (
        f"/admin/portal/post/{korean_only.pk}/change/"
    )


def test_shipped_pages_wait_in_the_queue_for_the_operators_review(superuser):
    items, _total = translation_queue(superuser)

    pages = {item.obj.slug for item in items if isinstance(item.obj, Page)}
    assert pages == {"privacy", "copyright", "accessibility"}
    assert all(
        item.review_reason == Page.review_reason
        for item in items
        if isinstance(item.obj, Page)
    )


def test_each_flagged_item_gives_its_own_reason_for_review(admin_client):
    cut = PostFactory(
        slug="cut-off", source_key="seed", title_en="Bring your ID…", needs_review=True
    )
    flagged = PostFactory(slug="flagged", needs_review=True)
    page = parse(admin_client.get("/admin/translations/", HTTP_ACCEPT_LANGUAGE="en"))

    reasons = {
        row.select_one("a")["href"]: row.select("td")[-1].get_text(strip=True)
        for row in page.select("#content-main tbody tr")
        if row.select_one("td a")
    }
    privacy = Page.objects.get(slug="privacy")
    # The shipped site pages are listed to be checked, not for a cut-off title.
    assert reasons[f"/admin/portal/page/{privacy.pk}/change/"] == str(
        Page.review_reason
    )
    assert (
        reasons[f"/admin/portal/post/{cut.pk}/change/"] == "Title cut off in the source"
    )
    # A post staff flagged was not cut off by anyone.
    assert reasons[f"/admin/portal/post/{flagged.pk}/change/"] == (
        "Flagged for review by staff"
    )


def test_dashboard_page_shows_bars_and_links(admin_client, known_items):
    response = admin_client.get("/admin/translations/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    page = parse(response)
    bars = page.select("progress")
    # One bar per language for each kind of public content.
    assert len(bars) == len(language_codes()) * len(PUBLIC_CONTENT)
    assert {bar["max"] for bar in bars} >= {"4", "1"}
    links = [a["href"] for a in page.select("#content-main td a:not(.missing)")]
    assert len(links) == 6
    assert all(link.startswith("/admin/portal/") for link in links)


def test_dashboard_is_for_staff_only(client, db):
    response = client.get("/admin/translations/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_admin_index_links_to_the_dashboard(admin_client):
    page = parse(admin_client.get("/admin/"))

    assert page.find("a", href="/admin/translations/")


@pytest.mark.parametrize(
    "value,expected",
    [("missing_en", {"korean-only"}), ("missing_ko", {"english-only"})],
)
def test_changelist_filters_missing_translations(
    admin_client, known_items, value, expected
):
    page = parse(admin_client.get(f"/admin/portal/post/?translation={value}"))

    slugs = {
        Post.objects.get(pk=int(box["value"])).slug
        for box in page.select("input.action-select")
    }
    assert slugs == expected


def test_changelist_filters_posts_needing_review(admin_client, known_items):
    page = parse(admin_client.get("/admin/portal/post/?needs_review__exact=1"))

    assert len(page.select("input.action-select")) == 1


def test_staff_without_permissions_see_no_titles_there(client, known_items):
    from django.contrib.auth import get_user_model

    PostFactory(
        slug="secret-draft", title_en="Secret draft plan", title_ko="", status="draft"
    )
    nobody = get_user_model().objects.create_user(
        "nobody", "n@example.org", "a-long-test-password", is_staff=True
    )
    client.force_login(nobody)

    response = client.get("/admin/translations/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    text = response.content.decode()
    assert "Secret draft plan" not in text and "korean-only" not in text
    assert not parse(response).select("progress")


def test_translators_see_the_queue_of_what_they_may_view(
    translator_client, known_items
):
    response = translator_client.get("/admin/translations/")

    assert len(parse(response).select("#content-main td a:not(.missing)")) == 6


def outdated_post(slug="outdated"):
    """A post translated into every language, whose source then changed."""
    post = PostFactory(slug=slug, **in_every_language())
    source = language_codes()[0]
    setattr(post, localized("title", source), "Title, corrected")
    post.save()
    return post


def test_the_summary_counts_out_of_date_translations_per_language(superuser):
    outdated_post()
    PostFactory(slug="fresh", **in_every_language())

    row = next(r for r in translation_summary(superuser) if r.model_name == "post")

    counts = {lang.code: lang.outdated for lang in row.languages}
    assert counts == {language_codes()[0]: 0} | dict.fromkeys(language_codes()[1:], 1)
    spanish = row.languages[2]
    assert spanish.outdated_url.endswith(f"?translation=outdated_{spanish.code}")


def test_the_out_of_date_filter_lists_exactly_the_stale_items(admin_client):
    stale = outdated_post()
    PostFactory(slug="fresh", **in_every_language())
    code = language_codes()[1]

    response = admin_client.get(f"/admin/portal/post/?translation=outdated_{code}")

    rows = parse(response).select("#result_list tbody tr")
    assert len(rows) == 1
    assert str(stale.pk) in str(rows[0])


def test_the_queue_says_which_languages_are_out_of_date(superuser):
    Page.objects.all().delete()  # the shipped pages, not translated
    outdated_post()
    code = language_codes()[2]

    items, total = translation_queue(superuser, language=code)

    assert total == 1
    assert items[0].outdated == [language_name(c) for c in language_codes()[1:]]
    assert items[0].missing == []
