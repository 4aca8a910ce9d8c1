"""The public, read-only JSON API: the live feed (as the reference page's client reads
it) and single stories in IPTC ninjs 3.1. Only published stories, always."""

import re

from django.http import JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse

from wire import ninjs

from . import live
from .dependencies import keys, shows
from .models import Story
from .pagination import BadCursor, decode_cursor, encode_cursor

FEED_DEFAULT, FEED_MAX = 30, 100
SLUG = re.compile(r"[-\w]{1,120}")
FILTERS = {
    "section": "section__slug",
    "theme": "theme__slug",
    "tag": "tags__slug",
    "source": "sources__slug",
}


class BadParameter(ValueError):
    def __init__(self, name, message):
        super().__init__(message)
        self.name = name


def bad_request(error: BadParameter):
    return JsonResponse({"error": str(error), "parameter": error.name}, status=400)


def not_found(message="No published story here."):
    return JsonResponse({"error": message}, status=404)


def index(request):
    """What the API offers, for people and programs finding their way."""
    absolute = request.build_absolute_uri
    return JsonResponse(
        {
            "name": "newsroom public API",
            "endpoints": {
                "feed": {
                    "url": absolute(reverse("api:feed")),
                    "description": "Published stories, newest first, as live feed items.",
                    "parameters": {
                        "section, theme, tag, source": "a slug to filter by",
                        "limit": f"items per page, 1 to {FEED_MAX} (default {FEED_DEFAULT})",
                        "before": "cursor from the previous answer's `next`",
                    },
                },
                "story": {
                    "url": absolute(reverse("api:story", args=[0])).replace("/0/", "/{id}/"),
                    "description": "One published story in IPTC ninjs 3.1.",
                },
                "openapi": {"url": absolute(reverse("api:openapi"))},
            },
        }
    )


# Every query parameter the feed reads (the page cache keys it by these alone).
FEED_PARAMS = ("limit", "before", *FILTERS)


def _feed_params(params):
    raw_limit = params.get("limit", str(FEED_DEFAULT))
    # isascii: "²" and "①" are digits to str.isdigit() but not to int().
    if not (raw_limit.isascii() and raw_limit.isdigit()) or not 1 <= int(raw_limit) <= FEED_MAX:
        raise BadParameter("limit", f"limit must be a whole number from 1 to {FEED_MAX}.")
    cursor = None
    if params.get("before"):
        try:
            cursor = decode_cursor(params["before"])
        except BadCursor:
            raise BadParameter("before", "before is not a cursor this API gave out.") from None
    filters = {}
    for name, lookup in FILTERS.items():
        value = params.get(name)
        if value is not None:
            if not SLUG.fullmatch(value):
                raise BadParameter(name, f"{name} must be a slug (letters, digits, - and _).")
            filters[lookup] = value
    return int(raw_limit), cursor, filters


def feed(request):
    """Live feed items: id, url, date (unix seconds), mark, title, subtitle, section."""
    try:
        limit, cursor, filters = _feed_params(request.GET)
    except BadParameter as error:
        return bad_request(error)
    stories = Story.objects.published().filter(**filters)
    if cursor:
        stories = stories.before(*cursor)
    rows = list(stories.newest_first().for_listing()[: limit + 1])
    items = rows[:limit]
    shows(items, keys.ALL)  # every list's entries and departures purge all news too
    next_url = None
    if len(rows) > limit:
        query = request.GET.copy()
        query["before"] = encode_cursor(items[-1])
        next_url = request.build_absolute_uri(f"{reverse('api:feed')}?{query.urlencode()}")
    return JsonResponse(
        {
            "items": [
                {
                    "id": story.pk,
                    "url": request.build_absolute_uri(story.get_absolute_url()),
                    "date": int(story.published_at.timestamp()),
                    "mark": story.mark,
                    "title": story.headline,
                    "subtitle": story.standfirst,
                    "section": {"name": story.section.name, "slug": story.section.slug},
                }
                for story in items
            ],
            "next": next_url,
        },
        json_dumps_params={"ensure_ascii": False},
    )


def story(request, pk):
    found = Story.objects.published().for_article().filter(pk=pk).first()
    if found is None:
        return not_found()
    shows([found])
    return JsonResponse(
        ninjs.story_to_ninjs(found, request.build_absolute_uri),
        json_dumps_params={"ensure_ascii": False},
        content_type="application/json; charset=utf-8",
    )


ENTRY_PARAMS = ("after", "before")


