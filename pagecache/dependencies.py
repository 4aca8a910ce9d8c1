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
