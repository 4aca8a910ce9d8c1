from django.core.management.base import BaseCommand

from articles.demo.loader import load_demo
from articles.models import Story


class Command(BaseCommand):
    help = (
        "Build the demo newsroom: sections, themes, sources and the stories of the reference "
        "wire page (3-9 December 2021) with generated lead pictures. Safe to run again: "
        "existing demo stories are updated, never duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds stories (what `make run` uses).",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Story.objects.exists():
            self.stdout.write("Stories already exist; demo content left as it is.")
            return
        counts = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo newsroom ready: {counts.created} stories created, {counts.updated} updated."
            )
        )
