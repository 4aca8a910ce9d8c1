"""Whole public pages from the shared cache, for readers without a session.

A page is stored under its address, tagged with the freshness version it was rendered
under (see freshness.py), and served only while that is still the version: a
publication, an edit, a withdrawal or a deletion makes every stored page stale at once,
and a scheduled story appears within NEWSROOM_FRESHNESS_SECONDS of its time. Only
answers a view marked public (caching.public sets `Cache-Control: public`) with 200 and
no cookie are stored; anyone with a session (editors) always gets a fresh render.

Each process also keeps the most asked-for pages in its own memory and asks the shared
cache for the current version at most every NEWSROOM_VERSION_CHECK_SECONDS
(freshness.recent_version), so most hits cost no round trip at all. A change made
through this process is seen at once; one made on another app server reaches this
server's readers within that bound.

A page is stored once whatever else the address carries: its key holds the scheme, the
path and only the query parameters the view reads (caching.public's `params`), and a
request with others (`?utm_source=…`, `?fbclid=…`, anything) is answered, and rendered
on a miss, as the canonical page. So random parameters cost neither renders nor memory.

It sits before the session, CSRF and auth middleware so a hit costs none of their work.
Django's own cache middleware keys pages by a fixed prefix and expires them by time
only, which would show a withdrawn story until the timeout.
"""

import hashlib
import threading
from collections import OrderedDict
from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
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


@lru_cache(maxsize=4096)
def _read_params(path):
    """The query parameters the public view at this path reads (caching.public), or None
    when no cacheable public view answers it. Remembered per path (bounded: paths are
    whatever readers ask for), so a hit costs no URL resolution (about 17 µs otherwise)."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return getattr(match.func, "cache_params", None)


def canonical_query(query: QueryDict, params) -> str:
    """The query string of the page readers get: only the parameters the view reads,
    one value each (the last, as QueryDict.get gives it), in a fixed order."""
    kept = {name: query[name] for name in sorted(params) if name in query}
    return urlencode(kept)


def _key(request, query):
    """A page's key: its scheme, path and canonical query. Not the host: a site answering
    on several names (www. and bare) stores each page once."""
    try:
        request.get_host()
    except DisallowedHost:
        return None  # the normal chain answers 400
    address = f"{request.scheme}|{request.path}|{query}"
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
        # This process's copies of the most asked-for pages: a hit needs no round trip.
        self.local = OrderedDict()
        self.lock = threading.Lock()

    def __call__(self, request):
        seconds = settings.NEWSROOM_PAGE_CACHE_SECONDS
        if (
            seconds <= 0
            or request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return self.get_response(request)
        params = _read_params(request.path_info)
        if params is None:
            return self.get_response(request)
        query = canonical_query(request.GET, params)
        if query != request.META.get("QUERY_STRING", ""):
            # Rendered as the canonical page, so that what is stored under its key holds
            # no trace of a reader's tracking parameters (in links, ETags or cursors).
            request.META["QUERY_STRING"] = query
            request.GET = QueryDict(query)
        key = _key(request, query)
        if key is None:
            return self.get_response(request)
        try:
            current = freshness.recent_version()
        except DatabaseError:
            # The database is away (a restart, a failover): a page we still hold, of
            # whatever version, serves the reader better than an error.
            stored = self._any_copy(key)
            if stored is None:
                raise
            response = self._answer(request, stored)
            response["Cache-Control"] = "no-store"
            return response
        stored = self._current_copy(key, current)
        if stored is not None:
            return self._answer(request, stored)
        response = self.get_response(request)
        if request.method == "GET" and _storable(response):
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            # Tagged with the version read before rendering: if anything changed meanwhile,
            # the page is already stale and the next request renders again.
            stored = (current, response.content, headers)
            cache.set(key, stored, seconds)
            self._keep(key, stored)
        return response

    def _current_copy(self, key, current):
        """The page stored under `key` for version `current`: from this process's memory,
        else from the shared cache (and then kept here); None when neither has it."""
        with self.lock:
            stored = self.local.get(key)
            if stored is not None and stored[0] == current:
                self.local.move_to_end(key)
                return stored
        stored = cache.get(key)
        if stored is None or stored[0] != current:
            return None
        self._keep(key, stored)
        return stored

    def _any_copy(self, key):
        with self.lock:
            stored = self.local.get(key)
        return stored if stored is not None else cache.get(key)

    def _keep(self, key, stored):
        with self.lock:
            self.local[key] = stored
            self.local.move_to_end(key)
            while len(self.local) > settings.NEWSROOM_PAGE_CACHE_LOCAL_PAGES:
                self.local.popitem(last=False)

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
