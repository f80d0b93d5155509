"""Back up and restore the whole site: every record in every language, the edit
history, staff accounts and uploaded files, in one archive.

The records travel as Django's JSON fixtures (natural keys for content types and
users), so an archive made on SQLite restores into PostgreSQL and back, and the
database's own triggers rebuild the search index (never dumped:
portal.database.routers) and the page-cache version as rows come in. Uploads are
stored in the archive under ``media/``, read from and written back to Django's
default storage: the media folder, or the S3 bucket of a multi-host deployment,
so an archive moves a site between the two.

An archive is trusted no more than an upload: the site serves what a restore puts
in ``media/``, so a restore takes only the kinds of file the portal itself writes
there, within sizes it would write, and refuses anything else before it writes a
byte. Archives hold password hashes: they and every temporary file are readable
by their owner only, and a backup cut short leaves nothing behind.
"""

import contextlib
import io
import json
import os
import posixpath
import signal
import tarfile
import tempfile
import threading
import zlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone
from pilkit.utils import format_to_extension
from reversion.models import Revision, Version

from portal.database.triggers import version_bumped_at_end
from portal.images.renditions import TYPES as RENDITION_FORMATS
from portal.models import (
    Consent,
    ContentVersion,
    Inquiry,
    InquiryAccess,
    OutgoingMail,
    Page,
    PageFeedback,
    Post,
    SeedTombstone,
    StaleTranslation,
)
from portal.models.public import PUBLIC_CONTENT, public_models
from portal.models.starting_pages import starting_pages
from portal.uploads.checks import FORMATS as IMAGE_FORMATS
from portal.uploads.checks import LOGO_FORMATS, MAX_PUBLICATION_BYTES

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
# What a restore accepts, checked against the sizes the tar headers declare before
# anything is unpacked (a header cannot understate its member: exactly that many
# bytes are read). An uploaded file is at most 50 MB; an image rewritten on upload
# may come out larger than it went in, hence the margin.
MAX_FILE_BYTES = 4 * MAX_PUBLICATION_BYTES
# loaddata reads the whole dump into memory, several times its size.
MAX_DATA_BYTES = 1024**3
MAX_MANIFEST_BYTES = 64 * 1024
MAX_TOTAL_BYTES = 64 * 1024**3
MAX_MEMBERS = 1_000_000


def replaced() -> list[str]:
    """What --replace deletes: the history, the public content, which
    translations are out of date, what staff deleted of the seeds (the import's
    memory of it), the redirects (the archive's lead to its pages), visitors'
    answers to the page satisfaction question, visitors' requests (with the
    access log, their mail and the consents they accepted), the accounts.

        Through the ORM, whose deletion collector takes each row's dependents first.
    """
    return [
        "admin.LogEntry",
        "reversion.Revision",
        *(entry.label for entry in PUBLIC_CONTENT),
        StaleTranslation._meta.label,
        SeedTombstone._meta.label,
        "redirects.Redirect",
        PageFeedback._meta.label,
        # A request's notes and replies go with it; its consent after it.
        InquiryAccess._meta.label,
        OutgoingMail._meta.label,
        Inquiry._meta.label,
        Consent._meta.label,
        "auth.User",
        "auth.Group",
    ]


def starting_pages_as_migrated() -> models.QuerySet | None:
    """The starting pages, when they are all the public content there is and
    none has been edited since migrations wrote them; otherwise None.

    Migration 0019 writes them into every database and 0021 gives each a first
    version, so a freshly migrated database is never without content: a restore
    treats them as empty space (the archive brings the site's own pages).
    """
    pages = Page._base_manager.all()
    if any(m._base_manager.exists() for m in public_models() if m is not Page):
        return None
    if pages.exclude(slug__in=[page["slug"] for page in starting_pages()]).exists():
        return None
    # One version per page at most: any other is an edit, or a deleted row the
    # history could recover.
    first_versions = Version.objects.get_for_model(Page).filter(
        object_id__in=[str(pk) for pk in pages.values_list("pk", flat=True)]
    )
    versioned_pages = first_versions.values("object_id").distinct().count()
    if not versioned_pages == first_versions.count() == Version.objects.count():
        return None
    return pages


def holds_content() -> bool:
    """Whether a restore would mix with content here: anything public beyond
    what migrations write."""
    return (
        any(model._default_manager.exists() for model in public_models())
        and starting_pages_as_migrated() is None
    )


