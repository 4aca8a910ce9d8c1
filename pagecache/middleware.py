"""Whole public pages from the shared cache, for readers without a session.

A page is stored under its address with the dependency keys of what it shows (see
dependencies.py) and the version each had, and served while none of them has been
purged: an edit of one story makes stale the pages that show that story (its article,
the lists it is on), and no other. A scheduled story going live changes pages without
any save, so every stored page also expires at the next such time. Only answers a view
marked public (decorators.public sets `Cache-Control: public`) with 200 and no cookie are
stored; anyone with a session (editors) always gets a fresh render.

When a page is found purged, one request renders it again (it takes a lock in the shared
cache) and every other reader meanwhile gets the copy from before, served no-store, for
at most NEWSROOM_PAGE_CACHE_STALE_SECONDS: one render per change, never a stampede of
identical renders on a busy page.

Each process also keeps the most asked-for pages in its own memory and checks their
keys' versions with the shared cache at most every NEWSROOM_VERSION_CHECK_SECONDS, so
most hits cost no round trip at all. A purge made through this process is seen at once;
one made on another app server reaches this server's readers within that bound.

Answers carry their keys in a Surrogate-Key header, for a shared cache in front
(Varnish with xkey, Fastly) that purges by the same keys (purgers.py).

A page is stored once whatever else the address carries: its key holds the scheme, the
path and only the query parameters the view reads (decorators.public's `params`), and a
request with others (`?utm_source=…`, `?fbclid=…`, anything) is answered, and rendered
on a miss, as the canonical page. So random parameters cost neither renders nor memory.

It sits before the session, CSRF and auth middleware so a hit costs none of their work.
Django's own cache middleware keys pages by a fixed prefix and expires them by time
only, which would show a withdrawn story until the timeout.
"""

import hashlib
import logging
import threading
import time
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
from django.utils.module_loading import import_string

from articles.dependencies import ANY

from . import blocks, dependencies

log = logging.getLogger(__name__)

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
    # The frames a page's embeds load (embeds/middleware.py turns it into its CSP).
    "X-Newsroom-Frame-Origins",
    "Surrogate-Key",  # a shared cache in front reads it from hits as from renders
)


