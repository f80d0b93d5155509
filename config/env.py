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
