"""Each dependency key's version in the shared cache, and purge().

Answers say what they show while they render (articles.dependencies: `shows`, the
collector behind it); the page cache stores an answer with the version each of those
keys had, and serves it while they all still have it. A change purges exactly the keys
it touched: each gets a new version, so every answer that showed it is stale at once,
on every server, and nothing else is. Versions are numbers drawn from one shared
counter: an answer whose keys were purged while it was being rendered (a version newer
than the counter read before rendering) is not stored, so a render that read the
database just before a commit can never be kept under the versions that follow it.
"""

import logging
import threading
import time

from django.core.cache import cache

log = logging.getLogger(__name__)

SEQUENCE_KEY = "pagecache:sequence"
VERSION_PREFIX = "pagecache:dep:"

# When this process last purged anything (wall-clock time, as tests move it): its own
# copies of pages are checked again at once, not after NEWSROOM_VERSION_CHECK_SECONDS.
_last_local_purge = 0.0
_lock = threading.Lock()


def _start():
    """Where the counter starts when the cache has none (new, flushed, or evicted): above
    any number it gave before, so no new version can equal one a page was stored with."""
    return int(time.time() * 1000)


def sequence() -> int:
    found = cache.get(SEQUENCE_KEY)
    if found is None:
        cache.add(SEQUENCE_KEY, _start(), None)
        found = cache.get(SEQUENCE_KEY) or 0
    return found


def versions(keys) -> dict:
    """The current version of each key, in one round trip when all are known.

    A key with no version yet (never purged, or evicted by the cache) gets the counter's
    current number: what was stored under an evicted version is then out of date (the
    counter only grows), never taken for current."""
    names = {key: VERSION_PREFIX + key for key in keys}
    found = cache.get_many(names.values())
    missing = [name for name in names.values() if name not in found]
    if missing:
        number = sequence()
        for name in missing:
            cache.add(name, number, None)
        found |= cache.get_many(missing)
    return {key: found.get(name, 0) for key, name in names.items()}


def purge(keys):
    """Give each key a new version: every stored answer that depends on one is stale."""
    keys = set(keys)
    if not keys:
        return
    try:
        cache.add(SEQUENCE_KEY, _start(), None)
        number = cache.incr(SEQUENCE_KEY)
    except ValueError:  # evicted between add() and incr()
        number = _start()
        cache.set(SEQUENCE_KEY, number, None)
    except Exception as error:
        # Nothing is served from it meanwhile; this process's copies are checked again
        # (and, the cache answering nothing, found out of date).
        log.warning("Purge not recorded, the cache is unavailable: %s", error)
        note_local_purge()
        return
    cache.set_many({VERSION_PREFIX + key: number for key in keys}, None)
    note_local_purge()


def note_local_purge():
    """This process's copies of pages are checked with the shared cache before use."""
    global _last_local_purge
    with _lock:
        _last_local_purge = time.time()


def last_local_purge() -> float:
    return _last_local_purge
