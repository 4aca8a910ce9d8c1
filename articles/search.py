"""Full-text search over headline, standfirst, body and tags: one interface, two engines.

PostgreSQL: a weighted tsvector per story (headline A, standfirst and tags B, body C),
GIN-indexed, queried with websearch_to_tsquery, which accepts any text a reader types.
SQLite: an FTS5 table of the same text, ranked by bm25 with the same weights.

Either way only published stories are found (the filter is Story.objects.published()),
results are ranked by relevance with newer stories first among equals, and the snippet
shows the matching words in <mark>. A very common term would make the engine rank a
large part of the archive; only the newest CANDIDATES matches are ranked.
"""

import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import OperationalError, connection, transaction
from django.db.models import F, Func, Value
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from . import signals
from .dependencies import keys
from .models import Story

CANDIDATES = 2000
MAX_QUERY_LENGTH = 500
# A reader's query has at most this many words, and this many operators (a -word, an
# OR, a "quoted phrase"): beyond them a query costs the database far more than any
# reader's search needs.
MAX_TERMS = 16
MAX_OPERATORS = 6
_START, _STOP = "\x02", "\x03"  # highlight markers, replaced by <mark> after escaping


@dataclass
class Hit:
    story: Story
    snippet: str


def plain_text(html: str) -> str:
    """A body's words without markup, for indexing and snippets."""
    return " ".join(
        strip_tags(re.sub(r"<(br|/p|/h\d|/li|/blockquote)[^>]*>", " ", html or "")).split()
    )


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(text: str) -> str:
    """What a reader typed, without control characters (PostgreSQL refuses NUL) and
    trimmed to a sane length; never an error."""
    return " ".join(_CONTROL.sub(" ", text or "").split())[:MAX_QUERY_LENGTH]


class QueryRefused(ValueError):
    """A query that would cost the server dearly and cannot find anything useful; its
    text tells the reader what to change."""


class QueryTooComplex(Exception):
    """The database gave up on the query at the time limit (NEWSROOM_SEARCH_TIMEOUT_MS)."""


_TOKENS = re.compile(r'-?"[^"]*"?|\S+')


def check_query(text: str) -> None:
    """Refuse, with the reason, what only costs: no word to look for (`-government`
    lists the whole archive), a word asked for and against (`tax -tax` finds nothing
    after reading everything), too many words or operators."""
    tokens = _TOKENS.findall(text)
    words = re.findall(r"\w+", text)
    if len(words) > MAX_TERMS:
        raise QueryRefused(f"Search for at most {MAX_TERMS} words at a time.")
    operators = [t for t in tokens if t.startswith(("-", '"')) or t.lower() == "or"]
    if len(operators) > MAX_OPERATORS:
        raise QueryRefused(
            f'Use at most {MAX_OPERATORS} of -word, OR and "quoted phrases" in one search.'
        )
    wanted = {
        w.lower()
        for t in tokens
        if not t.startswith("-") and t.lower() != "or"
        for w in re.findall(r"\w+", t)
    }
    unwanted = {w.lower() for t in tokens if t.startswith("-") for w in re.findall(r"\w+", t)}
    if words and not wanted:
        raise QueryRefused("Add a word to look for: “-word” only leaves words out.")
    if wanted & unwanted:
        raise QueryRefused("A word cannot be both asked for and left out.")


def _bounded(run):
    """run() under the search time limit: a statement timeout on PostgreSQL, a progress
    handler on SQLite. Raises QueryTooComplex when the database gives up."""
    limit_ms = settings.NEWSROOM_SEARCH_TIMEOUT_MS
    if limit_ms <= 0:
        return run()
    if connection.vendor == "postgresql":
        from psycopg.errors import QueryCanceled

        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT set_config('statement_timeout', %s, true)", [f"{limit_ms}ms"]
                    )
                return run()
        except OperationalError as error:
            if isinstance(error.__cause__, QueryCanceled):
                raise QueryTooComplex from None
            raise
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        deadline = time.monotonic() + limit_ms / 1000
        raw = connection.connection
        raw.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
        try:
            return run()
        except OperationalError as error:
            if "interrupted" in str(error):
                raise QueryTooComplex from None
            raise
        finally:
            raw.set_progress_handler(None, 0)
    return run()


def _highlight(snippet: str) -> str:
    text = escape(snippet or "")
    return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308


# --- Keeping the index current ------------------------------------------------------


def body_words(story: Story) -> str:
    """What readers read in the body: its text and the words of its elements (the
    pictures' captions and descriptions, videos' titles, embedded posts' words, and a
    live story's published entries)."""
    words = [plain_text(story.body)]
    for caption, alt_text in story.inline_images.values_list("caption", "alt_text"):
        words += [caption, alt_text]
    if "data-video" in story.body:
        for title, caption in story.inline_videos.values_list("title", "caption"):
            words += [title, caption]
    if story.live_coverage:
        entries = story.entries.filter(status="published").order_by("-published_at")
        words += [plain_text(html) for html in entries.values_list("body", flat=True)[:2000]]
    if "data-embed" in story.body:
        for values in story.inline_embeds.values_list("title", "text", "author_name", "caption"):
            words += values
    return "\n".join(w for w in words if w)


