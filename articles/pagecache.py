"""Whole public pages from the shared cache, for readers without a session.

A page is stored under its address, tagged with the freshness version it was rendered
under (see freshness.py) and served only while that is still the version, so a
publication, an edit, a withdrawal or a deletion makes every stored page stale at
once, on every app server sharing the cache, and a scheduled story appears within
NEWSROOM_FRESHNESS_SECONDS of its time. Only answers a view marked public (caching.public
sets `Cache-Control: public`) with 200 and no cookie are stored; anyone with a session
(editors) always gets a fresh render.

It sits before the session, CSRF and auth middleware so a hit costs one cache round trip
(the version and the page together) and none of their work. Django's own cache
middleware keys pages by a fixed prefix and expires them by time only, which would show
a withdrawn story until the timeout.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from . import freshness

# Headers a stored page keeps; the rest (Date, Server…) belong to each answer.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Cache-Control",
    "ETag",
    "Last-Modified",
    "Vary",
    "Link",
    "X-Robots-Tag",
)


def _key(request):
    try:
        address = request.build_absolute_uri()
    except DisallowedHost:
        return None  # the normal chain answers 400
    return f"page:{hashlib.sha256(address.encode()).hexdigest()}"


def _storable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "public" in response.get("Cache-Control", "")
        and "Cookie" not in response.get("Vary", "")
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.NEWSROOM_PAGE_CACHE_SECONDS
        if (
            seconds <= 0
            or request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return self.get_response(request)
        key = _key(request)
        if key is None:
            return self.get_response(request)
        # One round trip: the freshness version and the stored page together.
        found = cache.get_many([*freshness.KEYS, key])
        current = freshness.version(found)
        stored = found.get(key)
        if stored is not None and stored[0] == current:
            return self._answer(request, stored)
        response = self.get_response(request)
        if request.method == "GET" and _storable(response):
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            # Tagged with the version read before rendering: if anything changed meanwhile,
            # the page is already stale and the next request renders again.
            cache.set(key, (current, response.content, headers), seconds)
        return response

    def _answer(self, request, stored):
        _version, content, headers = stored
        response = HttpResponse(content, headers=headers)
        # The same 304 the view's own condition() would give, without running it.
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
