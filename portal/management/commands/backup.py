"""python manage.py backup [PATH]: the whole site in one .tar.gz
(portal.database.backup)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.database import backup


class Command(BaseCommand):
    help = "Write all records, edit history, staff accounts and uploads to one archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="archive to write (default: var/backups/portal-DATE-TIME.tar.gz)",
        )

    def handle(self, *args, path, verbosity, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        destination = Path(
            path or Path(settings.VAR_DIR) / "backups" / f"portal-{stamp}.tar.gz"
        )
        try:
            with backup.cleaned_up_on_signals():
                manifest = backup.create(destination)
        except backup.Interrupted as stop:
            raise CommandError(f"No backup was written: stopped by {stop}.") from None
        except OSError as error:
            raise CommandError(f"No backup was written: {error}") from error
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Backed up {manifest['posts']} posts and {manifest['files']} "
                    f"uploaded files to {destination}"
                )
            )
