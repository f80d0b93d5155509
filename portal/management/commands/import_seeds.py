"""Import documents scraped from the policy-sharing portal (default: seeds/*.txt).

Operators feed it the first content and, later, more documents scraped the same way.
Every file is parsed before anything is written, and everything is written in one
transaction: an error anywhere leaves the database as it was and names the file and
line. Running it again changes nothing; rows staff edited in the admin since the last
import are kept unless --overwrite is given. What staff deleted stays deleted and
what they unpublished stays unpublished, even with --overwrite; --restore-deleted
brings the deleted back. New posts and programmes are published
at once (the documents hold what the city already published); --draft makes them
drafts for an editor to publish.

With the default documents it also applies the curated policy cases
(portal/seeds/policy_cases.toml), which describe policies those documents report;
--cases names another such file. The cases file is checked with the documents,
before anything is written.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, no_translations

from portal.database.statistics import refresh_statistics
from portal.seeds.addresses import AddressError
from portal.seeds.case_file import CASES_PATH
from portal.seeds.cases import read_cases
from portal.seeds.importer import import_records
from portal.seeds.parser import SeedFormatError, parse_paths

# Below this many records the import is over before a bar would be worth drawing.
PROGRESS_THRESHOLD = 500


def default_seed_paths() -> list[Path]:
    return sorted((Path(settings.BASE_DIR) / "seeds").glob("*.txt"))


class ProgressBar:
    def __init__(self, stream, total: int, width: int = 30):
        self.stream, self.total, self.width, self.done = stream, total, width, 0
        self.last_drawn = -1

    def __call__(self, step: int) -> None:
        self.done += step
        filled = self.width * self.done // self.total
        if filled != self.last_drawn or self.done == self.total:
            self.last_drawn = filled
            bar = "#" * filled + "-" * (self.width - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total}", ending="")
            if self.done == self.total:
                self.stream.write("")
            self.stream.flush()


class Command(BaseCommand):
    help = "Import scraped seed documents (default: seeds/*.txt)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH", help="documents")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="report what would be created, updated and kept; write nothing",
        )
        status = parser.add_mutually_exclusive_group()
        status.add_argument(
            "--publish",
            dest="publish",
            action="store_true",
            default=True,
            help="new posts and programmes are public at once (the default)",
        )
        status.add_argument(
            "--draft",
            dest="publish",
            action="store_false",
            help="new posts and programmes start as drafts, for an editor to publish",
        )
        parser.add_argument(
            "--cases",
            metavar="TOML",
            help="curated policy cases to apply after the documents (default: "
            "portal/seeds/policy_cases.toml when no documents are named)",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="replace rows that staff edited in the admin since the last import",
        )
        parser.add_argument(
            "--restore-deleted",
            action="store_true",
            help="create again the imported rows that staff deleted in the admin",
        )

    # The report is an operator's log, English throughout: with Korean active (the
    # site's default) the translated lines came out Korean among English ones.
    @no_translations
    def handle(
        self,
        *args,
        paths,
        cases,
        dry_run,
        overwrite,
        restore_deleted,
        publish,
        verbosity,
        **options,
    ):
        try:
            result = parse_paths(paths or default_seed_paths())
            case_path = cases or (None if paths else CASES_PATH)
            case_file = read_cases(case_path, result) if case_path else None
        except SeedFormatError as error:
            raise CommandError(f"Nothing was imported. {error}") from error

        progress = None
        if verbosity and result.record_count >= PROGRESS_THRESHOLD:
            progress = ProgressBar(self.stderr, result.record_count)
        try:
            report = import_records(
                result,
                cases=case_file,
                overwrite=overwrite,
                restore_deleted=restore_deleted,
                dry_run=dry_run,
                publish=publish,
                progress=progress,
            )
        except AddressError as error:
            # Names in the curated file are checked against the rows the
            # import has just written; the transaction takes them all back.
            raise CommandError(f"Nothing was imported. {error}") from error
        if not dry_run:
            refresh_statistics()
        if verbosity:
            for warning in report.warnings:
                self.stderr.write(self.style.WARNING(f"warning: {warning}"))
            # Every entry with --verbosity 2; the unchanged ones are only
            # counted otherwise (docs/seed-format.md, "The report").
            self.stdout.write(self.style.SUCCESS(report.summary(every=verbosity >= 2)))
