"""What an import did, for the operator: counts per kind of row and, per file,
what became of every entry (created, completed, updated, unchanged, kept,
merged or skipped, and why)."""

from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import ngettext

from portal.seeds.records import Origin


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0
    # A cut title or a teaser made whole by a fuller capture.
    completed: int = 0
    # Copies of an item read from other entries and folded into it.
    merged: int = 0
    # Staff decisions the import left alone (SeedTombstone, a draft's status).
    deleted: int = 0
    unpublished: int = 0


@dataclass(frozen=True)
class ItemOutcome:
    """What became of one entry of one file: created, completed, updated,
    unchanged, kept, merged or skipped, with a word on why."""

    origin: Origin
    label: str
    outcome: str
    detail: str = ""
    # A copy merged into an item that is unchanged: counted, listed with -v 2.
    quiet: bool = False

    def line(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        return f"  line {self.origin.line}: {self.outcome} {self.label}{detail}"


@dataclass
class ImportReport:
    tallies: dict[str, Tally] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unpublished: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    duplicates: int = 0
    dry_run: bool = False
    # Posts the keyword map gave no policy field (portal/seeds/policy_fields.py).
    unmatched: list[str] = field(default_factory=list)
    # Per entry of each file, in the order read.
    items: list[ItemOutcome] = field(default_factory=list)
    # Every copy read of each record (ParseResult.copies).
    copies: dict[str, list[Origin]] = field(default_factory=dict)
    # Old addresses recorded as redirects.
    addresses: int = 0

    def tally(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())

    def copies_of(self, record) -> list[Origin]:
        return self.copies.get(record.key) or [record.origin]

    def outcome(self, label: str, record, what: str, detail: str = "") -> None:
        """Record what became of ``record``: the last copy read gets ``what``,
        every earlier copy is "merged" with it."""
        *earlier, last = self.copies_of(record)
        name = f"{label[:-1]} {_short(_record_name(record))}"
        for origin in earlier:
            self.tally(label).merged += 1
            self.items.append(
                ItemOutcome(origin, name, "merged", f"with {last}", what == "unchanged")
            )
        self.items.append(ItemOutcome(last, name, what, detail))

    def by_file(self, *, every: bool = False) -> list[str]:
        """Per file, a count of each outcome and then the items themselves
        (``every``: the unchanged ones too)."""
        lines = []
        files: dict[str, list[ItemOutcome]] = {}
        for item in self.items:
            files.setdefault(item.origin.path, []).append(item)
        # In the order the files were read (parser.capture_order).
        for path, items in sorted(files.items(), key=lambda pair: _order(pair[0])):
            counts: dict[str, int] = {}
            for item in items:
                counts[item.outcome] = counts.get(item.outcome, 0) + 1
            tally = ", ".join(
                f"{counts[what]} {what}" for what in OUTCOMES if what in counts
            )
            lines.append(f"{path}: {tally}")
            lines.extend(
                item.line()
                for item in sorted(items, key=lambda item: item.origin.line)
                if every or not (item.quiet or item.outcome == "unchanged")
            )
        return lines

    def summary(self, *, every: bool = False) -> str:
        lines = [
            f"{name}: {t.created} created, {t.updated} updated, "
            f"{t.unchanged} unchanged, {t.kept} kept (edited in the admin)"
            + "".join(
                f", {count} {what}"
                for what, count in (
                    ("completed", t.completed),
                    ("merged", t.merged),
                    ("skipped", t.deleted),
                )
                if count
            )
            for name, t in self.tallies.items()
        ]
        lines.append(
            f"{self.duplicates} repeated entries stored once; "
            f"{len(self.warnings)} warnings"
        )
        if self.addresses:
            lines.append(f"{self.addresses} old addresses recorded as redirects")
        lines.extend(self.by_file(every=every))
        if self.kept:
            lines.append("Kept because staff edited them (--overwrite replaces them):")
            lines.extend(f"  {label}" for label in self.kept)
        if self.deleted:
            count = len(self.deleted)
            lines.append(
                ngettext(
                    "%(count)d item deleted by staff, kept deleted "
                    "(--restore-deleted brings it back):",
                    "%(count)d items deleted by staff, kept deleted "
                    "(--restore-deleted brings them back):",
                    count,
                )
                % {"count": count}
            )
            lines.extend(f"  {label}" for label in self.deleted)
        if self.unpublished:
            count = len(self.unpublished)
            lines.append(
                ngettext(
                    "%(count)d item unpublished by staff, kept unpublished:",
                    "%(count)d items unpublished by staff, kept unpublished:",
                    count,
                )
                % {"count": count}
            )
            lines.extend(f"  {label}" for label in self.unpublished)
        if self.unmatched:
            lines.append(
                "No policy field matched these posts (add keywords to "
                "portal/seeds/curated.toml):"
            )
            lines.extend(f"  {label}" for label in self.unmatched)
        if self.dry_run:
            lines.append("Dry run: nothing was written.")
        return "\n".join(lines)


OUTCOMES = ("created", "completed", "updated", "unchanged", "kept", "merged", "skipped")


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _order(path: str) -> tuple[str, str]:
    return Path(path).name, path


def _record_name(record) -> str:
    return getattr(record, "title", None) or record.name


def record_label(record) -> str:
    return f"{_record_name(record)} ({record.origin})"
