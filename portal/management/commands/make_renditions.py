"""Make the library's image renditions again, or only those missing.

Renditions are made when staff save an image. Operators run this after restoring
uploads without their ``CACHE/`` folder, after moving uploads to S3, or after a
release changes the rendition widths; existing files are kept, not rewritten.
"""

from django.core.management.base import BaseCommand

from portal.images.renditions import store_renditions
from portal.models import Image


class Command(BaseCommand):
    help = "Make the renditions of every library image (existing files are kept)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing",
            action="store_true",
            help="only images that have no renditions recorded",
        )

    def handle(self, *args, missing, verbosity, **options):
        images = Image.objects.order_by("pk")
        if missing:
            images = images.filter(renditions={})
        count = 0
        for image in images.iterator():
            store_renditions(image)
            count += 1
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(f"Renditions made for {count} images.")
            )
