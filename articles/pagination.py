"""Keyset (cursor) pagination over newest-first story lists.

A page is "the N stories older than this one" (`?before=`) or "the N stories newer than
this one" (`?after=`), found through the feed index, so page 500 costs what page 1 costs.
A cursor names a story by its publication time and id: ``<microseconds since epoch>-<id>``.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.http import Http404, QueryDict

_CURSOR = re.compile(r"^(\d{1,17})-(\d{1,18})$")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# datetime's own limit (year 9999), in microseconds since the epoch.
_MAX_MICROSECONDS = (datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC) - _EPOCH) // timedelta(
    microseconds=1
)


# The query parameters every paginated list reads (the page cache keys lists by these).
CURSOR = ("before", "after")


class BadCursor(ValueError):
    pass


def encode_cursor(story) -> str:
    microseconds = (story.published_at - _EPOCH) // timedelta(microseconds=1)
    return f"{microseconds}-{story.pk}"


def decode_cursor(value: str) -> tuple[datetime, int]:
    match = _CURSOR.match(value or "")
    if not match:
        raise BadCursor(value)
    microseconds, pk = int(match[1]), int(match[2])
    if microseconds > _MAX_MICROSECONDS:
        raise BadCursor(value)
    return _EPOCH + timedelta(microseconds=microseconds), pk


@dataclass
class Page:
    stories: list
    next_query: str | None = None
    prev_query: str | None = None
    is_first: bool = True
    extra: dict = field(default_factory=dict)


def paginate(queryset, params: QueryDict, per_page: int) -> Page:
    """One page of a newest-first `StoryQuerySet` from the request's `before`/`after`.

    A malformed cursor is a 404: it names no page that ever existed. A cursor past either
    end of the list gives an empty page, which views turn into a 404 as well.
    """
    before, after = params.get("before"), params.get("after")
    if after is not None:
        before = None
    try:
        if after is not None:
            published_at, pk = decode_cursor(after)
            # Newer stories, read oldest-first from the cursor, then shown newest-first.
            rows = list(
                queryset.after(published_at, pk).order_by("published_at", "id")[: per_page + 1]
            )
            has_newer = len(rows) > per_page
            stories = rows[:per_page][::-1]
            has_older = True
            if not has_newer:
                # Back at the top: show the real first page, full, not a short remainder.
                after = None
        if after is None:
            if before is not None:
                published_at, pk = decode_cursor(before)
                queryset = queryset.before(published_at, pk)
            rows = list(queryset.newest_first()[: per_page + 1])
            has_newer = before is not None
            stories = rows[:per_page]
            has_older = len(rows) > per_page
    except BadCursor:
        raise Http404("No such page.") from None

    page = Page(stories=stories, is_first=not has_newer)
    if stories and has_older:
        page.next_query = _query(params, before=encode_cursor(stories[-1]))
    if stories and has_newer:
        page.prev_query = _query(params, after=encode_cursor(stories[0]))
    return page


def _query(params: QueryDict, **cursor) -> str:
    query = params.copy()
    for key in ("before", "after"):
        query.pop(key, None)
    query.update(cursor)
    return query.urlencode()
