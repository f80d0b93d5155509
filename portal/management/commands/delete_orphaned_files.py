"""python manage.py delete_orphaned_files: uploads no row names any more
(portal.database.orphans), deleted from the media folder or the bucket.

Run daily by config/deploy/portal-orphaned-files.timer; ``--dry-run`` lists them.
"""

from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from portal.database.orphans import GRACE, orphaned_files


class Command(BaseCommand):
    help = (
        "Delete uploaded files that no record names (left by a server that died "
        "during an upload), older than the grace period."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=int(GRACE.total_seconds() // 60),
            metavar="MINUTES",
            help="only files last written longer ago than this (default: %(default)s)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="list the files, delete nothing"
        )

    def handle(self, *args, older_than, dry_run, verbosity, **options):
        count = 0
        # Each deleted as soon as it is found: the check that no row names it
        # is only good for that moment (portal.database.orphans.is_named_now).
        for name in orphaned_files(timedelta(minutes=max(older_than, 0))):
            if not dry_run:
                default_storage.delete(name)
            count += 1
            if verbosity > 1 or dry_run:
                self.stdout.write(name)
        if verbosity:
            verb = "would be deleted" if dry_run else "deleted"
            self.stdout.write(f"{count} orphaned files {verb}.")
