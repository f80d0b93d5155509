"""The list of public pages every site-walking test reads (tests/support/
public_pages.py) covers every URL pattern, so a new page is fuzzed, validated and
budgeted the day it is added."""

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from portal.languages import language_codes
from portal.pages import urls as portal_urls
from portal.pages.views import about
from tests.factories import one_of_everything
from tests.support.public_pages import public_pages, unfilled_routes

pytestmark = pytest.mark.django_db

# The portal's URLconf plus a page of a model that is not public content.
urlpatterns = i18n_patterns(
    path(
        "",
        include(
            (
                [
                    *portal_urls.urlpatterns,
                    path("events/<slug:slug>/", about, name="event_detail"),
                ],
                "portal",
            )
        ),
    )
)


@pytest.mark.parametrize("lang", language_codes())
def test_every_public_url_pattern_gets_an_address_with_real_rows(lang):
    one_of_everything()

    assert unfilled_routes(lang) == []


def test_a_new_pattern_the_public_content_cannot_fill_is_reported(settings):
    one_of_everything()
    settings.ROOT_URLCONF = __name__

    assert unfilled_routes(language_codes()[0]) == ["portal:event_detail"]


def test_pages_show_each_kind_of_post_and_skip_the_player_a_news_post_lacks():
    posts = one_of_everything()["posts"]
    lang = language_codes()[-1]

    pages = public_pages(lang)

    for kind, post in posts.items():
        assert pages[f"post_detail[{kind}]"] == f"/{lang}/posts/{post.slug}/"
    assert [name for name in pages if name.startswith("post_play")] == [
        "post_play[video]"
    ]
    assert "search[results]" in pages and "page_detail" in pages
    assert not any("rss" in name or "sitemap_section" in name for name in pages)
