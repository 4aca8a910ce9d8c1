"""Django's Redis cache backend, with one Redis client per process instead of one per
call, and a cache that degrades instead of failing when Redis does.

Django's RedisCacheClient makes a new redis.Redis for every cache operation; redis-py
builds its table of response callbacks (some 170 entries) in each one, which cost about
0.2 ms per call — more than the round trip to Redis, and a cached page makes two calls.
A redis.Redis is safe to share between threads (it borrows connections from its pool), and
its pool starts afresh in a forked worker, so one per server and process is enough.

When Redis does not answer, every operation acts as a miss (a read finds nothing, a write
is dropped) and pages are rendered from the database: slower, never an error. After a
failure Redis is left alone for RETRY_SECONDS, so readers do not each wait for it.
"""

import logging
import threading
import time

from django.core.cache.backends import redis as django_redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 2.0


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._down_until = 0.0
        self._lock = threading.Lock()

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client

    def _guarded(self, operation, fallback, *args):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return operation(*args)
        except RedisError as error:
            with self._lock:
                first = time.monotonic() >= self._down_until
                self._down_until = time.monotonic() + RETRY_SECONDS
            if first:
                logger.warning("Redis unavailable, serving without the cache: %s", error)
            return fallback

    def add(self, key, value, timeout):
        return self._guarded(super().add, False, key, value, timeout)

    def get(self, key, default):
        return self._guarded(super().get, default, key, default)

    def set(self, key, value, timeout):
        return self._guarded(super().set, None, key, value, timeout)

    def touch(self, key, timeout):
        return self._guarded(super().touch, False, key, timeout)

    def delete(self, key):
        return self._guarded(super().delete, False, key)

    def get_many(self, keys):
        return self._guarded(super().get_many, {}, keys)

    def has_key(self, key):
        return self._guarded(super().has_key, False, key)

    def set_many(self, data, timeout):
        return self._guarded(super().set_many, list(data), data, timeout)

    def delete_many(self, keys):
        return self._guarded(super().delete_many, None, keys)

    def clear(self):
        return self._guarded(super().clear, False)

    def incr(self, key, delta):
        # Not guarded: a counter that silently stops counting would be a wrong answer.
        return super().incr(key, delta)


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient


def memory_bound_problem(cache) -> str:
    """What is wrong with the shared cache's memory limit, or "" when it is bounded.

    The page cache stores a page per address readers ask for; with Redis allowed to grow
    without limit (maxmemory 0, the default) or refusing writes when full (noeviction),
    a crawler can fill the machine. Redis must run with a maxmemory and an evicting
    policy: `maxmemory 512mb` and `maxmemory-policy allkeys-lru` in redis.conf."""
    client_of = getattr(getattr(cache, "_cache", None), "get_client", None)
    if client_of is None:
        return ""  # not Redis: the local-memory cache keeps a bounded number of entries
    try:
        config = client_of().config_get("maxmemory*")
    except RedisError as error:
        return f"cannot read Redis's memory settings ({type(error).__name__})"
    limit = int(config.get("maxmemory", 0) or 0)
    policy = config.get("maxmemory-policy", "noeviction")
    if limit == 0:
        return "Redis has no maxmemory: set one (e.g. maxmemory 512mb) so the cache is bounded"
    if not policy.startswith("allkeys-"):
        return f"Redis evicts with {policy}: set maxmemory-policy allkeys-lru"
    return ""
