"""A capture met with the row an earlier import stored.

An earlier run may have stored a post from a list page (its title cut, its body
a teaser) under the key of that cut title. A later run, with the detail page,
must complete that row rather than add a second one; a still later run with only
the list page again must not cut it back. The same rules as for two captures in
one run (merging.py), applied to what is stored.
"""

import html
from datetime import datetime
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.html import strip_tags

from portal.languages import language_codes, localized
from portal.models import FAQEntry, Post
from portal.models.base import ImportedModel
from portal.seeds.bookkeeping import digest
from portal.seeds.merging import (
    MIN_PREFIX,
    matching_title,
    one_of,
    related_bodies,
    same_title,
)
from portal.seeds.normal_text import (
    extends,
    folded,
    is_teaser,
    without_trailing_dots,
)
from portal.seeds.records import mostly_hangul


def same_day_posts(records: list, midnight, *, taken: set[int]) -> dict[str, Post]:
    """Rows for posts their key did not find: a row of the same day whose title is
    the record's, however spelt, or the start (a cut title) of it, or which the
    record's cut title starts. ``taken``: rows already claimed by a record.

    The day's rows are read with their titles only (a fresh import of 10,000
    posts asks for every one of them); the few that match are read whole."""
    if not records:
        return {}
    days: dict[datetime, list[Post]] = {}
    candidates = Post.objects.filter(
        published_at__in={midnight(record.published_on) for record in records}
    ).only("pk", "published_at", "needs_review", "import_fields", *TITLES)
    for row in candidates:
        days.setdefault(row.published_at, []).append(row)
    found = {}
    for record in records:
        matches = [
            row
            for row in days.get(midnight(record.published_on), ())
            if row.pk not in taken and _same_item(row, record)
        ]
        if len(matches) > 1:
            # A cut title that begins two posts' titles: read them whole and
            # ask which body the record's text begins (rare).
            matches = list(Post.objects.in_bulk([row.pk for row in matches]).values())
        row = one_of(matches, partial(_related, record=record))
        if row is not None:
            found[record.key] = row.pk
            taken.add(row.pk)
    whole = Post.objects.in_bulk(found.values())
    return {key: whole[pk] for key, pk in found.items()}


def _related(row: Post, *, record) -> bool:
    language = language_of(record.raw_body or record.title)
    text = stored_text(row, localized("summary", language), localized("body", language))
    return related_bodies(text, record.raw_body)


def _same_item(row: Post, record) -> bool:
    """The row's title now, or the one the import last wrote there (staff may
    have retitled it), is the record's or the start of it, or it is the start
    of the row's."""
    written = row.import_fields or {}
    titles = [(_stored_title(row, record), row.needs_review)]
    if written.get(WRITTEN_TITLE):
        titles.append((written[WRITTEN_TITLE], bool(written.get(WRITTEN_CUT))))
    return any(
        same_title(record.title, title, other_cut=cut)
        or same_title(title, matching_title(record), other_cut=record.needs_review)
        for title, cut in titles
        if title
    )


def written_meta(record, copies) -> dict:
    """What the import keeps of a record beside its fields' hashes: the capture
    its text came from (the latest of its copies) and, for a post, the title as
    the import wrote it, so a row staff retitled is still found."""
    meta = {WRITTEN_CAPTURE: max(Path(origin.path).name for origin in copies)}
    if hasattr(record, "needs_review"):
        meta[WRITTEN_TITLE] = matching_title(record)
        meta[WRITTEN_CUT] = record.needs_review
    return meta


TITLES = [localized("title", code) for code in language_codes()]
WRITTEN_CAPTURE = ImportedModel.WRITTEN_CAPTURE
WRITTEN_TITLE = ImportedModel.WRITTEN_TITLE
WRITTEN_CUT = ImportedModel.WRITTEN_CUT
TITLE_META = (WRITTEN_TITLE, WRITTEN_CUT)


def language_of(text: str) -> str:
    """The language of a captured text (settings.SEED_LANGUAGES)."""
    hangul, latin = settings.SEED_LANGUAGES
    return hangul if mostly_hangul(text) else latin


def _stored_title(row: Post, record) -> str:
    return getattr(row, localized("title", language_of(record.title))) or ""


