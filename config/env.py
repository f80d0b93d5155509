"""Small helpers for reading settings from the environment.

Environments differ only through variables, so every knob has a safe local default.
"""

import os
import secrets
from pathlib import Path


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    raw = os.environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


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


def cache_from_url(url: str) -> dict:
    """Django's CACHES entry for ``redis://host:6379/0`` or ``memcached://host:11211``.

    Empty means local memory: each process keeps its own pages, which is right for one
    host. Several hosts share Redis or Memcached.
    """
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    scheme = url.split("://", 1)[0]
    if scheme not in CACHE_BACKENDS:
        raise ValueError(
            f"DJANGO_CACHE_URL must start with redis://, rediss:// or memcached://, "
            f"not {scheme}://"
        )
    location = url if scheme.startswith("redis") else url.split("://", 1)[1]
    return {"BACKEND": CACHE_BACKENDS[scheme], "LOCATION": location}
