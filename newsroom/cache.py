"""Django's Redis cache backend, with one Redis client per process instead of one per
call.

Django's RedisCacheClient makes a new redis.Redis for every cache operation; redis-py
builds its table of response callbacks (some 170 entries) in each one, which cost about
0.2 ms per call — more than the round trip to Redis, and a cached page makes two calls.
A redis.Redis is safe to share between threads (it borrows connections from its pool), and
its pool starts afresh in a forked worker, so one per server and process is enough.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
