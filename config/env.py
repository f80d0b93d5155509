"""Small helpers for reading settings from the environment.

Environments differ only through variables, so every knob has a safe local default.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

# Values copied from examples and templates; a key that anyone can read is no key.
PLACEHOLDER_KEYS = {"", "change-me", "changeme", "secret", "secret-key", "xxx"}


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    raw = os.environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def load_env_file(path: Path) -> set[str]:
    """Read ``KEY=value`` lines into the environment; variables already set win.

    ``make`` writes ``var/local.env`` for a local trial, so ``make run`` and
    ``manage.py`` work in a fresh clone while a deployment must say everything.
    Returns the names the file set, so settings can tell a convenience default
    from a deployment's own choice.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return set()
    loaded = set()
    for line in lines:
        key, sep, value = line.partition("=")
        key = key.strip()
        if sep and not key.startswith("#") and key not in os.environ:
            os.environ[key] = value.strip()
            loaded.add(key)
    return loaded


LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def only_loopback(hosts: list[str]) -> bool:
    """True when every host name is this machine's own: a local trial."""

    def name(host: str) -> str:  # without a port; "[::1]:8000" is "[::1]"
        return (
            host[: host.find("]") + 1] if host.startswith("[") else host.split(":")[0]
        )

    return bool(hosts) and all(name(host) in LOOPBACK_HOSTS for host in hosts)


def weak_secret_key(key: str) -> bool:
    """What ``check --deploy`` (security.W009) would flag, plus known placeholders."""
    return (
        key.strip().lower() in PLACEHOLDER_KEYS
        or key.startswith("django-insecure")
        or len(key) < 50
        or len(set(key)) < 5
    )


def secret_key(debug: bool, var_dir: Path) -> str:
    """DJANGO_SECRET_KEY, or the file DJANGO_SECRET_KEY_FILE names.

    In production (debug off) a missing or weak key stops the site with a message
    saying what to do; in development a key is made and kept under ``var_dir``.
    """
    key = os.environ.get("DJANGO_SECRET_KEY", "")
    key_file = os.environ.get("DJANGO_SECRET_KEY_FILE", "")
    if not key and key_file:
        key = Path(key_file).read_text(encoding="utf-8").strip()
    if debug and not key:
        return local_secret_key(var_dir / "secret_key")
    if not debug and weak_secret_key(key):
        problem = "is not set" if not key else "is a placeholder or too short"
        raise ImproperlyConfigured(
            f"DJANGO_SECRET_KEY {problem}. Production mode (DJANGO_DEBUG off) needs "
            "a private random key of at least 50 characters, for example from: "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'. "
            f"(`make run` writes one to {var_dir / 'local.env'} for a local trial.)"
        )
    return key


def allowed_hosts(debug: bool) -> list[str]:
    hosts = env_list(
        "DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if debug else ""
    )
    if not hosts:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS is empty. Production mode (DJANGO_DEBUG off) must "
            "name the host names the site answers to, comma-separated, for example "
            "DJANGO_ALLOWED_HOSTS=policy.example.org"
        )
    return hosts


