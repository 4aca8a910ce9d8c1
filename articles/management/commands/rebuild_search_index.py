from django.core.management.base import BaseCommand

from articles import search
from articles.management.progress import progress_bar
from articles.models import Story


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index of every story (PostgreSQL's search vectors "
        "or SQLite's FTS5 table). Needed after a bulk import that bypassed the desk, or "
        "after changing NEWSROOM_SEARCH_CONFIG. Safe to run while the site serves."
    )

    def handle(self, *args, **options):
        with progress_bar(Story.objects.count(), "story") as bar:
            count = search.rebuild(lambda done: bar.update(done - bar.n))
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} stories."))
