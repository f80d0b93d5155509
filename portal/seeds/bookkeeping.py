"""What every step of the import shares to tell its own writes from staff's.

A fingerprint of the values the import wrote (a re-import compares a row with
it: unchanged, changed by the seeds, or edited by staff since), and one revision
per row written (restoring one row's version in the admin restores that row
alone). Posts, partners and programmes (importer.py) and policy cases (cases.py)
use both.
"""

import hashlib
import json
from contextlib import contextmanager
from datetime import datetime
from zoneinfo import ZoneInfo

import reversion


def fingerprint(values: dict) -> str:
    def normal(value):
        if isinstance(value, datetime):
            return value.astimezone(ZoneInfo("UTC")).isoformat()
        return value

    data = json.dumps({k: normal(v) for k, v in values.items()}, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()


@contextmanager
def own_revision(comment: str):
    """One row's revision: restoring it in the admin touches that row alone."""
    with reversion.create_revision():
        reversion.set_comment(comment)
        yield


def compare(row, current: dict, wanted: str, *, overwrite: bool) -> str:
    """What a re-import does with a row it wrote before, given the row's values
    now (``current``) and the fingerprint of what it would write (``wanted``):
    "unchanged", "kept" (staff edited it since) or "update".

    A row staff edited back to what the import writes is unchanged, and its
    fingerprint is brought up to date.
    """
    now = fingerprint(current)
    edited = now != row.import_fingerprint
    if now == wanted:
        if edited:
            row.import_fingerprint = wanted
            row.save(update_fields=["import_fingerprint"])
        return "unchanged"
    return "kept" if edited and not overwrite else "update"
