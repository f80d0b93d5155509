import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from portal.languages import language_codes
from portal.models import Post
from portal.pages.sitemaps import ContentSitemap
from tests.factories import PolicyFieldFactory, PostFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def posts():
    field = PolicyFieldFactory(slug="environment", name_en="Environment")
    PostFactory(
        slug="public",
        title_en="Public post",
        summary_en="- Short summary",
        policy_field=field,
    )
    PostFactory(slug="other-field", title_en="Elsewhere")
    PostFactory(
        slug="draft",
        title_en="Draft post",
        status=Post.Status.DRAFT,
        policy_field=field,
    )
    PostFactory(
        slug="future",
        title_en="Future post",
        policy_field=field,
        published_at=timezone.now() + timedelta(days=1),
    )


def test_rss_feed_lists_only_published_posts_with_dates_and_summaries(client, posts):
    response = client.get("/en/feeds/rss/")

    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "en"
    items = {item.findtext("title"): item for item in channel.findall("item")}
    assert set(items) == {"Public post", "Elsewhere"}
    public = items["Public post"]
    assert public.findtext("link") == "http://testserver/en/posts/public/"
    assert public.findtext("pubDate")
    assert public.findtext("description") == "- Short summary"


def test_atom_feed_is_valid_atom_in_the_page_language(client, posts):
    response = client.get("/ko/feeds/atom/")

    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "ko"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    for entry in entries:
        assert entry.findtext(f"{ATOM}updated")
        assert entry.findtext(f"{ATOM}published")
        assert (
            entry.find(f"{ATOM}link")
            .get("href")
            .startswith("http://testserver/ko/posts/")
        )


def test_field_feed_lists_only_that_field(client, posts):
    channel = ET.fromstring(
        client.get("/en/policy-fields/environment/rss/").content
    ).find("channel")

    assert [item.findtext("title") for item in channel.findall("item")] == [
        "Public post"
    ]
    assert "Environment" in channel.findtext("title")
    assert client.get("/en/policy-fields/unknown/rss/").status_code == 404


@pytest.mark.parametrize(
    "path", ["", "news/", "posts/public/", "policy-fields/environment/"]
)
def test_every_page_links_its_feeds(client, posts, path):
    html = client.get(f"/en/{path}").content.decode()

    assert 'type="application/rss+xml"' in html
    assert 'href="/en/feeds/atom/"' in html


def sitemap_files(client):
    """Every file the sitemap index names, followed as a crawler would."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    assert index.tag == f"{SITEMAP}sitemapindex"
    for entry in index.findall(f"{SITEMAP}sitemap"):
        response = client.get(entry.findtext(f"{SITEMAP}loc"))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/xml"
        yield ET.fromstring(response.content)


def sitemap_urls(client):
    return {
        url.findtext(f"{SITEMAP}loc"): url
        for root in sitemap_files(client)
        for url in root.findall(f"{SITEMAP}url")
    }


def test_sitemap_lists_public_pages_in_both_languages_with_lastmod(client, posts):
    urls = sitemap_urls(client)

    assert "http://testserver/ko/posts/public/" in urls
    assert "http://testserver/en/posts/public/" in urls
    assert "http://testserver/en/policy-fields/environment/" in urls
    assert "http://testserver/ko/about/" in urls
    assert not [loc for loc in urls if "draft" in loc or "future" in loc]
    assert urls["http://testserver/en/posts/public/"].findtext(f"{SITEMAP}lastmod")


def test_sitemap_hreflang_pairs_are_complete_and_answer(client, posts):
    for loc, url in sitemap_urls(client).items():
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.findall(f"{XHTML}link")
        }
        assert set(alternates) == {*language_codes(), "x-default"}, loc
        assert alternates["x-default"] == alternates[settings.LANGUAGE_CODE]
        assert loc in alternates.values()
        for href in set(alternates.values()):
            assert client.get(href.removeprefix("http://testserver")).status_code == 200


def test_sitemap_index_names_each_section_with_its_last_change(client, posts):
    index = ET.fromstring(client.get("/sitemap.xml").content)

    entries = {
        entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod")
        for entry in index.findall(f"{SITEMAP}sitemap")
    }
    assert set(entries) == {
        f"http://testserver/sitemap-{name}.xml"
        for name in (
            "pages",
            "posts",
            "programs",
            "policy-cases",
            "policy-fields",
            "site-pages",
        )
    }
    assert entries["http://testserver/sitemap-posts.xml"]


def test_listing_pages_in_the_sitemap_change_when_a_published_post_does(client, posts):
    edited = Post.objects.published().get(slug="public")
    edited.save()  # now the newest edit of a published post
    Post.objects.filter(slug__in=["draft", "future"]).update(
        updated_at=timezone.now() + timezone.timedelta(days=3)
    )
    expected = timezone.localdate(edited.updated_at).isoformat()

    urls = sitemap_urls(client)

    for loc in ("/en/policy-fields/environment/", "/ko/news/", "/en/about/"):
        assert urls[f"http://testserver{loc}"].findtext(f"{SITEMAP}lastmod") == expected


def test_sitemap_sections_are_paged_so_no_file_grows_with_the_site(
    client, posts, monkeypatch
):
    monkeypatch.setattr(ContentSitemap, "limit", 1)
    index = ET.fromstring(client.get("/sitemap.xml").content)
    post_files = [
        entry.findtext(f"{SITEMAP}loc")
        for entry in index.findall(f"{SITEMAP}sitemap")
        if "sitemap-posts" in entry.findtext(f"{SITEMAP}loc")
    ]

    assert post_files == [
        "http://testserver/sitemap-posts.xml",
        "http://testserver/sitemap-posts.xml?p=2",
    ]
    second = client.get("/sitemap-posts.xml?p=2")
    locs = [u.findtext(f"{SITEMAP}loc") for u in ET.fromstring(second.content)]
    assert locs == [
        f"http://testserver/{code}/posts/other-field/" for code in language_codes()
    ]
    assert second["Last-Modified"]


@pytest.mark.parametrize(
    "path", ["/sitemap-posts.xml?p=3", "/sitemap-posts.xml?p=x", "/sitemap-nope.xml"]
)
def test_missing_sitemap_files_are_404(client, posts, monkeypatch, path):
    monkeypatch.setattr(ContentSitemap, "limit", 1)

    assert client.get(path).status_code == 404


def test_robots_txt_points_to_the_sitemap_and_keeps_out_previews(client, db):
    text = client.get("/robots.txt").content.decode()

    assert "Disallow: /en/preview/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_robots_txt_never_names_the_admin_which_says_noindex_itself(client, db):
    text = client.get("/robots.txt").content.decode()

    assert "admin" not in text
    for path in ("/admin/login/", "/admin/", "/admin/portal/post/"):
        assert client.get(path)["X-Robots-Tag"] == "noindex, nofollow", path


@pytest.mark.parametrize("feed", ["rss", "atom"])
def test_feeds_send_the_words_of_rich_bodies_not_their_markup(client, db, feed):
    PostFactory(
        summary_en="",
        body_en='<p>Look <img src=x onerror="alert(1)"> &amp; <b>more</b></p>',
    )

    root = ET.fromstring(client.get(f"/en/feeds/{feed}/").content)
    path = "channel/item/description" if feed == "rss" else f"{ATOM}entry/{ATOM}summary"
    text = root.find(path).text

    # What a reader renders as HTML: the words, escaped, and no markup at all.
    assert "img" not in text and "onerror" not in text and "<b>" not in text
    assert "Look &amp; more" in text
