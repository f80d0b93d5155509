import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import (
    cache_from_url,
    env_bool,
    env_list,
    local_secret_key,
    s3_storage,
)
from tests.support.django_process import run_django


def test_env_bool_reads_common_spellings(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", default=True) is False
    monkeypatch.setenv("FLAG", "")
    assert env_bool("FLAG", default=True) is True


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.example, b.example ,,")
    assert env_list("HOSTS") == ["a.example", "b.example"]


def test_local_secret_key_is_created_once_and_kept(tmp_path):
    path = tmp_path / "var" / "secret_key"

    first = local_secret_key(path)

    assert len(first) >= 50
    assert local_secret_key(path) == first
    assert oct(path.stat().st_mode)[-3:] == "600"


STRONG_KEY = "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz"
PRODUCTION = {
    "DJANGO_SECRET_KEY": STRONG_KEY,
    "DJANGO_ALLOWED_HOSTS": "policy.example",
    "DJANGO_EMAIL_HOST": "mail.policy.example",
    "DJANGO_EMAIL_TLS": "1",
}


def _settings_value(expression, tmp_path, **env):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        f"print({expression})"
    )
    result = run_django(["-c", code], tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_database_url_selects_postgresql(tmp_path):
    engine = _settings_value(
        "settings.DATABASES['default']['ENGINE']",
        tmp_path,
        DATABASE_URL="postgres://portal:secret@db.internal:5432/portal",
        **PRODUCTION,
    )
    assert engine == "django.db.backends.postgresql"


def test_defaults_are_sqlite_in_the_project_debug_off_and_https(tmp_path):
    value = _settings_value(
        "settings.DATABASES['default']['ENGINE'], settings.DEBUG, "
        "settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE, "
        "settings.SECURE_HSTS_SECONDS",
        tmp_path,
        **PRODUCTION,
    )
    assert value == "django.db.backends.sqlite3 False True True 31536000"


def test_check_deploy_reports_nothing_in_production_mode(tmp_path):
    result = run_django(
        ["manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        tmp_path,
        **PRODUCTION,
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    "mail,warning",
    [
        ({"DJANGO_EMAIL_HOST": ""}, "Mail is printed on the console, not sent."),
        ({"DJANGO_EMAIL_TLS": "0"}, "Mail is sent to the mail server without TLS."),
    ],
)
def test_check_deploy_warns_when_mail_would_be_lost_or_sent_in_clear(
    tmp_path, mail, warning
):
    result = run_django(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        **{**PRODUCTION, **mail},
    )

    assert result.returncode != 0
    assert warning in result.stderr + result.stdout


@pytest.mark.parametrize(
    "key,problem",
    [
        (None, "DJANGO_SECRET_KEY is not set"),
        ("", "DJANGO_SECRET_KEY is not set"),
        ("change-me", "is a placeholder or too short"),
        ("django-insecure-" + "x1y2z3" * 10, "is a placeholder or too short"),
        ("short-but-random-Q2w9", "is a placeholder or too short"),
    ],
)
def test_production_refuses_a_missing_or_default_secret_key(tmp_path, key, problem):
    env = {"DJANGO_ALLOWED_HOSTS": "policy.example"}
    if key is not None:
        env["DJANGO_SECRET_KEY"] = key

    result = run_django(["manage.py", "check"], tmp_path, **env)

    assert result.returncode != 0
    assert problem in result.stderr
    assert "secrets.token_urlsafe(50)" in result.stderr


def test_production_refuses_empty_allowed_hosts(tmp_path):
    result = run_django(
        ["manage.py", "check"],
        tmp_path,
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS=" , ",
    )

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is empty" in result.stderr


def test_gunicorn_refuses_to_start_without_a_key(tmp_path):
    result = run_django(
        ["-m", "gunicorn", "--check-config", "-c", "config/gunicorn.conf.py"],
        tmp_path,
        DJANGO_ALLOWED_HOSTS="policy.example",
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_key_can_come_from_a_file(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text(STRONG_KEY[::-1] + "\n")

    value = _settings_value(
        "settings.SECRET_KEY",
        tmp_path,
        DJANGO_SECRET_KEY_FILE=str(key_file),
        DJANGO_ALLOWED_HOSTS="policy.example",
    )

    assert value == STRONG_KEY[::-1]


def test_development_makes_its_own_key_and_allows_loopback(tmp_path):
    value = _settings_value(
        "len(settings.SECRET_KEY), settings.ALLOWED_HOSTS, "
        "settings.SECURE_SSL_REDIRECT",
        tmp_path,
        DJANGO_DEBUG="1",
    )

    assert value == "67 ['localhost', '127.0.0.1', '[::1]'] False"
    assert (tmp_path / "secret_key").exists()


def test_local_env_file_configures_a_trial_and_the_environment_wins(tmp_path):
    (tmp_path / "local.env").write_text(
        f"# written by make\nDJANGO_SECRET_KEY={STRONG_KEY}\n"
        "DJANGO_ALLOWED_HOSTS=localhost\nDJANGO_HTTPS=0\n"
    )

    value = _settings_value(
        "settings.ALLOWED_HOSTS, settings.SECURE_SSL_REDIRECT, settings.ADMIN_PATH",
        tmp_path,
        DJANGO_ALLOWED_HOSTS="policy.example",
        DJANGO_ADMIN_PATH="/staff-only/",
    )

    # The file's keys fill in, but its plain HTTP does not weaken a public host.
    assert value == "['policy.example'] True staff-only/"


def test_a_local_trial_on_loopback_runs_on_plain_http(tmp_path):
    (tmp_path / "local.env").write_text(
        f"DJANGO_SECRET_KEY={STRONG_KEY}\n"
        "DJANGO_ALLOWED_HOSTS=localhost,127.0.0.1,[::1]\nDJANGO_HTTPS=0\n"
    )

    value = _settings_value(
        "settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS, "
        "settings.SESSION_COOKIE_SECURE",
        tmp_path,
    )

    assert value == "False 0 False"


def test_an_operator_with_a_key_and_hosts_gets_https_whatever_make_wrote(tmp_path):
    # What `make run` leaves in var/local.env, and an operator's environment.
    (tmp_path / "local.env").write_text(
        f"DJANGO_SECRET_KEY={'x' * 60}\n"
        "DJANGO_ALLOWED_HOSTS=localhost,127.0.0.1,[::1]\nDJANGO_HTTPS=0\n"
    )

    value = _settings_value(
        "settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS > 0, "
        "settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE",
        tmp_path,
        **PRODUCTION,
    )

    assert value == "True True True True"


def test_plain_http_for_a_public_host_must_be_asked_for_in_the_environment(tmp_path):
    value = _settings_value(
        "settings.SECURE_SSL_REDIRECT", tmp_path, DJANGO_HTTPS="0", **PRODUCTION
    )

    assert value == "False"


def test_the_old_sites_hosts_are_served_only_when_the_deployment_names_them(
    tmp_path,
):
    (tmp_path / "local.env").write_text(
        f"DJANGO_SECRET_KEY={STRONG_KEY}\n"
        "DJANGO_ALLOWED_HOSTS=localhost\nDJANGO_HTTPS=0\n"
    )
    expression = "settings.ALLOWED_HOSTS, settings.OLD_SITE_HOSTS"

    assert _settings_value(expression, tmp_path) == (
        "['localhost'] ['seoulsolution.kr', 'www.seoulsolution.kr']"
    )
    # Named: allowed too, and a local trial stays on plain HTTP.
    assert (
        _settings_value(
            f"{expression}, settings.SECURE_SSL_REDIRECT",
            tmp_path,
            DJANGO_OLD_SITE_HOSTS="Old.Example.org",
        )
        == "['localhost', 'old.example.org'] ['old.example.org'] False"
    )


@pytest.mark.parametrize(
    "url,backend,location",
    [
        ("", "memory_cache.MemoryCache", None),
        ("redis://cache:6379/1", "redis.RedisCache", "redis://cache:6379/1"),
        ("memcached://cache:11211", "memcached.PyMemcacheCache", "cache:11211"),
    ],
)
def test_cache_url_picks_the_backend(url, backend, location):
    config = cache_from_url(url)

    assert config["BACKEND"].endswith(backend)
    assert config.get("LOCATION") == location


def test_the_in_process_cache_is_bounded_in_megabytes():
    assert cache_from_url("")["OPTIONS"]["MAX_BYTES"] == 64 * 2**20
    assert cache_from_url("", max_mb=8)["OPTIONS"]["MAX_BYTES"] == 8 * 2**20


def test_unknown_cache_url_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="must start with redis://"):
        cache_from_url("mongodb://db")


def test_admin_path_is_configurable(tmp_path):
    value = _settings_value(
        "__import__('django.urls').urls.reverse('admin:index')",
        tmp_path,
        DJANGO_ADMIN_PATH="staff-only",
        **PRODUCTION,
    )

    assert value == "/staff-only/"


def test_static_files_from_a_cdn_and_media_from_a_bucket_are_allowed_by_the_policy(
    tmp_path,
):
    value = _settings_value(
        "settings.STATIC_URL, settings.STORAGES['default']['BACKEND'], "
        "settings.STORAGES['default']['OPTIONS']['bucket_name'], settings.SERVE_MEDIA, "
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']",
        tmp_path,
        DJANGO_STATIC_URL="https://cdn.example.org/static/",
        DJANGO_S3_BUCKET="portal-media",
        DJANGO_MEDIA_ORIGIN="https://media.example.org/",
        **PRODUCTION,
    )

    assert value == (
        "https://cdn.example.org/static/ portal.storage.S3Storage portal-media "
        "False [\"'self'\", 'https://cdn.example.org', 'https://media.example.org']"
    )


@pytest.mark.parametrize(
    ("variables", "img_src"),
    [
        # A provider's own host (MinIO, SeaweedFS, Ceph): addressed by path.
        ({"DJANGO_S3_ENDPOINT_URL": "https://s3.city.example:9000"},
         "https://s3.city.example:9000"),
        # A CDN in front of the bucket.
        ({"DJANGO_S3_CUSTOM_DOMAIN": "media.city.example"},
         "https://media.city.example"),
        # Amazon's own, in a region: botocore addresses it on the global host.
        ({"DJANGO_S3_REGION": "ap-northeast-2"},
         "https://portal-media.s3.amazonaws.com"),
    ],
)  # fmt: skip
def test_images_may_come_from_the_bucket_and_nothing_else_may(
    tmp_path, variables, img_src
):
    value = _settings_value(
        "' | '.join(' '.join(map(str, settings.CONTENT_SECURITY_POLICY"
        "['DIRECTIVES'][name])) for name in ('img-src', 'script-src', 'style-src', "
        "'font-src'))",
        tmp_path,
        DJANGO_S3_BUCKET="portal-media",
        **variables,
        **PRODUCTION,
    )

    assert value == f"'self' {img_src} | 'self' csp.constants.NONCE | 'self' | 'self'"


def test_signed_addresses_outlive_the_cached_pages_that_carry_them():
    signed = {"DJANGO_S3_BUCKET": "bkt", "DJANGO_S3_SIGNED_URLS": "1"}

    entry, origin = s3_storage(
        {**signed, "DJANGO_S3_URL_SECONDS": "3600"}, page_cache_seconds=600
    )
    assert entry["OPTIONS"]["querystring_auth"] is True
    assert entry["OPTIONS"]["querystring_expire"] == 3600
    assert origin == "https://bkt.s3.amazonaws.com"
    with pytest.raises(ImproperlyConfigured, match="at least twice"):
        s3_storage({**signed, "DJANGO_S3_URL_SECONDS": "900"}, page_cache_seconds=600)
    with pytest.raises(ImproperlyConfigured, match="more than a week"):
        s3_storage({**signed, "DJANGO_S3_URL_SECONDS": "700000"}, page_cache_seconds=60)
    with pytest.raises(ImproperlyConfigured, match="Set one"):
        s3_storage(
            {**signed, "DJANGO_S3_CUSTOM_DOMAIN": "cdn.example"}, page_cache_seconds=60
        )


@pytest.mark.parametrize("seconds", ["6h", "21600.0", "0", "-60"])
def test_a_signed_address_life_that_is_not_a_positive_number_is_named(seconds):
    # With the page cache off (0 s), "twice its life" lets 0 through: every
    # image would be shown under an address that has already expired.
    signed = {"DJANGO_S3_BUCKET": "b", "DJANGO_S3_SIGNED_URLS": "1"}

    with pytest.raises(ImproperlyConfigured, match="DJANGO_S3_URL_SECONDS"):
        s3_storage({**signed, "DJANGO_S3_URL_SECONDS": seconds}, page_cache_seconds=0)


@pytest.mark.parametrize("signed", ["", "1"])
@pytest.mark.parametrize(
    "variables",
    [
        {"DJANGO_S3_BUCKET": "portal-media"},
        {"DJANGO_S3_BUCKET": "portal-media", "DJANGO_S3_REGION": "ap-northeast-2"},
        # A dotted name cannot be a host name under Amazon's certificate.
        {"DJANGO_S3_BUCKET": "media.city.example", "DJANGO_S3_REGION": "eu-west-1"},
        {"DJANGO_S3_BUCKET": "portal-media",
         "DJANGO_S3_ENDPOINT_URL": "https://s3.city.example:9000"},
        {"DJANGO_S3_BUCKET": "portal-media",
         "DJANGO_S3_ENDPOINT_URL": "https://s3.city.example",
         "DJANGO_S3_ADDRESSING_STYLE": "virtual"},
    ],
)  # fmt: skip
def test_the_policy_allows_the_origin_the_storage_addresses_files_on(
    variables, signed, monkeypatch
):
    from storages.backends.s3 import S3Storage

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "portal-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "portal-test-secret")
    environment = {**variables, "DJANGO_S3_SIGNED_URLS": signed}

    entry, origin = s3_storage(environment, page_cache_seconds=600)
    address = S3Storage(**entry["OPTIONS"]).url("images/a.jpg")

    # Otherwise the browser is told to refuse every image on the page.
    assert address.startswith(f"{origin}/"), (origin, address)
