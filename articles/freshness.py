"""When did what readers can see last change? For Last-Modified, ETag and 304 answers.

Two facts bound it: the latest edit of any story (an edit, a publication or a withdrawal
always saves the story), and the latest publication time that has already come (a
scheduled story goes live without any save). Both are read through an index, and the
answer is cached for NEWSROOM_FRESHNESS_SECONDS; every save clears it (`changed`), so
the only delay is that of a scheduled story going live, bounded by that setting.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.db.models.expressions import Col
from django.utils import timezone

from .models import Story

CACHE_KEY = "freshness:last-change"


def _compute():
    """Both facts in one statement: two index lookups as scalar subqueries."""
    edited = Story.objects.order_by(F("modified_at").desc(), F("id").desc()).values("modified_at")[
        :1
    ]
    went_live = Story.objects.published().newest_first().values("published_at")[:1]
    edited_sql, edited_params = edited.query.sql_with_params()
    live_sql, live_params = went_live.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({edited_sql}), ({live_sql})", [*edited_params, *live_params])
        row = cursor.fetchone()
    field = Story._meta.get_field("modified_at")
    converters = connection.ops.get_db_converters(Col("t", field)) + field.get_db_converters(
        connection
    )
    times = []
    for value in row:
        for converter in converters:
            value = converter(value, Col("t", field), connection)
        if value is not None:
            times.append(value)
    return max(times) if times else None


def last_change():
    """The time of the latest change readers could notice, or None for an empty newsroom."""
    value = cache.get(CACHE_KEY)
    if value is None:
        value = _compute() or 0
        cache.set(CACHE_KEY, value, settings.NEWSROOM_FRESHNESS_SECONDS)
    return value or None


def changed():
    """Called after every save: the next request recomputes."""
    cache.delete(CACHE_KEY)


def last_modified(request, *args, **kwargs):
    """For django.views.decorators.http.condition: never later than now."""
    changed_at = last_change()
    return min(changed_at, timezone.now()) if changed_at else None


def etag(request, *args, **kwargs):
    """Changes with the content readers can see, the address asked for and the release."""
    changed_at = last_change()
    # Microseconds: two changes within one second must not share an ETag.
    when = changed_at.isoformat() if changed_at else "never"
    stamp = f"{settings.NEWSROOM_RELEASE}|{request.get_full_path()}|{when}"
    return hashlib.sha256(stamp.encode()).hexdigest()[:32]