def story_entries(request, pk):
    """A live story's published entries, newest first, by cursor: `after` gives those
    newer than the cursor (what an open page has not shown yet, at most a page), `before`
    the page older than it. Each entry comes with its markup, as the page shows it."""
    story = Story.objects.published().filter(pk=pk, live_coverage=True).first()
    if story is None:
        return not_found("No published live story here.")
    shows([story])
    every = live.published(story).order_by("-published_at", "-pk")
    for name in ENTRY_PARAMS:
        value = request.GET.get(name, "")
        if value and live.parse_cursor(value) is None:
            return bad_request(BadParameter(name, "Not a cursor from this API."))
    if request.GET.get("after"):
        page = list(live.newer_than(every, live.parse_cursor(request.GET["after"]))[: live.PAGE])
    elif request.GET.get("before"):
        page = list(live.older_than(every, live.parse_cursor(request.GET["before"]))[: live.PAGE])
    else:
        page = list(every[: live.PAGE])
    shown = live.rendered(page)
    return JsonResponse(
        {
            "entries": [
                {
                    "id": item.entry.pk,
                    "published": item.entry.published_at.isoformat(),
                    "key_event": item.entry.key_event,
                    "corrected": item.entry.corrected_at.isoformat()
                    if item.entry.corrected_at
                    else None,
                    "html": render_to_string(
                        "articles/live_entry.html", {"shown": item, "coverage": None}
                    ),
                }
                for item in shown
            ],
            "newest": live.cursor_of(page[0]) if page else request.GET.get("after", ""),
            "older": live.cursor_of(page[-1]) if len(page) == live.PAGE else "",
            "ended": not story.is_live_now,
        },
        json_dumps_params={"ensure_ascii": False},
    )


def openapi(request):
    """An OpenAPI 3.1 description of this API."""
    item = {
        "type": "object",
        "required": ["id", "url", "date", "mark", "title", "subtitle", "section"],
        "properties": {
            "id": {"type": "integer"},
            "url": {"type": "string", "format": "uri"},
            "date": {"type": "integer", "description": "Publication time, unix seconds"},
            "mark": {"type": "string", "enum": [m.value for m in Story.Mark]},
            "title": {"type": "string"},
            "subtitle": {"type": "string"},
            "section": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "slug": {"type": "string"}},
            },
        },
    }
    error = {
        "type": "object",
        "properties": {"error": {"type": "string"}, "parameter": {"type": "string"}},
    }
    slug = {"schema": {"type": "string", "maxLength": 120}, "in": "query", "required": False}
    return JsonResponse(
        {
            "openapi": "3.1.0",
            "info": {"title": "newsroom public API", "version": "1"},
            "servers": [{"url": request.build_absolute_uri("/")}],
            "paths": {
                "/api/feed/": {
                    "get": {
                        "summary": "Published stories, newest first",
                        "parameters": [
                            *({"name": name, **slug} for name in FILTERS),
                            {
                                "name": "limit",
                                "in": "query",
                                "schema": {"type": "integer", "minimum": 1, "maximum": FEED_MAX},
                            },
                            {"name": "before", "in": "query", "schema": {"type": "string"}},
                        ],
                        "responses": {
                            "200": {
                                "description": "A page of feed items",
                                "content": {
                                    "application/json": {
                                        "schema": {
                                            "type": "object",
                                            "properties": {
                                                "items": {"type": "array", "items": item},
                                                "next": {
                                                    "type": ["string", "null"],
                                                    "format": "uri",
                                                },
                                            },
                                        }
                                    }
                                },
                            },
                            "304": {"description": "Not modified"},
                            "400": {
                                "description": "A bad parameter",
                                "content": {"application/json": {"schema": error}},
                            },
                        },
                    }
                },
                "/api/stories/{id}/": {
                    "get": {
                        "summary": "One published story in IPTC ninjs 3.1",
                        "parameters": [
                            {
                                "name": "id",
                                "in": "path",
                                "required": True,
                                "schema": {"type": "integer"},
                            }
                        ],
                        "responses": {
                            "200": {
                                "description": "The story",
                                "content": {
                                    "application/json": {
                                        "schema": {
                                            "$ref": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"
                                        }
                                    }
                                },
                            },
                            "304": {"description": "Not modified"},
                            "404": {
                                "description": "No published story",
                                "content": {"application/json": {"schema": error}},
                            },
                        },
                    }
                },
            },
        }
    )
