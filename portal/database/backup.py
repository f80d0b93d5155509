"""Back up and restore the whole site: every record in both languages, the edit
history, staff accounts and uploaded files, in one archive.

The records travel as Django's JSON fixtures (natural keys for content types and
users), so an archive made on SQLite restores into PostgreSQL and back, and the
database's own triggers rebuild the search index and the page-cache version as
rows come in. Uploads are stored in the archive under ``media/``.
"""

import io
import json
import shutil
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from portal.database.triggers import version_bumped_at_end
from portal.models import ContentVersion, Post
from portal.models.public import PUBLIC_CONTENT, public_models

FORMAT = 1
# Rebuilt by migrations or worthless after a restore (sessions, lockout counters,
# the cache version, which must only ever go up).
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "portal.contentversion",
]


def replaced() -> list[str]:
    """What --replace deletes: the history, the public content, the accounts.

    Through the ORM, whose deletion collector takes each row's dependents first.
    """
    return [
        "admin.LogEntry",
        "reversion.Revision",
        *(entry.label for entry in PUBLIC_CONTENT),
        "auth.User",
        "auth.Group",
    ]


def holds_content() -> bool:
    return any(model._default_manager.exists() for model in public_models())


class BackupError(Exception):
    """A restore that cannot go ahead; the message says why."""


def _unmanaged() -> list[str]:
    """Tables the database's triggers fill (the search index): rebuilt on load."""
    return [
        model._meta.label_lower
        for model in apps.get_models()
        if not model._meta.managed
    ]


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def create(destination: Path) -> dict:
    """Write an archive to ``destination`` (a .tar.gz file); return its manifest."""
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data.json"
        with data.open("w", encoding="utf-8") as out:
            # One transaction: a consistent snapshot while the site keeps running.
            with transaction.atomic():
                call_command(
                    "dumpdata",
                    natural_foreign=True,
                    natural_primary=True,
                    exclude=[*EXCLUDED, *_unmanaged()],
                    stdout=out,
                )
        files = _media_files()
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "database": connection.vendor,
            "posts": Post.objects.count(),
            "files": len(files),
        }
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(destination.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1))
            archive.add(data, "data.json")
            for path in files:
                relative = path.relative_to(settings.MEDIA_ROOT)
                archive.add(path, f"media/{relative.as_posix()}")
        # Renamed at the end, so a backup cut short never looks complete.
        partial.replace(destination)
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, text: str) -> None:
    payload = text.encode("utf-8")
    info = tarfile.TarInfo(name)
    info.size = len(payload)
    info.mtime = int(datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(payload))


def read_manifest(source: Path) -> dict:
    try:
        with tarfile.open(source, "r:gz") as archive:
            return json.load(archive.extractfile("manifest.json"))
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{source} is not a portal backup: {error}") from error


def restore(source: Path, *, replace: bool = False) -> dict:
    """Load an archive into this site's database and media folder.

    Refuses to mix with existing content unless ``replace``: then what is there is
    deleted first, through the ORM so the search-index triggers see it. Records go
    in as one transaction, so a failed restore leaves the database as it was.
    """
    manifest = read_manifest(source)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    if holds_content() and not replace:
        raise BackupError(
            "This database already holds content. Restore into an empty database, "
            "or pass --replace to delete what is here first."
        )
    with tempfile.TemporaryDirectory() as scratch:
        with tarfile.open(source, "r:gz") as archive:
            # The "data" filter refuses absolute paths, links and "..".
            archive.extractall(scratch, filter="data")
        # Pages cached before the restore must not be served after it, and the
        # site may be serving while a --replace restore runs.
        with transaction.atomic(), version_bumped_at_end():
            if replace:
                for label in replaced():
                    apps.get_model(label)._base_manager.all().delete()
            call_command("loaddata", Path(scratch) / "data.json", verbosity=0)
            # The row is made by a migration; a flushed database may have lost it.
            ContentVersion.objects.get_or_create(pk=1)
        media = Path(scratch) / "media"
        for path in sorted(p for p in media.rglob("*") if p.is_file()):
            target = Path(settings.MEDIA_ROOT) / path.relative_to(media)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return manifest
