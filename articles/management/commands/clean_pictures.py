from django.core.management.base import BaseCommand

from articles import services
from articles.management.progress import above_the_bar, progress_bar
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
        done = skipped = failed = 0
        pictures = Image.objects.order_by("pk")
        bar = progress_bar(pictures.count(), "picture")
        for image in pictures.iterator():
            try:
                if services.image_clean_stored(image=image):
                    done += 1
                else:
                    skipped += 1
            except OSError as error:
                failed += 1
                with above_the_bar():
                    self.stderr.write(f"Image {image.pk} ({image.file.name}): {error}")
            bar.update()
        bar.close()
        self.stdout.write(f"{done} pictures cleaned, {skipped} already clean, {failed} failed.")
        if failed:
            raise SystemExit(1)
