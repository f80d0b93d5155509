"""Any other address that answers 404 is looked up as Django's redirect fallback
would: the exact path and query, then with a slash appended; 410 when staff left
the target empty."""

import pytest
from django.conf import settings
from django.contrib.redirects.models import Redirect

from tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def redirect(old_path: str, new_path: str) -> None:
    Redirect.objects.create(
        site_id=settings.SITE_ID, old_path=old_path, new_path=new_path
    )


@pytest.fixture(autouse=True)
def about():
    PageFactory(slug="about-seoul")


@pytest.mark.parametrize(
    "path", ["/about-us.html", "/about-us/", "/about-us", "/en/old-about/"]
)
def test_a_stored_redirect_moves_permanently(client, path):
    redirect("/about-us.html", "/en/pages/about-seoul/")
    redirect("/about-us/", "/en/pages/about-seoul/")
    redirect("/en/old-about/", "/en/pages/about-seoul/")

    response = client.get(path)

    assert response.status_code == 301
    assert response["Location"] == "/en/pages/about-seoul/"


def test_the_query_string_is_part_of_the_stored_path(client):
    redirect("/index.php?page=about", "/en/pages/about-seoul/")

    assert client.get("/index.php?page=about").status_code == 301
    assert client.get("/index.php?page=news").status_code == 404


def test_an_empty_target_answers_410(client):
    redirect("/en/withdrawn/", "")

    assert client.get("/en/withdrawn/").status_code == 410


def test_a_page_that_answers_is_never_redirected(client):
    redirect("/en/pages/about-seoul/", "/en/")

    assert client.get("/en/pages/about-seoul/").status_code == 200


def test_a_target_no_browser_may_be_sent_to_leaves_the_404(client):
    redirect("/en/trap/", "javascript:alert(1)")

    assert client.get("/en/trap/").status_code == 404


def test_an_address_with_no_redirect_is_still_a_404(client):
    assert client.get("/en/no-such-page/").status_code == 404