def origin_of(url: str) -> str:
    """``https://cdn.example.org`` for an absolute URL; empty for a path or nothing."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def local_secret_key(path: Path) -> str:
    """Return the key stored at ``path``, creating it on first use.

    Written to a temporary file and renamed, so two processes starting at once
    (gunicorn workers, parallel test runs) never read a half-written key.
    """
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(secrets.token_urlsafe(50), encoding="ascii")
    tmp.chmod(0o600)
    try:
        # link() fails if another process won the race; its key is then the one.
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path.read_text(encoding="ascii").strip()


CACHE_BACKENDS = {
    "redis": "django.core.cache.backends.redis.RedisCache",
    "rediss": "django.core.cache.backends.redis.RedisCache",
    "memcached": "django.core.cache.backends.memcached.PyMemcacheCache",
}


def cache_from_url(url: str, *, max_mb: int = 64) -> dict:
    """Django's CACHES entry for ``redis://host:6379/0`` or ``memcached://host:11211``.

    Empty means local memory: each process keeps its own pages, which is right for one
    host, within ``max_mb`` megabytes (portal/memory_cache.py). Several hosts share
    Redis or Memcached, which bound their memory themselves (maxmemory, -m).
    """
    if not url:
        return {
            "BACKEND": "portal.memory_cache.MemoryCache",
            "OPTIONS": {"MAX_BYTES": max_mb * 2**20},
        }
    scheme = url.split("://", 1)[0]
    if scheme not in CACHE_BACKENDS:
        raise ValueError(
            f"DJANGO_CACHE_URL must start with redis://, rediss:// or memcached://, "
            f"not {scheme}://"
        )
    # Short timeouts: a cache that stops answering must not hold up every page,
    # which the page cache then renders from the database instead.
    if scheme.startswith("redis"):
        location = url
        options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    else:
        location = url.split("://", 1)[1]
        options = {"connect_timeout": 0.5, "timeout": 0.5}
    return {"BACKEND": CACHE_BACKENDS[scheme], "LOCATION": location, "OPTIONS": options}


def s3_storage(env: dict[str, str], *, page_cache_seconds: int) -> tuple[dict, str]:
    """Django's STORAGES entry for uploads in an S3-compatible bucket, and the
    origin their addresses start with (for the Content-Security-Policy).

    Two ways to serve them: public addresses on the bucket or the CDN in front
    of it (``DJANGO_S3_CUSTOM_DOMAIN``), cached for a year since upload names
    are random and rendition names are hashes; or addresses signed for
    ``DJANGO_S3_URL_SECONDS`` (``DJANGO_S3_SIGNED_URLS=1``) on a private bucket.
    A signed address outlives the cached page that carries it.
    """
    bucket = env["DJANGO_S3_BUCKET"]
    endpoint = env.get("DJANGO_S3_ENDPOINT_URL") or None
    region = env.get("DJANGO_S3_REGION") or None
    domain = (env.get("DJANGO_S3_CUSTOM_DOMAIN") or "").strip("/") or None
    signed = (env.get("DJANGO_S3_SIGNED_URLS") or "").strip().lower() in {
        "1", "true", "yes", "on",
    }  # fmt: skip
    raw = env.get("DJANGO_S3_URL_SECONDS") or str(6 * 3600)
    seconds = int(raw) if raw.strip().isdigit() else 0
    if seconds <= 0:
        raise ImproperlyConfigured(
            f"DJANGO_S3_URL_SECONDS ({raw!r}) must be a whole number of seconds "
            "above 0, such as 21600 for six hours."
        )
    if signed and domain:
        raise ImproperlyConfigured(
            "DJANGO_S3_SIGNED_URLS signs addresses on the bucket itself; a "
            "DJANGO_S3_CUSTOM_DOMAIN (a CDN) would serve them unsigned. Set one."
        )
    if signed and seconds > 7 * 24 * 3600:
        raise ImproperlyConfigured(
            f"DJANGO_S3_URL_SECONDS ({seconds}) is more than a week, the longest "
            "a signed S3 address may live."
        )
    if signed and seconds < 2 * page_cache_seconds:
        raise ImproperlyConfigured(
            f"DJANGO_S3_URL_SECONDS ({seconds}) must be at least twice "
            f"DJANGO_PAGE_CACHE_SECONDS ({page_cache_seconds}): a cached page "
            "would otherwise show images whose addresses have expired."
        )
    # A bucket on the provider's own host (MinIO, SeaweedFS, Ceph) is addressed
    # by path: its host name has no room for the bucket's.
    style = env.get("DJANGO_S3_ADDRESSING_STYLE") or ("path" if endpoint else None)
    cache_control = (
        f"private, max-age={seconds}"
        if signed
        else "public, max-age=31536000, immutable"
    )
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": region,
        "custom_domain": domain,
        "addressing_style": style,
        "querystring_auth": signed,
        "querystring_expire": seconds,
        # Signature version 4: the only one newer regions accept.
        "signature_version": "s3v4",
        # Upload names are random (portal/uploads/checks.py) and a rendition's
        # is a hash of what it is made from: a name already taken is the same
        # file. Asking the bucket first would cost a request per write.
        "file_overwrite": True,
        "default_acl": None,
        "object_parameters": {"CacheControl": cache_control},
    }
    if domain:
        scheme = "http" if env.get("DJANGO_S3_URL_PROTOCOL") == "http:" else "https"
        origin = f"{scheme}://{domain.split('/')[0]}"
        options["url_protocol"] = f"{scheme}:"
    else:
        origin = _bucket_origin(options)
    return {"BACKEND": "portal.storage.S3Storage", "OPTIONS": options}, origin


def _bucket_origin(options: dict) -> str:
    """The origin of the addresses django-storages will build, asked of botocore,
    which builds them: not guessed, since botocore addresses a bucket in a
    region on the global host, a dotted name by path, and a provider's host
    by path or by name as DJANGO_S3_ADDRESSING_STYLE says. No request is sent.
    """
    import boto3
    from botocore import UNSIGNED
    from botocore.config import Config

    client = boto3.session.Session().client(
        "s3",
        region_name=options["region_name"],
        endpoint_url=options["endpoint_url"],
        # Only the host matters; django-storages signs with the real key.
        aws_access_key_id="origin",
        aws_secret_access_key="origin",
        config=Config(
            s3={"addressing_style": options["addressing_style"]},
            signature_version=(
                options["signature_version"]
                if options["querystring_auth"]
                else UNSIGNED
            ),
        ),
    )
    address = client.generate_presigned_url(
        "get_object", Params={"Bucket": options["bucket_name"], "Key": "x"}
    )
    return origin_of(address)
