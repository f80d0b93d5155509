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
from datetime import timedelta

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

from portal.database.backup import stored_files
from portal.images.renditions import renditions_folder

GRACE = timedelta(hours=1)


def named_files() -> set[str]:
    """Every stored name a row's file field holds, in any model."""
    names = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                values = model._base_manager.exclude(**{field.name: ""})
                names.update(values.values_list(field.name, flat=True))
    return names


def orphaned_files(grace: timedelta = GRACE) -> list[str]:
    """The stored files no row names, last written more than ``grace`` ago."""
    named = named_files()
    kept_folders = {renditions_folder(name) for name in named}
    cutoff = timezone.now() - grace
    return [
        name
        for name in stored_files()
        if name not in named
        and posixpath.dirname(name) not in kept_folders
        # Asked only of candidates: on S3 each answer is a request.
        and default_storage.get_modified_time(name) < cutoff
    ]
