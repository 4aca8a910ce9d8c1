from django.core.management.base import BaseCommand

from articles.management.progress import above_the_bar, progress_bar
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
        done = failed = 0
        bar = progress_bar(pictures.count(), "picture")
        for image in pictures.iterator():
            image.renditions = []
            try:
                image.save()
                done += 1
            except OSError as error:
                failed += 1
                with above_the_bar():
                    self.stderr.write(f"Image {image.pk} ({image.file.name}): {error}")
            bar.update()
        bar.close()
        self.stdout.write(f"Renditions made for {done} pictures; {failed} failed.")
        if failed:
            raise SystemExit(1)
