import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client


def pytest_configure(config):
    # Django's advice for test suites: the real hasher's million PBKDF2 rounds
    # cost a quarter of a second per user made, half the time of the admin
    # tests. Servers that tests start in processes of their own keep it.
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


@pytest.fixture(scope="session")
def s3_server():
    """A real S3 server for the session (tests/support/s3_server.py)."""
    import os

    from tests.support import s3_server as support

    with support.s3_server() as server:
        if server is None:
            if os.environ.get("PORTAL_REQUIRE_S3"):
                pytest.fail(support.INSTALL_HINT)
            pytest.skip(support.INSTALL_HINT)
        yield server


@pytest.fixture
def s3_bucket(s3_server, settings):
    """Uploads go to a fresh, publicly readable bucket on the real S3 server, as
    DJANGO_S3_BUCKET would send them; yields the bucket's name."""
    bucket = s3_server.new_bucket()
    use_bucket(settings, s3_server, bucket)
    return bucket


def use_bucket(settings, server, bucket: str, **environment) -> None:
    """From here on, uploads go to ``bucket`` on ``server``."""
    entry = server.storage(bucket, settings.PAGE_CACHE_SECONDS, **environment)
    # (SERVE_MEDIA stays: the URLconf read it once, for every test to come.)
    settings.STORAGES = {**settings.STORAGES, "default": entry}


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


def translator(username: str, languages: list[str] | None):
    """A Translator who writes ``languages`` (None: every one but the default,
    what translators could do before languages were assigned)."""
    from portal.languages import default_language, language_codes
    from portal.models import TranslatorLanguages

    user = staff_in_group("Translators", username)
    if languages is None:
        languages = [code for code in language_codes() if code != default_language()]
    TranslatorLanguages.objects.create(user=user, languages=languages)
    return user


@pytest.fixture
def translator_client(db):
    client = Client()
    client.force_login(translator("translator", None))
    return client
