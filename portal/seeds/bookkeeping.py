"""What every step of the import shares to tell its own writes from staff's.

Posts, partners and programmes keep a hash per field of what the import wrote
(``import_fields``, ``plan``): a re-import updates what staff left alone and keeps
what they changed, field by field. Policy cases compare the row as a whole
(``compare``).

A fingerprint of the values the import wrote (a re-import compares a row with
it: unchanged, changed by the seeds, or edited by staff since), and one revision
per row written (restoring one row's version in the admin restores that row
alone). Posts, partners and programmes (importer.py) and policy cases (cases.py)
use both.
"""

import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
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
    """One row's revision: restoring it in the admin touches that row alone.

    Without a savepoint of its own (two statements per row): the import runs in
    one transaction, which an error takes back whole anyway."""
    with reversion.create_revision(atomic=False):
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


def digest(value) -> str:
    """A short hash of one field's value, as ``import_fields`` keeps it. Text,
    most fields, is hashed as it is (ten times faster than through JSON)."""
    if isinstance(value, str):
        return hashlib.sha256(b"s" + value.encode()).hexdigest()[:24]
    return fingerprint({"": value})[:24]


@dataclass
class Plan:
    """What a re-import writes to one row: ``changes`` (field → value), the
    fields it ``kept`` because staff changed them, and the hashes to store."""

    changes: dict = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)
    written: dict = field(default_factory=dict)


def plan(row, values: dict, current: dict, *, overwrite: bool, legacy_unedited) -> Plan:
    """Field by field: a field the import wrote and staff left alone takes the
    capture's value; one staff changed is kept (``overwrite`` replaces it); one
    the import never wrote is filled only where it is empty.

    ``legacy_unedited``: for a row imported before fields were hashed, whether
    the row as a whole is as the import wrote it (None for other rows).
    """
    before = row.import_fields or {}
    result = Plan(written=dict(before))
    for name, value in values.items():
        new, now = digest(value), digest(current.get(name))
        if now == new:
            result.written[name] = new
            continue
        if name in before:
            edited = before[name] != now
        elif legacy_unedited is not None:
            edited = not legacy_unedited
        else:
            edited = bool(current.get(name))
        if edited and not overwrite:
            result.kept.append(name)
            continue
        result.changes[name] = value
        result.written[name] = new
    return result
