"""Where uploads are stored, and why a file written by a failed save goes again.

A file field writes its file when its row is saved, inside the admin's transaction;
an image's renditions and a publication's cover are written in it too. When
something later in that transaction fails, the database rolls back but the files
stay, public under their names. Django has no rollback hook, so the storages here
lean on the one it has for commits:

- while a request runs, every file written inside a transaction is noted, and
  ``transaction.on_commit()`` is asked to forget it once that transaction commits;
- Django drops the on_commit callbacks of a transaction (or savepoint) that rolls
  back, so what is still noted when the request ends was written by work that
  never committed, and is deleted (UncommittedFilesMiddleware).

Writing files only in on_commit instead would not do: a row must name its file
when it is saved, and the editor must learn in the same answer whether a cover
could be made. A file written outside any transaction (a command, autocommit) is
permanent at once and is not noted; when a request ends inside a transaction
that is still open (only tests do that), its files are left alone.
"""

import functools
import logging
import threading
from contextlib import contextmanager

from django.core.files import storage
from django.db import transaction

logger = logging.getLogger(__name__)
_state = threading.local()


class ForgetsUncommittedWrites:
    def save(self, name, content, max_length=None):
        name = super().save(name, content, max_length=max_length)
        pending = getattr(_state, "pending", None)
        if pending is not None and transaction.get_connection().in_atomic_block:
            entry = (self, name)
            pending.add(entry)
            transaction.on_commit(functools.partial(pending.discard, entry))
        return name


class FileSystemStorage(ForgetsUncommittedWrites, storage.FileSystemStorage):
    pass


@functools.cache
def _s3_storage():
    # Built on first use: importing django-storages loads boto3, which only an
    # S3 deployment needs (and has, through the `s3` extra).
    from storages.backends.s3 import S3Storage

    return type("S3Storage", (ForgetsUncommittedWrites, S3Storage), {})


def __getattr__(name: str):
    if name == "S3Storage":
        return _s3_storage()
    raise AttributeError(name)


@contextmanager
def uncommitted_writes_undone():
    """Delete, on the way out, the files written by transactions that rolled back."""
    _state.pending = pending = set()
    try:
        yield
    finally:
        _state.pending = None
        if not transaction.get_connection().in_atomic_block:
            for owner, name in pending:
                try:
                    owner.delete(name)
                except Exception:
                    logger.exception("Could not delete uncommitted file %s", name)