def _delete_starting_pages() -> None:
    """What migrations wrote before a restore into a fresh database: the starting
    pages and their first versions, which the archive's own would collide with."""
    pages = starting_pages_as_migrated()
    if pages is None:
        return
    Revision.objects.filter(version__in=Version.objects.get_for_model(Page)).delete()
    pages.delete()


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why."""


class FilesNotCopied(BackupError):
    """A restore whose records are in but whose files are not all copied."""


class Interrupted(BaseException):
    """SIGTERM or SIGINT arrived; raised like KeyboardInterrupt so that every
    ``finally`` and ``with`` on the way out cleans up."""


@contextlib.contextmanager
def cleaned_up_on_signals() -> Iterator[None]:
    """Turn SIGTERM (systemd, kill) and SIGINT (Ctrl-C) into :class:`Interrupted`.

    SIGTERM's default ends the process on the spot, leaving the ``.partial``
    archive and the temporary dump of password hashes behind. Signals reach only
    the main thread, so elsewhere this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise Interrupted(signal.Signals(signum).name)

    previous = {
        number: signal.signal(number, interrupt)
        for number in (signal.SIGTERM, signal.SIGINT)
    }
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _private(path: Path, mode: str = "wb"):
    """A new file only its owner can read, whatever the umask."""
    path.unlink(missing_ok=True)
    return open(
        path,
        mode.replace("w", "x"),
        opener=lambda name, flags: os.open(name, flags, 0o600),
    )


def stored_files(storage=None) -> list[str]:
    """Every file the portal has stored, by name: walked from the folders it
    writes (:func:`media_types`), so a bucket or folder shared with anything
    else gives up only the portal's own files."""
    storage = storage or default_storage
    names = (name for folder in media_types() for name in _walk(storage, folder))
    return sorted(name for name in names if is_media_name(name))


def _walk(storage, folder: str) -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield posixpath.join(folder, name)
    for inner in folders:
        yield from _walk(storage, posixpath.join(folder, inner))


