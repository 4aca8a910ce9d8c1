"""Record the stories whose scheduled time (or embargo) has come."""

from django.core.management.base import BaseCommand

from articles import services
from articles.models import Story


class Command(BaseCommand):
    help = (
        "Record every story that has gone live since it was scheduled or embargoed: the "
        "time it went live, a line in its history, and a new version for the caches that "
        "show it. Readers see a scheduled story at its time whether or not this runs (the "
        "publication rule decides by time; caches follow within NEWSROOM_FRESHNESS_SECONDS); "
        "this makes it a matter of record and refreshes caches at once. Idempotent and safe "
        "to run at the same time on several servers: run it every minute from cron or a "
        "scheduler loop."
    )

    def handle(self, *args, **options):
        due = list(
            Story.objects.gone_live_unrecorded()
            .order_by("published_at", "id")
            .values_list("id", flat=True)
        )
        recorded = 0
        for story_id in due:
            story = services.story_record_going_live(story_id=story_id)
            if story is not None:
                recorded += 1
                self.stdout.write(f"Went live: {story.headline} (#{story.pk})")
        self.stdout.write(
            self.style.SUCCESS(f"{recorded} stor{'y' if recorded == 1 else 'ies'} recorded.")
        )
