"""Uploaded files that no row names any more, found and deleted.

A file is written before the row that names it commits. When the save fails,
the request deletes what it wrote (portal/storage.py); when the process dies
first (a host killed mid-upload, a worker past its timeout), nothing does, and
the file stays in the folder or bucket under a random name no page links to.
This sweep finds such files: the portal's own folders, less every file a row
names and every rendition of those, and only files older than a grace period,
so an upload still in flight on another host is never taken for one.
"""

import posixpath
from collections.abc import Iterator
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

from portal.database.backup import stored_files
from portal.images.renditions import renditions_folder

GRACE = timedelta(hours=1)


def _file_fields() -> list[tuple[type[models.Model], str]]:
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]


def named_files() -> set[str]:
    """Every stored name a row's file field holds, in any model."""
    names = set()
    for model, field in _file_fields():
        values = model._base_manager.exclude(**{field: ""})
        names.update(values.values_list(field, flat=True))
    return names


def is_named_now(name: str) -> bool:
    """Whether a row names ``name``, or the original ``name`` is a rendition of.

    Asked again of each file just before it goes: the list of named files is
    read once, before a scan that may take minutes on a bucket, and a row may
    come to name a file meanwhile (a restore commits its records before it
    rewrites their files). A rendition's folder names its original without the
    extension: any original of that stem keeps it."""
    folder = posixpath.dirname(name)
    prefix = settings.IMAGEKIT_CACHEFILE_DIR + "/"
    stem = folder.removeprefix(prefix) + "." if folder.startswith(prefix) else None
    for model, field in _file_fields():
        rows = model._base_manager.filter(**{field: name})
        if stem:
            rows |= model._base_manager.filter(**{f"{field}__startswith": stem})
        if rows.exists():
            return True
    return False


def _written_at(name: str):
    """When ``name`` was last written; None once it is gone (deleted by someone
    else since the scan listed it)."""
    try:
        return default_storage.get_modified_time(name)
    except FileNotFoundError:
        return None
    except Exception as error:
        # botocore's ClientError for a missing key, without importing botocore.
        code = getattr(error, "response", {}).get("Error", {}).get("Code")
        if code in {"404", "NoSuchKey", "NotFound"}:
            return None
        raise


def orphaned_files(grace: timedelta = GRACE) -> Iterator[str]:
    """The stored files no row names, last written more than ``grace`` ago.

    Each is checked against the database as it is yielded: delete it at once."""
    named = named_files()
    kept_folders = {renditions_folder(name) for name in named}
    cutoff = timezone.now() - grace
    for name in stored_files():
        if (
            name not in named
            and posixpath.dirname(name) not in kept_folders
            # Asked only of candidates: on S3 each answer is a request.
            and (written := _written_at(name)) is not None
            and written < cutoff
            and not is_named_now(name)
        ):
            yield name