def stored_text(row: models.Model, summary: str, body: str) -> str:
    """A row's summary and body as text, for telling a teaser from the whole."""
    parts = (getattr(row, summary, "") or "", getattr(row, body, "") or "")
    return html.unescape(strip_tags(" ".join(parts)))


def fuller_in_row(row: Post, record, values: dict) -> tuple[dict, list[str]]:
    """The values a capture may write to a row it matched, and what it completes.

    A cut title does not replace the whole one stored, nor a teaser the whole
    body; a whole title completes a cut one, a whole body a teaser.
    """
    values, completes = dict(values), []
    title = localized("title", language_of(record.title))
    stored = getattr(row, title, "") or ""
    if record.needs_review and stored and extends(stored, record.title):
        if folded(stored) != folded(record.title):
            values.pop(title, None)
            values.pop("needs_review", None)
    elif row.needs_review and not record.needs_review and stored:
        if extends(record.title, stored, minimum=MIN_PREFIX):
            completes.append("title")
    if record.raw_body:
        language = language_of(record.body)
        summary, body = localized("summary", language), localized("body", language)
        # Only a body that differs from the stored one needs its text read
        # (an unchanged re-import of 10,000 posts would strip every body's HTML).
        differs = values.get(body) is not None and values[body] != getattr(row, body)
        text = stored_text(row, summary, body) if differs else ""
        if text:
            if is_teaser(text, record.raw_body, minimum=MIN_PREFIX):
                if len(text) > len(record.raw_body):
                    values.pop(summary, None)
                    values.pop(body, None)
            elif is_teaser(record.raw_body, text, minimum=MIN_PREFIX):
                completes.append("body")
    return values, completes


def question_of(entry: dict) -> str:
    """What identifies an FAQ entry across captures: its question, folded."""
    return next(
        (folded(value) for key, value in entry.items() if key.startswith("question")),
        "",
    )


def faq_plan(
    program, entries: list[dict], before: dict, *, overwrite: bool, legacy_unedited
):
    """Entry by entry: a new question lands, an answer the import wrote and staff
    left alone follows the capture, one staff edited is kept, and one staff
    deleted stays deleted. Entries staff added are left as they are.

    Returns (rows to update with their values, entries to add, kept questions,
    hashes to store).
    """
    stored = list(program.faq_entries.all()) if program.pk else []
    updates, additions, kept = [], [], []
    written = dict(before)
    for entry in entries:
        question = question_of(entry)
        row = next(
            (
                row
                for row in stored
                if question_of({key: getattr(row, key) for key in entry}) == question
            ),
            None,
        )
        wanted = digest(entry)
        if row is None:
            if question in before and not overwrite:
                kept.append(question)  # deleted by staff
            else:
                additions.append(entry)
                written[question] = wanted
            continue
        now = digest({key: getattr(row, key) for key in entry})
        if now == wanted:
            written[question] = wanted
            continue
        if question in before:
            edited = before[question] != now
        else:
            edited = not legacy_unedited
        if edited and not overwrite:
            kept.append(question)
            continue
        updates.append((row, entry))
        written[question] = wanted
    return updates, additions, kept, written


def write_faq(program, updates, additions) -> None:
    for row, entry in updates:
        for name, value in entry.items():
            setattr(row, name, value)
        row.save()
    last = max((row.order for row in program.faq_entries.all()), default=0)
    FAQEntry.objects.bulk_create(
        FAQEntry(program=program, order=last + index, **entry)
        for index, entry in enumerate(additions, start=1)
    )


def deleted_same_day(records: list, tombstones) -> dict[str, str]:
    """Posts staff deleted under another title of theirs: a cut title's whole one,
    or the other way round. Returns the tombstone's key by record key."""
    days = {record.published_on for record in records}
    if not days:
        return {}
    stones: dict = {}
    for stone in tombstones.filter(day__in=days):
        stones.setdefault(stone.day, []).append(stone)
    found = {}
    for record in records:
        for stone in stones.get(record.published_on, ()):
            titles = {stone.title, stone.import_title} - {""}
            if any(_same_title_either_way(record, title) for title in titles):
                found[record.key] = stone.import_key
                break
    return found


def _same_title_either_way(record, title: str) -> bool:
    cut = without_trailing_dots(title) != title
    return same_title(record.title, title, other_cut=cut) or same_title(
        title, matching_title(record), other_cut=record.needs_review
    )
