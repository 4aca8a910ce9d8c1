"""What a cached answer shows, as dependency keys, and each key's version.

A view says what it shows while it renders: `depends_on("story:12", "list:all")`. The
page cache stores the answer with the version each of those keys had, and serves it
while they all still have it. A change purges exactly the keys it touched (purge): each
gets a new version, so every answer that showed it is stale at once, on every server,
and nothing else is. Versions are numbers drawn from one shared counter: an answer
whose keys were purged while it was being rendered (a version newer than the counter
read before rendering) is not stored, so a render that read the database just before a
commit can never be kept under the versions that follow it.

Key names belong to the domain that renders and changes things (articles: "story:12",
"list:section:3", "home"…); two are this layer's own:
- SITE, which every answer depends on: names and pieces shown everywhere (the masthead's
  sections, a tag's name), and the release;
- ANY, for answers that name nothing finer (search results, sitemaps): purged by every
  change readers can see.
"""

import contextvars
import threading
import time

from django.core.cache import cache

SITE = "site"
ANY = "any"
# Purged when a story is scheduled, rescheduled or unscheduled: the time the next one goes
# live by itself (without a save) is read again.
SCHEDULE = "schedule"

SEQUENCE_KEY = "pagecache:sequence"
VERSION_PREFIX = "pagecache:dep:"

_collected = contextvars.ContextVar("pagecache_dependencies", default=None)

# When this process last purged anything (wall-clock time, as tests move it): its own
# copies of pages are checked again at once, not after NEWSROOM_VERSION_CHECK_SECONDS.
_last_local_purge = 0.0
_lock = threading.Lock()


def depends_on(*keys):
    """Record that the answer being rendered shows these things (no-op outside one)."""
    found = _collected.get()
    if found is not None:
        found.update(keys)


class collecting:
    """`with collecting() as keys:` — the dependency keys recorded while rendering."""

    def __enter__(self):
        self.keys = {SITE}
        self.token = _collected.set(self.keys)
        return self.keys

    def __exit__(self, *exc):
        _collected.reset(self.token)


def sequence() -> int:
    return cache.get(SEQUENCE_KEY) or 0


def versions(keys) -> dict:
    """The current version of each key (0 for one never purged), in one round trip."""
    found = cache.get_many([VERSION_PREFIX + key for key in keys])
    return {key: found.get(VERSION_PREFIX + key, 0) for key in keys}


def purge(keys):
    """Give each key a new version: every stored answer that depends on one is stale."""
    keys = set(keys)
    if not keys:
        return
    cache.add(SEQUENCE_KEY, 0, None)
    try:
        number = cache.incr(SEQUENCE_KEY)
    except ValueError:  # evicted between add() and incr(): start again, higher is not needed
        cache.set(SEQUENCE_KEY, 1, None)
        number = 1
    cache.set_many({VERSION_PREFIX + key: number for key in keys}, None)
    note_local_purge()


def note_local_purge():
    """This process's copies of pages are checked with the shared cache before use."""
    global _last_local_purge
    with _lock:
        _last_local_purge = time.time()


def last_local_purge() -> float:
    return _last_local_purge
