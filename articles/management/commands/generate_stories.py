"""Bulk-create realistic stories for benchmarks: varied lengths, sections, themes,
sources, 3–8 tags each, related stories, publication times spread over years."""

import random
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles import search
from articles.demo.content import SECTIONS, SOURCES, THEMES
from articles.models import Section, Source, Story, Theme

# A block of words reads better than a list of 80 strings.
WORDS = (  # noqa: SIM905
    "government minister talks agreement sanctions energy gas pipeline election parliament "
    "president summit security defense drills navy army economy market prices inflation bank "
    "exports imports trade vaccine health hospital storm weather flood fire rescue court ruling "
    "investigation police city region border talks ceasefire treaty delegation visit statement "
    "report data growth record budget tax companies shares oil grain harvest space launch "
    "satellite research university school culture museum festival football hockey olympics"
).split()
PLACES = ["MOSCOW", "BEIJING", "WASHINGTON", "BERLIN", "PARIS", "ANKARA", "ATHENS", "TOKYO", ""]
MARKS = ["", "", "", "", "", "", "breaking", "updated", "exclusive", "video", "photo"]
TAG_POOL = 5000
STORIES_PER_DAY = 300  # a wire agency's output: a million stories is about nine years


def sentence(rng, low, high):
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize()


class Command(BaseCommand):
    help = (
        "Bulk-create N benchmark stories (published, newest today, about 300 a day going "
        "back in time) with sections, themes, sources, tags, related stories and search "
        "entries. For benchmarks only: it writes straight to the tables, not through the desk."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many stories to create.")
        parser.add_argument(
            "--batch", type=int, default=5000, help="Rows per INSERT (default 5000)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed, for repeatable data.")

    def handle(self, *args, count, batch, seed, **options):
        if count < 1:
            raise CommandError("count must be at least 1.")
        rng = random.Random(seed)  # noqa: S311 — test data, not secrets
        sections, themes, sources, tags = self._vocabulary()
        story_type = ContentType.objects.get_for_model(Story)
        now = timezone.now()
        step = timedelta(days=1) / STORIES_PER_DAY
        start = time.monotonic()
        first_id = None
        done = 0
        while done < count:
            size = min(batch, count - done)
            with transaction.atomic():
                stories = [
                    self._story(rng, done + n, now - step * (done + n), sections, themes)
                    for n in range(size)
                ]
                # PostgreSQL and SQLite (3.35+) both return the new ids.
                ids = [story.pk for story in Story.objects.bulk_create(stories, batch_size=size)]
                first_id = first_id or ids[0]
                Story.sources.through.objects.bulk_create(
                    [Story.sources.through(story_id=i, source_id=rng.choice(sources)) for i in ids],
                    batch_size=size,
                )
                TaggedItem.objects.bulk_create(
                    [
                        TaggedItem(tag_id=tag, content_type=story_type, object_id=i)
                        for i in ids
                        for tag in rng.sample(tags, rng.randint(3, 8))
                    ],
                    batch_size=size * 8,
                )
                related = Story.related.through
                related.objects.bulk_create(
                    [
                        related(from_story_id=i, to_story_id=other)
                        for i in ids
                        for other in {rng.randint(first_id, i) for _ in range(2)}
                        if other != i
                    ],
                    batch_size=size * 2,
                    ignore_conflicts=True,
                )
                self._index(ids, story_type.pk)
            done += size
            rate = done / max(time.monotonic() - start, 1e-6)
            self.stdout.write(f"\r{done}/{count} stories ({rate:,.0f}/s)", ending="")
        self.stdout.write(
            self.style.SUCCESS(f"\nCreated {count} stories in {time.monotonic() - start:.0f} s.")
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def _vocabulary(self):
        sections = [
            Section.objects.get_or_create(slug=slug, defaults={"name": name, "position": n})[0].pk
            for n, (slug, (name, _description, _colour)) in enumerate(SECTIONS.items())
        ]
        themes = [
            Theme.objects.get_or_create(slug=slug, defaults={"name": name})[0].pk
            for slug, (name, _d) in THEMES.items()
        ]
        sources = [
            Source.objects.get_or_create(slug=slug, defaults={"name": name, "kind": kind})[0].pk
            for slug, (name, kind, _url) in SOURCES.items()
        ]
        existing = set(Tag.objects.filter(slug__startswith="bench-").values_list("slug", flat=True))
        Tag.objects.bulk_create(
            [
                Tag(name=f"bench {n}", slug=f"bench-{n}")
                for n in range(TAG_POOL)
                if f"bench-{n}" not in existing
            ]
        )
        tags = list(Tag.objects.filter(slug__startswith="bench-").values_list("pk", flat=True))
        return sections, themes, sources, tags

    def _story(self, rng, n, published_at, sections, themes):
        headline = sentence(rng, 6, 14)
        paragraphs = [sentence(rng, 20, 60) + "." for _ in range(rng.randint(3, 14))]
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        return Story(
            headline=headline,
            slug=f"bench-{published_at:%Y%m%d%H%M%S%f}-{n}",
            standfirst=sentence(rng, 12, 30) + ".",
            dateline_place=rng.choice(PLACES),
            body=body,
            status=Story.Status.PUBLISHED if rng.random() > 0.02 else Story.Status.DRAFT,
            published_at=published_at,
            first_published_at=published_at,
            mark=rng.choice(MARKS),
            section_id=rng.choice(sections),
            theme_id=rng.choice(themes) if rng.random() < 0.2 else None,
            home_priority=0,
        )

    def _index(self, ids, story_type_id):
        """Search entries for the new rows, in bulk, as search.index_story would write them."""
        if connection.vendor == "postgresql":
            config = settings.NEWSROOM_SEARCH_CONFIG
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE articles_story s SET search_vector = "
                    "setweight(to_tsvector(%s::regconfig, s.headline), 'A') || "
                    "setweight(to_tsvector(%s::regconfig, s.standfirst), 'B') || "
                    "setweight(to_tsvector(%s::regconfig, coalesce(t.names, '')), 'B') || "
                    "setweight(to_tsvector(%s::regconfig, "
                    "regexp_replace(s.body, '<[^>]+>', ' ', 'g')), 'C') "
                    "FROM (SELECT s2.id, string_agg(tag.name, ' ') AS names "
                    "FROM articles_story s2 LEFT JOIN taggit_taggeditem ti "
                    "ON ti.object_id = s2.id AND ti.content_type_id = %s "
                    "LEFT JOIN taggit_tag tag ON tag.id = ti.tag_id "
                    "WHERE s2.id = ANY(%s) GROUP BY s2.id) t WHERE s.id = t.id",
                    [config, config, config, config, story_type_id, list(ids)],
                )
        elif connection.vendor == "sqlite":
            for story in Story.objects.filter(pk__in=ids).prefetch_related("tags"):
                search.index_story(story)
