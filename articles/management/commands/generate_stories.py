"""Bulk-create realistic stories for benchmarks: varied lengths, sections, themes,
sources, 3–8 tags each, related stories, publication times spread over years.

On PostgreSQL the rows are made by the database itself (INSERT … SELECT over
generate_series, a chunk per statement, search vectors computed in the same statement):
a million stories take minutes. Elsewhere (SQLite, for the tests) they go through
bulk_create.
"""

import random
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles import search
from articles.demo.content import SECTIONS, SOURCES, THEMES
from articles.models import Section, Source, Story, Theme

# A block of words reads better than a list of strings. The common words fill most of
# the prose; the rarer ones appear in a few stories in a thousand, as ordinary search
# terms do.
WORDS = (  # noqa: SIM905
    "government minister talks agreement sanctions energy gas pipeline election parliament "
    "president summit security defense drills navy army economy market prices inflation bank "
    "exports imports trade vaccine health hospital storm weather flood fire rescue court ruling "
    "investigation police city region border talks ceasefire treaty delegation visit statement "
    "report data growth record budget tax companies shares oil grain harvest space launch "
    "satellite research university school culture museum festival football hockey olympics"
).split()
RARE_WORDS = (  # noqa: SIM905
    "airport ambassador archive arctic auction aviation avalanche ballot biathlon bridge "
    "cabinet canal cargo cathedral census charter chess coalition composer concert consulate "
    "copper cosmonaut coup cyclone dam decree diamond diplomat drought earthquake embassy "
    "expedition ferry fertilizer fisheries forum frigate glacier governor hackers heatwave "
    "helicopter icebreaker indictment insurgents journalist judo lithium locomotive marathon "
    "metro monument nickel nuclear observatory opera orchestra pandemic passport patent "
    "pilgrims plenary pharmacy port premier prosecutor quarantine railway referendum refinery "
    "reservoir robotics rocket rouble satellite semiconductor shipyard smuggling spacewalk "
    "stadium steel submarine subway telescope tanker tariff terminal theatre tournament "
    "tribunal tundra turbine uranium vaccination verdict volcano wildfire wrestling yacht"
).split()
PLACES = ["MOSCOW", "BEIJING", "WASHINGTON", "BERLIN", "PARIS", "ANKARA", "ATHENS", "TOKYO", ""]
MARKS = ["", "", "", "", "", "", "breaking", "updated", "exclusive", "video", "photo"]
TAG_POOL = 5000
STORIES_PER_DAY = 300  # a wire agency's output: a million stories is about nine years
# PostgreSQL path: headlines, standfirsts and body paragraphs are drawn from pools of
# this many, each parsed for search once; a story's search vector joins its pieces'.
POOL = 5000
CHUNK = 20_000  # PostgreSQL path: stories per statement (and per progress step)


def sentence(rng, low, high):
    words = [
        rng.choice(RARE_WORDS) if rng.random() < 0.03 else rng.choice(WORDS)
        for _ in range(rng.randint(low, high))
    ]
    return " ".join(words).capitalize()


