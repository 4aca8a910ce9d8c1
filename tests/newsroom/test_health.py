"""Load balancers' probes: /healthz (the process answers), /readyz (database and cache)."""

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_healthz_answers_any_probe_without_touching_the_database(client, settings):
    # A load balancer probes over plain HTTP with its own address as the host.
    settings.SECURE_SSL_REDIRECT = True
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz", HTTP_HOST="10.1.2.3")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"
    assert len(queries) == 0


def test_readyz_reports_the_database_and_the_cache(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/readyz", HTTP_HOST="10.1.2.3")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "cache_memory": "bounded"}
    assert response["Cache-Control"] == "no-store"


def test_readyz_is_503_when_the_cache_is_unreachable(client, settings):
    # Nothing listens on port 1: the connection is refused, as when Redis is down.
    settings.CACHES = {
        "default": {"BACKEND": "newsroom.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == "ok"
    assert response.json()["cache"].startswith("error")


def test_readyz_is_503_when_the_database_is_unreachable(client, monkeypatch):
    def refused(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refused)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "database": "error: OperationalError",
        "cache": "ok",
        "cache_memory": "bounded",
    }


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"maxmemory": "0", "maxmemory-policy": "noeviction"}, "has no maxmemory"),
        ({"maxmemory": "536870912", "maxmemory-policy": "volatile-lru"}, "volatile-lru"),
        ({"maxmemory": "536870912", "maxmemory-policy": "allkeys-lru"}, ""),
    ],
)
def test_an_unbounded_redis_is_reported_by_readyz_and_check_deploy(
    client, settings, monkeypatch, config, expected
):
    import redis
    from django.core import checks

    from newsroom.checks import cache_memory_is_bounded

    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/13",
        }
    }
    monkeypatch.setattr(redis.Redis, "config_get", lambda self, pattern: config)

    memory = client.get("/readyz").json()["cache_memory"]
    found = cache_memory_is_bounded(None)
    if expected:
        assert memory.startswith("warning:") and expected in memory
        assert [w.id for w in found] == ["newsroom.W001"] and expected in found[0].msg
        assert isinstance(found[0], checks.Warning)
    else:
        assert memory == "bounded" and found == []
