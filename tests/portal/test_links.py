import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from portal.links import fixed_url, slug_url
from tests.factories import PostFactory

NAV = ["portal:home", "portal:post_list", "portal:partner_list", "portal:feed_rss"]


@pytest.fixture
def mounted_under():
    """A deployment behind a path prefix (SCRIPT_NAME), restored afterwards."""
    yield set_script_prefix
    set_script_prefix("/")


@pytest.mark.parametrize("language", ["ko", "en"])
def test_remembered_addresses_are_what_reverse_gives_in_each_language(
    db, language, mounted_under
):
    post = PostFactory(slug="green-roofs_2024")
    for prefix in ("/", "/portal/", "/"):
        mounted_under(prefix)
        with translation.override(language):
            assert [fixed_url(name) for name in NAV] == [reverse(name) for name in NAV]
            assert post.get_absolute_url() == reverse(
                "portal:post_detail", kwargs={"slug": post.slug}
            )
            assert post.get_absolute_url() == (
                f"{prefix}{language}/posts/green-roofs_2024/"
            )


def test_a_slug_the_route_would_refuse_is_refused_as_reverse_refuses_it(db):
    with translation.override("en"):
        slug_url("portal:post_detail", "fine-slug")  # the remembered shape exists
        with pytest.raises(NoReverseMatch):
            slug_url("portal:post_detail", "no/such slug")


def test_page_links_follow_the_language_of_the_page(client, db):
    korean = client.get("/ko/").content.decode()
    english = client.get("/en/").content.decode()

    assert 'href="/ko/news/"' in korean and 'href="/en/news/"' not in korean
    assert 'href="/en/news/"' in english and 'href="/ko/news/"' not in english