@lru_cache(maxsize=4096)
def _read_params(path):
    """The query parameters the public view at this path reads (decorators.public), or None
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
    return _address_key(request.scheme, request.path, query)


def _address_key(scheme, path, query):
    address = f"{scheme}|{path}|{query}"
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
        # Pages as last assembled with their blocks, by page key (_assembled_before).
        self.assembled = OrderedDict()
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
        # Shared blocks are rendered as includes, assembled below (blocks.py).
        setattr(request, blocks.ASSEMBLED, True)
        return self._with_blocks(request, self._serve(request, key, seconds))

    def _serve(self, request, key, seconds):
        stored, stale = self._current_copy(key)
        if stored is not None:
            response = self._answer(request, stored)
            response.pagecache_copy = (key, stored)  # a current stored copy: see _with_blocks
            return response
        lock = f"{key}:rendering"
        if stale is not None and not cache.add(lock, 1, settings.NEWSROOM_PAGE_CACHE_STALE_SECONDS):
            # Another request is rendering this page's new version: this reader gets the
            # one before, for at most NEWSROOM_PAGE_CACHE_STALE_SECONDS (the lock's life),
            # and nothing downstream keeps it.
            return self._stale_answer(request, stale)
        try:
            return self._render(request, key, seconds)
        finally:
            if stale is not None:
                cache.delete(lock)

    def _with_blocks(self, request, response):
        """The page with its shared blocks: as includes for a cache in front that assembles
        them itself (Varnish asks with Surrogate-Capability), else filled in here."""
        if getattr(request, "pagecache_depth", 0) or not blocks.needs_assembly(response):
            return response
        if "ESI/1.0" in request.headers.get("Surrogate-Capability", ""):
            response["Surrogate-Control"] = 'content="ESI/1.0"'
            return response
        page = getattr(response, "pagecache_copy", None)
        if page is not None and self._assembled_before(request, response, page):
            return response
        shown = set(response.get("Surrogate-Key", "").split())
        stale = []
        parts = []  # (address, the block's current stored copy or None)

        def fetch(address):
            block = self._block(request, address)
            shown.update(block.get("Surrogate-Key", "").split())
            if "no-store" in block.get("Cache-Control", ""):
                stale.append(address)
            parts.append((address, getattr(block, "pagecache_copy", (None, None))[1]))
            return block.content if block.status_code == 200 else b""

        response.content = blocks.assemble(response.content, fetch)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        if page is not None and not stale and all(copy is not None for _a, copy in parts):
            self._remember_assembly(page, parts, response)
        if stale:
            # A block from before a change (its new version is being rendered): the page
            # is as stale as its stalest part, and nothing downstream keeps it.
            response["Cache-Control"] = "no-store"
            if response.has_header("Surrogate-Key"):
                del response["Surrogate-Key"]
        elif response.has_header("Surrogate-Key"):
            # A cache in front that keeps the assembled page must purge it with its blocks.
            response["Surrogate-Key"] = " ".join(sorted(shown))
        return response

    def _assembled_before(self, request, response, page):
        """A page served from its stored copy whose blocks are still the stored copies it
        was last assembled with takes that assembly as it is: no subrequest, no search
        of the page for its includes (about 150 µs of a 320 µs hit)."""
        key, stored = page
        with self.lock:
            memo = self.assembled.get(key)
        if memo is None or memo[0] is not stored:
            return False
        _stored, parts, content, surrogate_keys = memo
        for address, copy in parts:
            current, _stale = self._current_copy(self._block_key(request, address))
            if current is not copy:
                return False
        response.content = content
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(content))
        if response.has_header("Surrogate-Key"):
            response["Surrogate-Key"] = surrogate_keys
        return True

    def _remember_assembly(self, page, parts, response):
        key, stored = page
        with self.lock:
            self.assembled[key] = (stored, parts, response.content, response.get("Surrogate-Key"))
            self.assembled.move_to_end(key)
            while len(self.assembled) > settings.NEWSROOM_PAGE_CACHE_LOCAL_PAGES:
                self.assembled.popitem(last=False)

    def _block_key(self, request, address):
        """The key a block is stored under: blocks carry no query (blocks.INCLUDE)."""
        return _address_key(request.scheme, address, "")

    def _block(self, request, address):
        """A block's answer, from its own cached copy, rendered on a miss: the same answer
        Varnish would get for the include."""
        response = self(blocks.subrequest(request, address))
        if response.status_code != 200:
            log.warning("Block %s answered %s", address, response.status_code)
        return response

    def _render(self, request, key, seconds):
        started = dependencies.sequence()
        expires = _next_change()
        response = self.get_response(request)
        if response.status_code == 503:
            # The database is away (a restart, a failover): a page we still hold, of
            # whatever version, serves the reader better than an error.
            stale = self._any_copy(key)
            return response if stale is None else self._stale_answer(request, stale)
        if request.method == "GET" and _storable(response):
            keys = response.get("Surrogate-Key", "").split() or [ANY]
            self._store(key, response, keys, started, expires, seconds)
        return response

    def _stale_answer(self, request, stored):
        response = self._answer(request, stored)
        response["Cache-Control"] = "no-store"
        if response.has_header("Surrogate-Key"):
            del response["Surrogate-Key"]
        return response

    def _store(self, key, response, keys, started, expires, seconds):
        found = dependencies.versions(keys)
        if any(number > started for number in found.values()):
            return  # purged while rendering: what was read may be from before the change
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        stored = (found, response.content, headers, expires)
        cache.set(key, stored, seconds)
        self._keep(key, stored)

    def _current_copy(self, key):
        """(current, stale): the page stored under `key` if none of its keys was purged
        since, from this process's memory (checked again after
        NEWSROOM_VERSION_CHECK_SECONDS or a purge here), else from the shared cache (and
        then kept here); or else the copy found out of date, to serve while another
        request renders the new one."""
        now = time.time()
        with self.lock:
            held = self.local.get(key)
            if held is not None:
                self.local.move_to_end(key)
        if held is not None:
            stored, checked = held
            # With a shared cache in front, every copy is checked: that cache asks only
            # after a purge, and must not be handed a page from before it to keep.
            if (
                not settings.NEWSROOM_PURGE_URLS
                and not _expired(stored)
                and now - checked < settings.NEWSROOM_VERSION_CHECK_SECONDS
                and checked > dependencies.last_local_purge()
            ):
                return stored, None
            if _valid(stored):
                self._keep(key, stored, checked=now)
                return stored, None
        shared = cache.get(key)
        if shared is None or not _valid(shared):
            return None, shared or (held[0] if held is not None else None)
        self._keep(key, shared, checked=now)
        return shared, None

    def _any_copy(self, key):
        with self.lock:
            held = self.local.get(key)
        return held[0] if held is not None else cache.get(key)

    def _keep(self, key, stored, checked=None):
        with self.lock:
            self.local[key] = (stored, time.time() if checked is None else checked)
            self.local.move_to_end(key)
            while len(self.local) > settings.NEWSROOM_PAGE_CACHE_LOCAL_PAGES:
                self.local.popitem(last=False)

    def _answer(self, request, stored):
        _versions, content, headers, _expires = stored
        response = HttpResponse(content, headers=headers)
        # The same 304 the view's own condition() would give, without running it.
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )


def forget_local_copies():
    """Every process copy is checked again before it is served (tests, a cache.clear())."""
    dependencies.note_local_purge()


def _expired(stored):
    return stored[3] is not None and time.time() >= stored[3]


def _valid(stored):
    """Not past the next scheduled change, and none of its keys purged since it was stored."""
    if _expired(stored):
        return False
    found = stored[0]
    return dependencies.versions(found) == found


def _next_change():
    """When the next scheduled change goes live by itself (a Unix time), or None, as the
    domain says (NEWSROOM_PAGE_CACHE_NEXT_CHANGE; articles caches it with its freshness
    facts and reads it again after every change)."""
    try:
        when = import_string(settings.NEWSROOM_PAGE_CACHE_NEXT_CHANGE)()
    except DatabaseError:
        return None  # the database is away; the view will say so
    return when.timestamp() if when is not None else None
