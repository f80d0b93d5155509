"""Security headers, cookies, sign-in lockout and staff session expiry."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.utils import timezone

from portal.languages import language_codes
from tests.factories import PostFactory, ProgramFactory, one_of_everything
from tests.support.nginx import SITE
from tests.support.public_pages import public_addresses, public_pages

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def content():
    PostFactory(slug="a-post")
    ProgramFactory(slug="a-programme")


def csp(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part)
    }


# Besides every public address (tests/support/public_pages.py): answers that are
# not public pages.
OTHER_ANSWERS = ["/ko/no-such-page/", "/admin/login/", "/static/portal/css/site.css"]


def test_every_answer_carries_the_security_headers(client):
    one_of_everything()
    paths = [
        *(
            address.path
            for lang in language_codes()
            for address in public_addresses(lang)
        ),
        *OTHER_ANSWERS,
    ]
    for path in paths:
        response = client.get(path)

        assert response["X-Content-Type-Options"] == "nosniff", path
        if path.startswith(settings.MEDIA_URL):
            # Uploads get the sandbox policy (test_uploads_are_served_sandboxed…).
            assert "sandbox" in csp(response), path
            continue
        policy = csp(response)
        assert policy["default-src"] == ["'self'"], path
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'none'"]
        header = response["Content-Security-Policy"]
        assert "unsafe-inline" not in header and "unsafe-eval" not in header
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


def test_cached_pages_carry_the_headers_too(client, content):
    client.get("/en/news/")
    hit = client.get("/en/news/")

    assert hit["X-Cache"] == "hit"
    assert "frame-ancestors 'none'" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"


@override_settings(
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_HSTS_PRELOAD=True,
    SECURE_SSL_REDIRECT=True,
)
def test_production_redirects_to_https_and_sends_hsts(client, content):
    plain = client.get("/en/news/")
    secure = client.get("/en/news/", secure=True)

    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/en/news/"
    assert (
        secure["Strict-Transport-Security"]
        == "max-age=31536000; includeSubDomains; preload"
    )


def test_public_pages_set_no_cookies(client):
    one_of_everything()
    for lang in language_codes():
        for path in public_pages(lang).values():
            assert not client.get(path).cookies, path


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser(
        "editor", "editor@example.org", PASSWORD
    )


def sign_in(client, username="editor", password=PASSWORD, address="10.0.0.1"):
    client.get(LOGIN)  # the CSRF cookie, as a browser would have it
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_staff_cookies_are_httponly_and_samesite(client, staff):
    response = sign_in(client)

    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax"
    # Ends with the browser; the server also drops it after SESSION_COOKIE_AGE.
    assert not session["max-age"]
    csrf = client.cookies["csrftoken"]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"


def test_staff_sessions_expire(client, staff, settings):
    sign_in(client)
    assert client.get("/admin/").status_code == 200
    session = Session.objects.get()
    assert session.expire_date - timezone.now() <= timedelta(
        seconds=settings.SESSION_COOKIE_AGE
    )

    session.expire_date = timezone.now() - timedelta(seconds=1)
    session.save()

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_five_wrong_passwords_lock_the_user_out_with_a_clear_page(client, staff):
    for _ in range(4):
        assert sign_in(client, password="wrong").status_code == 200
    fifth = sign_in(client, password="wrong")

    assert fifth.status_code == 429
    # Even the right password is refused now, from anywhere.
    locked = sign_in(client, address="10.9.9.9")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Sign-in paused" in text or "로그인 일시 중지" in text
    assert "15" in text
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "lang,heading", [("ko", "로그인 일시 중지"), ("en", "Sign-in paused")]
)
def test_the_lockout_page_speaks_the_staff_members_language(
    client, staff, lang, heading
):
    for _ in range(5):
        sign_in(client, password="wrong")

    response = client.post(
        LOGIN,
        {"username": "editor", "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE=lang,
    )

    assert response.status_code == 429
    assert heading in response.content.decode()


def test_one_address_is_locked_out_whatever_user_names_it_tries(client, staff):
    for number in range(5):
        sign_in(client, username=f"guess{number}", password="wrong")

    assert sign_in(client, address="10.0.0.1").status_code == 429
    assert sign_in(client, address="10.0.0.2").status_code == 302


def test_a_staff_login_from_the_same_address_does_not_reset_another_users_count(
    client, staff
):
    get_user_model().objects.create_user(
        "translator", "t@example.org", PASSWORD, is_staff=True
    )
    for _round in range(4):
        for _ in range(4):
            sign_in(client, password="wrong", address="10.0.0.5")
        # The attacker's own login, from the same address, between the guesses.
        client.logout()
        response = sign_in(client, username="translator", address="10.0.0.5")
        if response.status_code == 429:
            break  # the address itself is locked out: also a defence
        client.logout()

    # 16 wrong guesses for the editor: its limit of 5 held whatever happened.
    assert sign_in(client, address="10.9.9.9").status_code == 429


def test_a_successful_sign_in_clears_that_users_own_failures(client, staff):
    for _ in range(3):
        sign_in(client, password="wrong")

    assert sign_in(client).status_code == 302
    assert not AccessAttempt.objects.filter(username="editor").exists()


def test_sign_in_works_again_after_the_cooling_off_time(client, staff, settings):
    for _ in range(5):
        sign_in(client, password="wrong")
    assert sign_in(client).status_code == 429

    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )

    assert sign_in(client).status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_lockout_uses_the_forwarded_address(client, staff):
    for number in range(5):
        client.post(
            LOGIN,
            {"username": f"guess{number}", "password": "wrong"},
            REMOTE_ADDR="10.0.0.254",  # the proxy
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )

    other_visitor = client.post(
        LOGIN,
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.254",
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert other_visitor.status_code == 302


def test_uploads_are_served_sandboxed_as_the_proxy_serves_them(
    client, settings, tmp_path
):
    """A file in media/ is never a page of the site that runs script, whether
    Django or nginx (config/deploy/nginx.conf) serves it."""
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "publications").mkdir()
    (settings.MEDIA_ROOT / "publications/a.pdf").write_bytes(b"%PDF-<script>")
    proxy = set(re.findall(r'Content-Security-Policy "([^"]+)"', SITE.read_text()))

    response = client.get("/media/publications/a.pdf")

    assert response.status_code == 200
    assert proxy == {response["Content-Security-Policy"]}
    assert "sandbox" in csp(response) and csp(response)["default-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("name", ["A" * 10_240, "a" * 300 + ".pdf"])
def test_a_media_name_longer_than_the_file_system_allows_is_not_found(
    client, settings, tmp_path, name
):
    settings.MEDIA_ROOT = tmp_path

    assert client.get(f"/media/{name}").status_code == 404
