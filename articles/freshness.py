"""When did what readers can see last change? For Last-Modified, ETag and 304 answers
(the page cache keys pages by what they show instead: pagecache/dependencies.py).

Two facts bound it: the latest edit of a story readers have seen (an edit, a publication
or a withdrawal always saves the story; drafts do not count), and the latest publication
time that has already come (a scheduled story goes live without any save). Both are read
through an index, and the answer is cached for NEWSROOM_FRESHNESS_SECONDS; every change
clears it (`changed`), so the only delay is that of a scheduled story going live, bounded
by that setting.

Some changes move neither time: deleting a story, renaming a section or a tag. So every
change also draws a new random generation; the version readers' caches are keyed by is
the generation and the last change together.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.db.models.expressions import Col
from django.utils import timezone

from .models import NAVIGATION_CACHE_KEY, Story

CACHE_KEY = "freshness:state"  # (last change, next going live)
GENERATION_KEY = "freshness:generation"


def _compute():
    """(last change, next going live) in one statement: three index lookups as scalar
    subqueries."""
    # Edits of stories readers have seen only: the desk working on drafts moves nothing.
    edited = (
        Story.objects.ever_public()
        .order_by(F("modified_at").desc(), F("id").desc())
        .values("modified_at")[:1]
    )
    went_live = Story.objects.published().newest_first().values("published_at")[:1]
    upcoming = Story.objects.not_yet_live().order_by("live").values("live")[:1]
    parts = [query.query.sql_with_params() for query in (edited, went_live, upcoming)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(f"({sql})" for sql, _params in parts),
            [param for _sql, params in parts for param in params],
        )
        row = cursor.fetchone()
    field = Story._meta.get_field("modified_at")
    converters = connection.ops.get_db_converters(Col("t", field)) + field.get_db_converters(
        connection
    )
    times = []
    for value in row:
        for converter in converters:
            value = converter(value, Col("t", field), connection)
        times.append(value)
    seen = [t for t in times[:2] if t is not None]
    return (max(seen) if seen else None), times[2]


def _state():
    """(last change, next going live, generation), in one cache round trip when cached."""
    found = cache.get_many([CACHE_KEY, GENERATION_KEY])
    value, generation = found.get(CACHE_KEY), found.get(GENERATION_KEY)
    if generation is None:
        # add(): of several servers starting at once, the first one's token wins.
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY) or "uncached"
    if value is None:
        value = _compute()
        cache.set(CACHE_KEY, value, settings.NEWSROOM_FRESHNESS_SECONDS)
    return value[0], value[1], generation


def last_change():
    """The time of the latest change readers could notice, or None for an empty newsroom."""
    return _state()[0]


def version():
    """A string that changes whenever anything readers can see may have changed."""
    changed_at, _upcoming, generation = _state()
    return f"{settings.NEWSROOM_RELEASE}.{generation}.{changed_at.timestamp() if changed_at else 0}"


def changed():
    """Called after every change readers could notice: the next request recomputes, and
    every cached page and ETag from before is out of date."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    # The masthead's sections follow published stories too (a section the wire made up
    # appears with its first one).
    cache.delete_many([CACHE_KEY, NAVIGATION_CACHE_KEY])


def next_going_live():
    """When the next scheduled or embargoed story goes live by itself, or None: the
    page cache keeps no page past it (settings.NEWSROOM_PAGE_CACHE_NEXT_CHANGE)."""
    return _state()[1]


def last_modified(request, *args, **kwargs):
    """For django.views.decorators.http.condition: never later than now."""
    changed_at = last_change()
    return min(changed_at, timezone.now()) if changed_at else None


def etag(request, *args, **kwargs):
    """Changes with the content readers can see, the address asked for and the release."""
    # version() has microseconds: two changes within one second must not share an ETag.
    stamp = f"{version()}|{request.get_full_path()}"
    return hashlib.sha256(stamp.encode()).hexdigest()[:32]
