from django.core.management.base import BaseCommand

from articles import search
from articles.models import Story


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index of every story (PostgreSQL's search vectors "
        "or SQLite's FTS5 table). Needed after a bulk import that bypassed the desk, or "
        "after changing NEWSROOM_SEARCH_CONFIG. Safe to run while the site serves."
    )

    def handle(self, *args, **options):
        total = Story.objects.count()
        tty = self.stdout.isatty()

        def progress(done):
            if tty and (done % 500 == 0 or done == total):
                self.stdout.write(f"\r{done}/{total} stories indexed", ending="")

        count = search.rebuild(progress)
        self.stdout.write(self.style.SUCCESS(f"\nSearch index rebuilt: {count} stories."))
