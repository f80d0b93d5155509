"""What a Korean public site must show (issue 20): the footer's standing pages
and operator, the sitemap page, the home page's main visual, programme facts,
list headings and the wording of empty lists."""

import pytest

from portal.models import Page, Post
from tests.conftest import parse
from tests.factories import (
    ImageFactory,
    PageFactory,
    PolicyFieldFactory,
    PostFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db

FOOTER_LINKS = ".site-footer .footer-links a"


@pytest.mark.parametrize(
    "lang,titles",
    [
        ("ko", ["개인정보처리방침", "저작권정책", "웹 접근성"]),
        ("en", ["Privacy policy", "Copyright policy", "Accessibility statement"]),
    ],
)
def test_every_page_footer_leads_with_the_privacy_policy_emphasised(
    client, lang, titles
):
    for path in (f"/{lang}/", f"/{lang}/news/", f"/{lang}/no-such-page/"):
        links = parse(client.get(path)).select(FOOTER_LINKS)

        assert [a.get_text(strip=True) for a in links[:3]] == titles, path
        assert links[0]["href"] == f"/{lang}/pages/privacy/"
        assert "footer-links__emphasised" in links[0]["class"]
        assert all(
            "footer-links__emphasised" not in a.get("class", []) for a in links[1:]
        )
        assert any(a["href"] == f"/{lang}/sitemap/" for a in links)


@pytest.mark.parametrize(
    "lang,expected",
    [
        ("ko", ["서울특별시 글로벌도시정책관", "세종대로 110", "02-120"]),
        (
            "en",
            [
                "Global Urban Policy Division, Seoul Metropolitan Government",
                "110 Sejong-daero",
                "+82-2-120",
            ],
        ),
    ],
)
def test_the_footer_names_the_operator_and_how_to_reach_them(client, lang, expected):
    address = parse(client.get(f"/{lang}/")).select_one(".site-footer address")

    # Names are isolated (<bdi>): read the text as written, lines joined.
    written = " ".join(address.get_text().split())
    for text in expected:
        assert text in written
    assert address.find("a", href="mailto:policy@seoul.go.kr")


def test_an_operator_names_their_own_division(client, settings):
    settings.PORTAL_OPERATOR = {
        "division_ko": "도시외교담당관",
        "phone": "02-2133-0000",
    }

    korean = parse(client.get("/ko/")).select_one(".site-footer address").get_text()
    english = parse(client.get("/en/")).select_one(".site-footer address").get_text()

    assert "서울특별시 도시외교담당관" in korean and "02-2133-0000" in korean
    # Not given in English: the default stays, the shared telephone number changes
    # and reads as a caller abroad dials it.
    assert "Global Urban Policy Division" in english and "+82-2-2133-0000" in english


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_shipped_policy_pages_read_in_both_languages(client, lang):
    for page in Page.objects.all():
        response = client.get(f"/{lang}/pages/{page.slug}/")
        html = parse(response)

        assert response.status_code == 200
        assert html.h1.get_text(strip=True) == getattr(page, f"title_{lang}")
        assert html.h1["lang"] == lang
        assert len(html.select(".prose h2")) >= 2 or page.slug == "copyright"
    copyright_page = parse(client.get(f"/{lang}/pages/copyright/")).select_one(".prose")
    assert ("공공누리 제1유형" if lang == "ko" else "KOGL") in copyright_page.get_text()


def test_shipped_pages_are_published_and_marked_for_the_operators_review():
    pages = {page.slug: page for page in Page.objects.all()}

    assert set(pages) == {"privacy", "copyright", "accessibility"}
    assert all(page.is_public and page.needs_review for page in pages.values())
    assert [p.slug for p in Page.objects.in_footer()] == [
        "privacy",
        "copyright",
        "accessibility",
    ]


def test_a_draft_page_is_neither_shown_nor_linked(client):
    PageFactory(slug="terms", title_en="Terms of use", status=Page.Status.DRAFT)

    assert client.get("/en/pages/terms/").status_code == 404
    links = [a["href"] for a in parse(client.get("/en/")).select(FOOTER_LINKS)]
    assert "/en/pages/terms/" not in links


def test_an_unpublished_policy_page_leaves_the_footer_at_once(client):
    client.get("/en/")  # cached with the privacy policy in its footer
    Page.objects.filter(slug="privacy").update(status=Page.Status.DRAFT)

    links = [a["href"] for a in parse(client.get("/en/")).select(FOOTER_LINKS)]

    assert "/en/pages/privacy/" not in links
    assert client.get("/en/pages/privacy/").status_code == 404


def test_the_sitemap_page_lists_sections_fields_with_posts_programs_and_pages(client):
    used = PolicyFieldFactory(slug="transport", name_en="Transport")
    PolicyFieldFactory(slug="unused", name_en="Unused")
    PostFactory(policy_field=used)
    ProgramFactory(slug="training", name_en="Training")

    html = parse(client.get("/en/sitemap/"))
    hrefs = {a["href"] for a in html.select("main a")}

    assert html.h1.get_text() == "Sitemap"
    assert {
        "/en/news/",
        "/en/videos/",
        "/en/publications/",
        "/en/programs/",
        "/en/programs/training/",
        "/en/policy-fields/transport/",
        "/en/pages/privacy/",
        "/en/partners/",
    } <= hrefs
    assert "/en/policy-fields/unused/" not in hrefs


def test_the_main_visual_shows_the_newest_featured_post_on_its_image(client):
    image = ImageFactory(alt_text_en="Han river at dusk")
    PostFactory(
        slug="older",
        title_en="Older feature",
        featured=True,
        published_at="2024-01-01T00:00+09:00",
    )
    PostFactory(
        slug="feature",
        title_en="River parks",
        featured=True,
        lead_image=image,
        published_at="2024-06-01T00:00+09:00",
    )
    PostFactory(slug="plain", title_en="Not featured")

    visual = parse(client.get("/en/")).select_one(".main-visual")

    assert "main-visual--image" in visual["class"]
    assert visual.select_one(".main-visual__title a")["href"] == "/en/posts/feature/"
    assert visual.find("img")["alt"] == "Han river at dusk"
    assert visual.find("img")["fetchpriority"] == "high"


def test_a_featured_post_without_an_image_gets_a_typographic_banner(client):
    PostFactory(slug="feature", title_ko="한강공원 이야기", featured=True)

    visual = parse(client.get("/ko/")).select_one(".main-visual")

    assert "main-visual--image" not in visual["class"]
    assert visual.find("img") is None
    assert (
        visual.select_one(".main-visual__title").get_text(strip=True)
        == "한강공원 이야기"
    )


def test_without_a_featured_post_the_banner_says_what_the_portal_is(client):
    PostFactory(slug="news", title_en="Just news")

    visual = parse(client.get("/en/")).select_one(".main-visual")

    assert visual.h1.get_text() == "Seoul Policy Sharing Portal"
    assert "shared with the world" in visual.get_text()
    assert visual.find("a", href="/en/news/")


def test_a_featured_post_still_appears_once_among_the_latest(client):
    PostFactory(
        slug="feature",
        title_en="Feature",
        featured=True,
        published_at="2020-01-01T00:00+09:00",
    )
    PostFactory.create_batch(5, kind=Post.Kind.NEWS)

    home = parse(client.get("/en/"))
    cards = home.select("section[aria-labelledby=home-news] .card")

    # The older featured post is the main visual, not a fifth card.
    assert len(cards) == 4
    assert all(card.a["href"] != "/en/posts/feature/" for card in cards)
    assert home.select_one(".main-visual a")["href"] == "/en/posts/feature/"


def test_list_headings_are_plural_and_kind_chips_only_name_kinds_with_posts(client):
    field = PolicyFieldFactory(slug="housing", name_en="Housing")
    PostFactory(policy_field=field, kind=Post.Kind.NEWS)
    PostFactory(policy_field=field, kind=Post.Kind.VIDEO)
    PostFactory(kind=Post.Kind.PUBLICATION)

    assert parse(client.get("/en/videos/")).h1.get_text(strip=True) == "Videos"
    assert (
        parse(client.get("/en/publications/")).h1.get_text(strip=True) == "Publications"
    )
    chips = parse(client.get("/en/policy-fields/housing/")).select(
        "nav[aria-label=Kinds] a"
    )
    assert [a.get_text() for a in chips] == ["All kinds", "News", "Videos"]


def test_a_filter_that_matches_nothing_says_so_and_offers_to_clear_it(client):
    field = PolicyFieldFactory(slug="housing", name_en="Housing")
    PostFactory(policy_field=field, published_at="2024-05-01T00:00+09:00")
    PostFactory(published_at="2023-05-01T00:00+09:00")

    empty = parse(client.get("/en/news/?policy_field=housing&year=2023"))

    assert (
        "No posts match these filters." in empty.select_one(".empty-state").get_text()
    )
    clear = empty.select_one(".empty-state a")
    assert clear.get_text() == "Clear the filters" and clear["href"] == "?"
    assert len(parse(client.get("/en/news/" + clear["href"])).select(".card")) == 2


def test_an_empty_list_without_filters_says_nothing_is_published_yet(client):
    empty = parse(client.get("/ko/videos/")).select_one(".empty-state")

    assert empty.get_text(strip=True) == "아직 게시된 내용이 없습니다."
    assert empty.find("a") is None


def test_programme_facts_show_what_staff_filled_in(client):
    ProgramFactory(
        slug="training",
        schedule_en="May to June each year",
        eligibility_en="Officials of partner cities.",
        contact_en="training@seoul.go.kr",
    )

    facts = parse(client.get("/en/programs/training/")).select_one(".facts")
    terms = [dt.get_text() for dt in facts.select("dt")]

    assert terms == ["Schedule", "Who may apply", "Questions"]
    assert "May to June each year" in facts.get_text()
    assert "training@seoul.go.kr" in facts.get_text()


def test_programme_facts_fall_back_to_the_operator_for_questions(client):
    ProgramFactory(slug="training")

    facts = parse(client.get("/ko/programs/training/")).select_one(".facts")

    assert [dt.get_text() for dt in facts.select("dt")] == ["문의"]
    assert "글로벌도시정책관" in facts.get_text()
    assert facts.find("a", href="tel:+82-2-120").get_text() == "02-120"


def test_a_post_page_puts_sharing_and_related_posts_in_the_side_column(client):
    field = PolicyFieldFactory(slug="housing")
    PostFactory(slug="one", policy_field=field)
    PostFactory(slug="two", policy_field=field)

    aside = parse(client.get("/en/posts/one/")).select_one(".page-layout > aside")

    assert aside.select_one(".share")
    assert aside.select_one(".related a[href='/en/posts/two/']")


def test_year_chips_skip_years_without_posts_of_the_lists_kind(client):
    for year in (2019, 2021, 2024):
        PostFactory(published_at=f"{year}-03-01T09:00+09:00")
    PostFactory(kind=Post.Kind.VIDEO, published_at="2022-03-01T09:00+09:00")

    chips = parse(client.get("/en/news/")).select("nav[aria-label=Years] a")
    videos = parse(client.get("/en/videos/")).select("nav[aria-label=Years] a")

    assert [a.get_text() for a in chips] == ["All years", "2024", "2021", "2019"]
    assert [a.get_text() for a in videos] == ["All years", "2022"]
