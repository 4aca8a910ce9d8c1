"""The Redis cache backend production uses: Django's, reusing one client per process."""

import socket

import pytest

from newsroom.cache import RedisCache


def _redis_answers():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(not _redis_answers(), reason="No Redis on 127.0.0.1:6379")


@pytest.fixture
def redis_cache():
    cache = RedisCache("redis://127.0.0.1:6379/12", {"KEY_PREFIX": "newsroom-test"})
    yield cache
    cache.clear()


def test_the_redis_cache_stores_reads_and_forgets(redis_cache):
    redis_cache.set("page", (1, b"<html>", {"ETag": '"x"'}), 30)
    redis_cache.set_many({"a": 1, "b": "two"})
    assert redis_cache.get("page") == (1, b"<html>", {"ETag": '"x"'})
    assert redis_cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": "two"}
    assert redis_cache.add("a", 5) is False
    redis_cache.delete("a")
    assert redis_cache.get("a") is None


def test_every_call_shares_one_client(redis_cache):
    client = redis_cache._cache
    assert client.get_client() is client.get_client(write=True)
    redis_cache.set("k", "v")
    assert client.get_client().get(redis_cache.make_and_validate_key("k")) is not None
