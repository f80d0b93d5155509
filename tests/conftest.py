import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client


@pytest.fixture(autouse=True)
def _plain_static_storage(settings, tmp_path):
    # The manifest storage needs collectstatic first; tests render templates without it.
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rolled-back tests reuse content versions: pages cached by one must not leak.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        "admin", "admin@example.org", "a-long-test-password"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def staff_in_group(group_name: str, username: str):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor_client(db):
    client = Client()
    client.force_login(staff_in_group("Editors", "editor"))
    return client


@pytest.fixture
def translator_client(db):
    client = Client()
    client.force_login(staff_in_group("Translators", "translator"))
    return client
