"""Addresses from before the policy field had one name redirect permanently."""

import pytest

from tests.factories import PolicyFieldFactory, PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def content():
    field = PolicyFieldFactory(slug="environment")
    PostFactory(slug="park", policy_field=field)


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize(
    "old, new",
    [
        ("fields/environment/", "policy-fields/environment/"),
        ("fields/environment/?year=2024", "policy-fields/environment/?year=2024"),
        ("fields/environment/rss/", "policy-fields/environment/rss/"),
        ("fields/environment/atom/", "policy-fields/environment/atom/"),
        ("news/?field=environment", "news/?policy_field=environment"),
        (
            "videos/?field=environment&year=2024",
            "videos/?year=2024&policy_field=environment",
        ),
    ],
)
def test_old_policy_field_addresses_redirect_permanently(client, lang, old, new):
    response = client.get(f"/{lang}/{old}")

    assert response.status_code == 301
    assert response["Location"] == f"/{lang}/{new}"
    assert client.get(response["Location"]).status_code == 200


def test_the_old_sitemap_section_redirects_permanently(client):
    response = client.get("/sitemap-fields.xml?p=1")

    assert response.status_code == 301
    assert response["Location"] == "/sitemap-policy-fields.xml?p=1"
    assert client.get(response["Location"]).status_code == 200


def test_the_sitemap_index_lists_only_the_new_section(client):
    index = client.get("/sitemap.xml").content.decode()

    assert "sitemap-policy-fields.xml" in index
    assert "sitemap-fields.xml" not in index
