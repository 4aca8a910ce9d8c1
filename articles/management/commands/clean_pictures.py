from django.core.management.base import BaseCommand

from articles import services
from articles.management.progress import each_picture
from articles.models import Image


class Command(BaseCommand):
    help = (
        "Bring pictures stored before random names and clean originals up to the rule: "
        "each original is written again without its metadata (EXIF GPS, IPTC, XMP) under "
        "an unguessable name, gets new renditions, and its old files are removed. Pages "
        "link the new files at once. Pictures already stored that way are left alone, so "
        "running it again does nothing. Run once after upgrading."
    )

    def handle(self, *args, **options):
        done, skipped, failed = each_picture(
            self,
            Image.objects.order_by("pk"),
            lambda image: services.image_clean_stored(image=image),
        )
        self.stdout.write(f"{done} pictures cleaned, {skipped} already clean, {failed} failed.")
        if failed:
            raise SystemExit(1)
