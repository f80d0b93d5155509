"""python manage.py restore ARCHIVE [--replace]: load a backup
(portal.database.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.database import backup
from portal.database.statistics import refresh_statistics


class Command(BaseCommand):
    help = "Restore an archive written by `manage.py backup` into this site."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete the content, history and accounts here before restoring",
        )

    def handle(self, *args, archive, replace, verbosity, **options):
        try:
            with backup.cleaned_up_on_signals():
                manifest = backup.restore(Path(archive), replace=replace)
        except backup.FilesNotCopied as error:
            raise CommandError(str(error)) from error
        except backup.BackupError as error:
            raise CommandError(f"Nothing was restored. {error}") from error
        except backup.Interrupted as stop:
            # The records go in as one transaction, the files after them.
            raise CommandError(
                f"Restore stopped by {stop}: run it again with --replace."
            ) from None
        refresh_statistics()
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Restored {manifest['posts']} posts and {manifest['files']} "
                    f"uploaded files from the backup of {manifest['created']}."
                )
            )
