from django.core.management.base import BaseCommand

from articles.management.progress import each_picture
from articles.models import Image


class Command(BaseCommand):
    help = (
        "Make the resized renditions (WebP and JPEG/PNG) of pictures that have none, such "
        "as pictures uploaded before renditions existed. With --all, remake every picture's "
        "renditions (after changing the rendition widths)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Remake renditions of every picture."
        )

    def handle(self, *args, all=False, **options):
        pictures = Image.objects.all() if all else Image.objects.filter(renditions=[])

        def remake(image):
            image.renditions = []
            image.save()

        done, _skipped, failed = each_picture(self, pictures, remake)
        self.stdout.write(f"Renditions made for {done} pictures; {failed} failed.")
        if failed:
            raise SystemExit(1)
