"""All news and the list pages are paginated by cursor: following rel="next" from the
first page must visit every published story exactly once, newest first."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import views
from tests.factories import SectionFactory, StoryFactory
from tests.html import feed_links, parse, rel_link

pytestmark = pytest.mark.django_db

PER_PAGE = 7


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(views, "STORIES_PER_PAGE", PER_PAGE)


@pytest.fixture
def stories():
    """30 stories, many sharing a publication time, plus stories readers must not see."""
    now = timezone.now()
    published = []
    for n in range(30):
        # Groups of four share the same microsecond: only the id tells them apart.
        moment = now - timedelta(minutes=10 * (n // 4) + 1)
        published.append(StoryFactory(published_at=moment))
    StoryFactory(draft=True)
    StoryFactory(withdrawn=True)
    StoryFactory(scheduled=True)
    return sorted(published, key=lambda s: (s.published_at, s.pk), reverse=True)


def walk(reader, url, rel):
    """Follow rel links from `url`; return the story links of each page visited."""
    pages = []
    while url:
        response = reader.get(url)
        assert response.status_code == 200
        pages.append(feed_links(response))
        next_query = rel_link(response, rel)
        url = f"/news/{next_query}" if next_query else None
        assert len(pages) < 50, "pagination does not end"
    return pages


def test_following_next_visits_every_story_once_in_order(reader, stories):
    pages = walk(reader, "/news/", "next")

    visited = [link for page in pages for link in page]
    assert visited == [s.get_absolute_url() for s in stories]
    assert [len(page) for page in pages] == [7, 7, 7, 7, 2]


def test_following_prev_from_the_last_page_comes_back_to_the_first(reader, stories):
    last_page_url = "/news/"
    while True:
        next_query = rel_link(reader.get(last_page_url), "next")
        if not next_query:
            break
        last_page_url = f"/news/{next_query}"

    pages = walk(reader, last_page_url, "prev")

    visited = [link for page in reversed(pages) for link in page]
    assert visited == [s.get_absolute_url() for s in stories]
    assert pages[-1] == feed_links(reader.get("/news/"))


def test_first_page_has_no_prev_and_head_links_match(reader, stories):
    first = reader.get("/news/")
    page = parse(first)
    assert rel_link(first, "prev") is None
    assert page.links["next"] == rel_link(first, "next")

    second = reader.get("/news/" + rel_link(first, "next"))
    assert "noindex" in second.content.decode()
    assert parse(second).links["prev"] == rel_link(second, "prev")


def test_section_pages_paginate_within_the_section(reader, stories):
    world = SectionFactory(slug="world", name="World")
    for _ in range(PER_PAGE + 2):
        StoryFactory(section=world)

    first = reader.get("/sections/world/")
    second = reader.get("/sections/world/" + rel_link(first, "next"))

    assert len(feed_links(first)) == PER_PAGE
    assert len(feed_links(second)) == 2
    all_world = {s.get_absolute_url() for s in world.stories.all()}
    assert set(feed_links(first) + feed_links(second)) == all_world