class Command(BaseCommand):
    help = (
        "Bulk-create N benchmark stories (published, about 300 a day going back from now, "
        "2%% drafts) with sections, themes, sources, 3-8 tags, related stories and search "
        "entries. For benchmarks only: it writes straight to the tables, not through the "
        "desk. On PostgreSQL a million take a few minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many stories to create.")
        parser.add_argument(
            "--batch", type=int, default=5000, help="Rows per INSERT off PostgreSQL (default 5000)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed, for repeatable data.")

    def handle(self, *args, count, batch, seed, **options):
        if count < 1:
            raise CommandError("count must be at least 1.")
        rng = random.Random(seed)  # noqa: S311 — test data, not secrets
        vocabulary = self._vocabulary()
        start = time.monotonic()
        if connection.vendor == "postgresql":
            self._generate_in_postgresql(rng, count, vocabulary)
        else:
            self._generate_with_orm(rng, count, batch, vocabulary)
        self.stdout.write(
            self.style.SUCCESS(f"\nCreated {count} stories in {time.monotonic() - start:.0f} s.")
        )

    def _progress(self, done, count, start):
        rate = done / max(time.monotonic() - start, 1e-6)
        self.stdout.write(f"\r{done}/{count} stories ({rate:,.0f}/s)", ending="")
        self.stdout.flush()

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

    # --- PostgreSQL: the database makes the rows ------------------------------------

    def _generate_in_postgresql(self, rng, count, vocabulary):
        sections, themes, sources, tags = vocabulary
        story_type = ContentType.objects.get_for_model(Story).pk
        first = (Story.objects.aggregate(last=Max("id"))["last"] or 0) + 1
        now = timezone.now()
        params = {
            "first": first,
            "count": count,
            "now": now,
            "step": timedelta(days=1) / STORIES_PER_DAY,
            "config": settings.NEWSROOM_SEARCH_CONFIG,
            "story_type": story_type,
            "sections": sections,
            "themes": themes,
            "sources": sources,
            "tags": tags,
            "marks": MARKS,
            "places": PLACES,
            "pool": POOL,
        }
        pools = {
            "bench_headline": [sentence(rng, 6, 14) for _ in range(POOL)],
            "bench_standfirst": [sentence(rng, 12, 30) + "." for _ in range(POOL)],
            "bench_paragraph": [sentence(rng, 20, 60) + "." for _ in range(POOL)],
        }
        start = time.monotonic()
        # One connection: a second one writing at once measured no faster (the writes,
        # not the parsing, set the pace once each piece is parsed only once).
        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")  # compiling costs more than it saves here
            cursor.execute("SELECT setseed(%s)", [rng.random() * 2 - 1])
            cursor.execute(POOLS_SQL)
            try:
                for table, texts in pools.items():
                    cursor.execute(
                        f"INSERT INTO {table} (i, text, vector) "  # noqa: S608 — our own names
                        "SELECT i, text, to_tsvector(%s::regconfig, text) "
                        "FROM unnest(%s::text[]) WITH ORDINALITY AS pool(text, i)",
                        [params["config"], texts],
                    )
                for low in range(first, first + count, CHUNK):
                    high = min(low + CHUNK, first + count) - 1
                    with transaction.atomic():
                        for statement in (TAGS_SQL, STORIES_SQL, SOURCES_SQL, RELATED_SQL):
                            cursor.execute(statement, params | {"low": low, "high": high})
                    self._progress(high - first + 1, count, start)
            finally:
                cursor.execute(DROP_POOLS_SQL)
            cursor.execute("RESET jit")
            # The next story the desk creates takes the id after ours.
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('articles_story', 'id'), "
                "(SELECT max(id) FROM articles_story))"
            )
            cursor.execute("ANALYZE")

    # --- Elsewhere: bulk_create -----------------------------------------------------

    def _generate_with_orm(self, rng, count, batch, vocabulary):
        sections, themes, sources, tags = vocabulary
        story_type = ContentType.objects.get_for_model(Story)
        now = timezone.now()
        step = timedelta(days=1) / STORIES_PER_DAY
        start = time.monotonic()
        first_id = None
        done = 0
        while done < count:
            size = min(batch, count - done)
            with transaction.atomic():
                # Oldest first, so ids grow with time as they do in a real newsroom.
                stories = [
                    self._story(
                        rng, done + n, now - step * (count - 1 - done - n), sections, themes
                    )
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
                for story in Story.objects.filter(pk__in=ids).prefetch_related("tags"):
                    search.index_story(story)
            done += size
            self._progress(done, count, start)

    def _story(self, rng, n, published_at, sections, themes):
        headline = sentence(rng, 6, 14)
        paragraphs = [sentence(rng, 20, 60) + "." for _ in range(rng.randint(3, 14))]
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        published = rng.random() > 0.02
        return Story(
            headline=headline,
            slug=f"bench-{published_at:%Y%m%d%H%M%S%f}-{n}",
            standfirst=sentence(rng, 12, 30) + ".",
            dateline_place=rng.choice(PLACES),
            body=body,
            status=Story.Status.PUBLISHED if published else Story.Status.DRAFT,
            published_at=published_at,
            first_published_at=published_at,
            # bulk_create skips save(), which would put this on record.
            went_live_at=published_at if published else None,
            mark=rng.choice(MARKS),
            section_id=rng.choice(sections),
            theme_id=rng.choice(themes) if rng.random() < 0.2 else None,
            home_priority=0,
        )


# Story n (from %(first)s to %(first)s + %(count)s - 1) is published at
# now - step * (last - n): ids grow with time. _pick(array) draws one element at random;
# Django binds parameters on the client, so each array says its type.
_TYPES = {"tags": "int", "sections": "bigint", "themes": "bigint", "sources": "bigint"}


def _pick(name):
    array = f"%({name})s::{_TYPES.get(name, 'text')}[]"
    return f"({array})[1 + floor(random() * cardinality({array}))::int]"


# A random index into a pool.
_DRAW = "1 + floor(random() * %(pool)s)::int"


# Temporary: gone with the connection. tsvector_agg joins vectors as to_tsvector would
# have parsed the joined text (positions carry on).
POOLS_SQL = """
CREATE AGGREGATE pg_temp.tsvector_agg (tsvector) (
    SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = ''
);
CREATE TEMP TABLE bench_headline (i int PRIMARY KEY, text text, vector tsvector);
CREATE TEMP TABLE bench_standfirst (i int PRIMARY KEY, text text, vector tsvector);
CREATE TEMP TABLE bench_paragraph (i int PRIMARY KEY, text text, vector tsvector);
"""
# The connection may live on (a test, a shell): leave nothing behind for the next run.
DROP_POOLS_SQL = """
DROP TABLE bench_headline, bench_standfirst, bench_paragraph;
DROP AGGREGATE pg_temp.tsvector_agg (tsvector);
"""

# 3 to 8 distinct tags per story. Written first: the stories' search vectors read them.
TAGS_SQL = f"""
INSERT INTO taggit_taggeditem (object_id, content_type_id, tag_id)
SELECT n, %(story_type)s, {_pick("tags")}
FROM generate_series(%(low)s, %(high)s) AS n,
     LATERAL generate_series(1, 3 + floor(random() * 6)::int + 0 * n) AS k
ON CONFLICT DO NOTHING
"""  # noqa: S608 — only the constant fragments above are spliced in

# MATERIALIZED: every random column is drawn once. Volatile random() in the LATERAL
# subqueries keeps them per row.
STORIES_SQL = f"""
WITH drawn AS MATERIALIZED (
    SELECT n, headline.text AS headline, headline.vector AS headline_vector,
           standfirst.text AS standfirst, standfirst.vector AS standfirst_vector,
           body.html AS body, body.vector AS body_vector,
           %(now)s::timestamptz - %(step)s::interval * (%(first)s + %(count)s - 1 - n) AS at,
           random() AS chance
    FROM generate_series(%(low)s, %(high)s) AS n
    CROSS JOIN LATERAL (SELECT {_DRAW} + 0 * n AS h, {_DRAW} AS s) AS choice
    JOIN bench_headline AS headline ON headline.i = choice.h
    JOIN bench_standfirst AS standfirst ON standfirst.i = choice.s
    CROSS JOIN LATERAL (
        SELECT string_agg('<p>' || p.text || '</p>', '' ORDER BY k) AS html,
               pg_temp.tsvector_agg(p.vector ORDER BY k) AS vector
        FROM (SELECT k, {_DRAW} AS i
              FROM generate_series(1, 3 + floor(random() * 12)::int + 0 * n) AS k) AS d
        JOIN bench_paragraph AS p ON p.i = d.i
    ) AS body
)
INSERT INTO articles_story (
    id, headline, slug, standfirst, dateline_place, body, status, published_at,
    first_published_at, went_live_at, mark, home_priority, created_at, modified_at, section_id,
    theme_id, preview_nonce, version, search_vector
)
SELECT n, headline, 'bench-' || n, standfirst, {_pick("places")}, body,
       CASE WHEN chance < 0.02 THEN 'draft' ELSE 'published' END, at, at,
       CASE WHEN chance < 0.02 THEN NULL ELSE at END,
       {_pick("marks")}, 0, at, at, {_pick("sections")},
       CASE WHEN random() < 0.2 THEN {_pick("themes")} END, '', 1,
       setweight(headline_vector, 'A')
       || setweight(standfirst_vector, 'B')
       || setweight(to_tsvector(%(config)s::regconfig, coalesce((
              SELECT string_agg(tag.name, ' ')
              FROM taggit_taggeditem item JOIN taggit_tag tag ON tag.id = item.tag_id
              WHERE item.content_type_id = %(story_type)s AND item.object_id = n), '')), 'B')
       || setweight(body_vector, 'C')
FROM drawn
"""  # noqa: S608 — only the constant fragments above are spliced in

SOURCES_SQL = f"""
INSERT INTO articles_story_sources (story_id, source_id)
SELECT n, {_pick("sources")} FROM generate_series(%(low)s, %(high)s) AS n
"""  # noqa: S608 — only the constant fragments above are spliced in

# Up to two related stories each, among the few hundred before it.
RELATED_SQL = """
INSERT INTO articles_story_related (from_story_id, to_story_id)
SELECT n, other FROM (
    SELECT n, greatest(%(first)s, n - 1 - floor(random() * 500)::int + 0 * k) AS other
    FROM generate_series(%(low)s, %(high)s) AS n, generate_series(1, 2) AS k
) AS pairs
WHERE other < n
ON CONFLICT DO NOTHING
"""