def create(destination: Path) -> dict:
    """Write an archive to ``destination`` (a .tar.gz file); return its manifest.

    The archive is written as ``<destination>.partial`` and renamed at the end, so
    a backup cut short never looks complete; on any error or signal the partial
    file and the temporary dump are deleted.
    """
    destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = destination.with_name(destination.name + ".partial")
    try:
        with tempfile.TemporaryDirectory(prefix="portal-backup-") as scratch:
            data = Path(scratch) / "data.json"
            with _private(data, "w") as out:
                # One transaction: a consistent snapshot while the site keeps running.
                with transaction.atomic():
                    call_command(
                        "dumpdata",
                        natural_foreign=True,
                        natural_primary=True,
                        exclude=EXCLUDED,
                        stdout=out,
                    )
            files = stored_files()
            manifest = {
                "format": FORMAT,
                "created": timezone.now().isoformat(),
                "database": connection.vendor,
                "posts": Post.objects.count(),
                "files": len(files),
            }
            with (
                _private(partial) as raw,
                tarfile.open(fileobj=raw, mode="w:gz") as archive,
            ):
                _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1))
                archive.add(data, "data.json")
                for name in files:
                    _add_stored(archive, name)
        partial.replace(destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest


def _add_stored(archive: tarfile.TarFile, name: str) -> None:
    # Opened once: on S3 that is one download, its size known from the copy.
    try:
        stored = default_storage.open(name, "rb")
    except FileNotFoundError:
        # Deleted since it was listed (an editor replaced it while a bucket's
        # files were being downloaded, which takes minutes): the rest of the
        # night's backup is worth more than failing it for a file that is gone.
        return
    with stored:
        info = tarfile.TarInfo(f"media/{name}")
        stored.seek(0, os.SEEK_END)
        info.size = stored.tell()
        stored.seek(0)
        info.mtime = int(datetime.now().timestamp())
        info.mode = 0o644
        archive.addfile(info, stored)


def _add_bytes(archive: tarfile.TarFile, name: str, text: str) -> None:
    payload = text.encode("utf-8")
    info = tarfile.TarInfo(name)
    info.size = len(payload)
    info.mtime = int(datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(payload))


def media_types() -> dict[str, set[str]]:
    """The folders under MEDIA_ROOT the portal writes, and the extensions of the
    files it writes there: the upload paths (portal.uploads.checks;
    "img" is their name for a format they could not tell) and imagekit's
    renditions. Nothing else may come back from an archive: an ``.html`` or
    ``.svg`` file in ``media/`` would be a page on the site's own origin."""
    return {
        "images": {*IMAGE_FORMATS.values(), "img"},
        "partners": {*LOGO_FORMATS.values(), "img"},
        "publications": {"pdf"},
        settings.IMAGEKIT_CACHEFILE_DIR: {
            format_to_extension(name).removeprefix(".") for name in RENDITION_FORMATS
        },
    }


def is_media_name(name: str) -> bool:
    """Whether ``name`` (relative to MEDIA_ROOT) is a file the portal could have
    written. Only renditions sit deeper, in folders named after their source."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or path.name.startswith("."):
        return False
    for folder, extensions in media_types().items():
        top = PurePosixPath(folder)
        nested = folder == settings.IMAGEKIT_CACHEFILE_DIR
        inside = path.parent == top or (nested and top in path.parents)
        if inside and path.suffix.lower().removeprefix(".") in extensions:
            return True
    return False


def _refusal(member: tarfile.TarInfo) -> str | None:
    """Why ``member`` has no place in a portal backup, or None."""
    name = member.name
    if member.isdir() and (name == "media" or name.startswith("media/")):
        return None
    if not member.isfile():
        return f"{name} is not a regular file"
    limits = {"manifest.json": MAX_MANIFEST_BYTES, "data.json": MAX_DATA_BYTES}
    if name in limits:
        limit = limits[name]
    elif name.startswith("media/") and is_media_name(name.removeprefix("media/")):
        limit = MAX_FILE_BYTES
    else:
        return f"{name} is not a kind of file the portal stores"
    if member.size > limit:
        return f"{name} would unpack to {member.size} bytes (at most {limit})"
    return None


def _checked_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    """Every member, each judged by its header before the next is read, so a
    hostile member is refused without unpacking what follows it."""
    members, total = [], 0
    for member in archive:
        problem = _refusal(member)
        if problem is None and len(members) >= MAX_MEMBERS:
            problem = f"it holds more than {MAX_MEMBERS} files"
        total += member.size
        if problem is None and total > MAX_TOTAL_BYTES:
            problem = f"it would unpack to more than {MAX_TOTAL_BYTES} bytes"
        if problem:
            raise BackupError(f"{archive.name} was refused: {problem}.")
        members.append(member)
    names = {member.name for member in members}
    if not {"manifest.json", "data.json"} <= names:
        raise BackupError(f"{archive.name} is not a portal backup: no manifest.")
    return members


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:300]


@contextlib.contextmanager
def _opened(source: Path) -> Iterator[tarfile.TarFile]:
    """The archive, with whatever a damaged one raises turned into BackupError."""
    try:
        with tarfile.open(source, "r:gz") as archive:
            yield archive
    except (OSError, EOFError, zlib.error, tarfile.TarError) as error:
        raise BackupError(
            f"{source} is not a portal backup, or it is damaged: {_one_line(error)}"
        ) from error


def _manifest(archive: tarfile.TarFile, source: Path) -> dict:
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"{source} is not a portal backup: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{source} is not a portal backup of format {FORMAT}.")
    return manifest


def restore(source: Path, *, replace: bool = False) -> dict:
    """Load an archive into this site's database and media folder.

    Refuses to mix with existing content unless ``replace``: then what is there is
    deleted first, through the ORM so the search-index triggers see it. Records go
    in as one transaction, so a failed restore leaves the database as it was.
    """
    with (
        _opened(source) as archive,
        tempfile.TemporaryDirectory(prefix="portal-restore-") as scratch,
    ):
        members = _checked_members(archive)
        manifest = _manifest(archive, source)
        if holds_content() and not replace:
            raise BackupError(
                "This database already holds content. Restore into an empty "
                "database, or pass --replace to delete what is here first."
            )
        # The "data" filter also refuses absolute paths, links and "..".
        archive.extractall(scratch, members=members, filter="data")
        # Pages cached before the restore must not be served after it, and the
        # site may be serving while a --replace restore runs.
        try:
            with transaction.atomic(), version_bumped_at_end():
                if replace:
                    for label in replaced():
                        apps.get_model(label)._base_manager.all().delete()
                else:
                    _delete_starting_pages()
                call_command("loaddata", Path(scratch) / "data.json", verbosity=0)
                # The row is made by a migration; a flushed database may have lost it.
                ContentVersion.objects.get_or_create(pk=1)
                # This site may take over the cache of the site that made the
                # archive: its pages must not be filed under that one's numbers.
                ContentVersion.move_past_the_clock()
        except (DeserializationError, DatabaseError, ValueError) as error:
            raise BackupError(
                f"The records in {source} could not be loaded: {_one_line(error)}"
            ) from error
        try:
            _copy_media(Path(scratch) / "media")
        except OSError as error:
            # Not "damaged" (what _opened says of an OSError): the records are in.
            raise FilesNotCopied(
                f"The records in {source} were restored, but its files could not "
                f"all be copied ({_one_line(error)}): free the space or fix the "
                "folder's rights, then run the restore again with --replace."
            ) from error
    return manifest


def _copy_media(media: Path) -> None:
    """Write each unpacked file into the storage under its own name: rows name
    their files, and renditions are found by theirs. A file already stored
    under that name is replaced: upload names are random, and a rendition's
    name is a hash of its source's name and processing, so it is the same file."""
    for path in sorted(p for p in media.rglob("*") if p.is_file()):
        name = path.relative_to(media).as_posix()
        if default_storage.exists(name):
            default_storage.delete(name)
        with path.open("rb") as unpacked:
            stored = default_storage.save(name, File(unpacked, name=name))
        if stored != name:
            raise OSError(f"the storage kept {name} as {stored}")