def index_story(story: Story):
    """Bring the story's search entry up to date (after its tags and the body's
    pictures are saved)."""
    tags = " ".join(story.tags.names())
    words = body_words(story)
    if connection.vendor == "postgresql":
        config = settings.NEWSROOM_SEARCH_CONFIG
        Story.objects.filter(pk=story.pk).update(
            search_vector=SearchVector(Value(story.headline), weight="A", config=config)
            + SearchVector(Value(story.standfirst), weight="B", config=config)
            + SearchVector(Value(tags), weight="B", config=config)
            + SearchVector(Value(words), weight="C", config=config)
        )
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM articles_story_fts WHERE rowid = %s", [story.pk])
            cursor.execute(
                "INSERT INTO articles_story_fts (rowid, headline, standfirst, body, tags) "
                "VALUES (%s, %s, %s, %s, %s)",
                [story.pk, story.headline, story.standfirst, words, tags],
            )


def rebuild(progress=None) -> int:
    """Index every story again; returns how many."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM articles_story_fts")
    count = 0
    for story in Story.objects.prefetch_related("tags").iterator(chunk_size=500):
        index_story(story)
        count += 1
        if progress:
            progress(count)
    signals.changed({keys.ANY})  # cached search pages answer from the new index
    return count


# --- Querying -------------------------------------------------------------------------


def search(text: str, stories=None, *, offset=0, limit=20) -> tuple[list[Hit], bool]:
    """Ranked hits for `text` among `stories` (default: all published), and whether more
    follow. Empty or unsearchable text finds nothing. Raises QueryRefused for a query
    check_query refuses and QueryTooComplex when it runs out of time."""
    text = clean_query(text)
    published = Story.objects.published()
    stories = published if stories is None else stories & published
    if not text:
        return [], False
    check_query(text)
    if connection.vendor == "postgresql":
        hits = _bounded(lambda: _search_postgresql(text, stories, offset, limit + 1))
    elif connection.vendor == "sqlite":
        hits = _bounded(lambda: _search_sqlite(text, stories, offset, limit + 1))
    else:
        hits = []
    return hits[:limit], len(hits) > limit


def _search_postgresql(text, stories, offset, limit):
    config = settings.NEWSROOM_SEARCH_CONFIG
    query = SearchQuery(text, search_type="websearch", config=config)
    # The newest matches only: a term in half the archive is not ranked in full.
    candidates = stories.filter(search_vector=query).newest_first().values("id")[:CANDIDATES]
    ranked = list(
        Story.objects.filter(id__in=candidates)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", "-published_at", "-id")
        .for_listing()[offset : offset + limit]
    )
    if not ranked:
        return []
    # Snippets only for the rows on this page: ts_headline is the expensive part.
    body_text = Func(F("body"), Value("<[^>]+>"), Value(" "), Value("g"), function="regexp_replace")
    snippets = dict(
        Story.objects.filter(id__in=[s.id for s in ranked])
        .annotate(
            snippet=SearchHeadline(
                body_text,
                query,
                config=config,
                start_sel=_START,
                stop_sel=_STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        .values_list("id", "snippet")
    )
    return [Hit(story, _highlight(snippets.get(story.id) or story.standfirst)) for story in ranked]


def _fts5_query(text: str) -> str:
    """Readers' words as an FTS5 query: every word must match, each quoted, so that
    quotes, operators and punctuation in the input are never FTS5 syntax."""
    terms = re.findall(r"\w+", text)[:MAX_TERMS]
    return " ".join(f'"{term}"' for term in terms)


def _search_sqlite(text, stories, offset, limit):
    match = _fts5_query(text)
    if not match:
        return []
    with connection.cursor() as cursor:
        # Newest matches first (ids grow with time), then ranked: headline weighs most.
        cursor.execute(
            "SELECT rowid, bm25(articles_story_fts, 10.0, 4.0, 1.0, 4.0), "  # noqa: S608 — constants only
            f"snippet(articles_story_fts, 2, '{_START}', '{_STOP}', ' … ', 30) "
            "FROM articles_story_fts WHERE articles_story_fts MATCH %s "
            "ORDER BY rowid DESC LIMIT %s",
            [match, CANDIDATES],
        )
        rows = cursor.fetchall()
    if not rows:
        return []
    rank = {row[0]: row[1] for row in rows}  # bm25: lower is better
    snippet = {row[0]: row[2] for row in rows}
    visible = list(stories.filter(id__in=list(rank)).values_list("id", "published_at"))
    visible.sort(key=lambda row: (rank[row[0]], -row[1].timestamp(), -row[0]))
    page_ids = [row[0] for row in visible[offset : offset + limit]]
    by_id = Story.objects.filter(id__in=page_ids).for_listing().in_bulk()
    return [Hit(by_id[i], _highlight(snippet[i] or by_id[i].standfirst)) for i in page_ids]
