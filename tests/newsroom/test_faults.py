"""Faults readers must not notice more than they have to: Redis down means slower pages,
never errors; the database away means the pages we still hold, else a clear 503 with
Retry-After; and the site comes back by itself."""

import time

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client

from pagecache import dependencies
from pagecache.middleware import forget_local_copies
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    """The cache configured as in production, on a Redis that does not answer."""
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    forget_local_copies()


def test_with_redis_down_pages_are_served_from_the_database(redis_down, reader):
    story = StoryFactory(headline="Served without Redis")
    started = time.monotonic()
    for _ in range(3):
        home = reader.get("/")
        assert home.status_code == 200 and "Served without Redis" in home.content.decode()
        article = reader.get(story.get_absolute_url())
        assert article.status_code == 200
    # Redis is tried once, then left alone for a while: six pages, no six timeouts.
    assert time.monotonic() - started < 3
    assert reader.get("/healthz").status_code == 200
    ready = reader.get("/readyz")
    assert ready.status_code == 503 and ready.json()["cache"].startswith("error")


@pytest.fixture
def reader():
    """A reader's browser: it sees the error pages, not the exceptions behind them."""
    return Client(raise_request_exception=False)


@pytest.fixture
def database_down(monkeypatch):
    """From now on every SQL statement fails as it does while PostgreSQL restarts."""

    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    def go_down():
        forget_local_copies()
        monkeypatch.setattr(CursorWrapper, "execute", refuse)
        monkeypatch.setattr(CursorWrapper, "executemany", refuse)

    return go_down


def test_with_the_database_away_a_reader_gets_a_503_that_says_so(database_down, reader):
    story = StoryFactory()
    database_down()
    response = reader.get(story.get_absolute_url())
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "back in a moment" in response.content.decode()
    assert reader.get("/healthz").status_code == 200
    assert reader.get("/readyz").status_code == 503


def test_with_the_database_away_pages_already_cached_are_still_served(
    database_down, reader, settings
):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    StoryFactory(headline="Cached before the outage")
    assert reader.get("/").status_code == 200  # now in the page cache
    database_down()
    dependencies.purge({"list:all"})  # and a change made it stale just before
    home = reader.get("/")
    assert home.status_code == 200 and "Cached before the outage" in home.content.decode()
    assert home["Cache-Control"] == "no-store"  # not to be kept downstream
    assert reader.get("/news/").status_code == 503  # never cached: said clearly


def test_a_wrong_query_is_still_a_500_not_hidden_as_unavailable(reader, monkeypatch):
    from django.db import ProgrammingError

    StoryFactory()

    def broken(*args, **kwargs):
        raise ProgrammingError('relation "articles_story" does not exist')

    forget_local_copies()
    monkeypatch.setattr(CursorWrapper, "execute", broken)
    assert reader.get("/news/").status_code == 500
