"""A page runs the same number of SQL queries whatever the number of stories on it."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    SourceFactory,
    StoryFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _render_every_time(settings):
    """These budgets are for rendering; the page cache would answer with no query."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0


# The budgets (issue: performance at a million stories).
BUDGETS = {
    "home": 4,
    "article": 4,  # the story, its related stories, the More news block
    "all news": 4,
    "section": 6,
    "theme": 6,
    "tag": 6,
    "source": 6,
    "search": 6,
    "RSS": 4,  # with the pictures in the text, for Media RSS
    "Atom": 3,
    "section RSS": 4,
    "tag Atom": 3,
    "JSON feed API": 4,
}


# Read only when fragments are made (pagecache/fragments.py), once per version of a
# story: the stories of the cards not cached, in one query per page or block that shows
# them; and the article's sources, authors, tags and corrections.
COLD_EXTRA = {
    "home": 2,  # its cards, the live feed block's
    "article": 6,  # its relations; its related cards, More news block's
    "all news": 1,
    "section": 1,
    "theme": 1,
    "tag": 1,
    "source": 1,
}


@pytest.fixture
def newsroom():
    sections = [SectionFactory(slug=f"desk-{n}", name=f"Desk {n}", position=n) for n in range(4)]
    theme, source, author = (
        ThemeFactory(slug="theme"),
        SourceFactory(slug="source"),
        AuthorFactory(),
    )
    article = StoryFactory(section=sections[0], theme=theme, lead_image=ImageFactory())

    def add_stories(count):
        start = timezone.now() - timedelta(days=1)
        for n in range(count):
            story = StoryFactory(
                section=sections[n % len(sections)],
                theme=theme,
                lead_image=ImageFactory(),
                home_priority=n % 3,
                published_at=start - timedelta(minutes=n),
                tags=["common", f"tag-{n}"],
                sources=[source],
                authors=[author],
            )
            if n < 3:  # room left in "More news" for the newest stories (its shared block)
                article.related.add(story)
        article.tags.add(*[f"article-tag-{n}" for n in range(count)])
        article.sources.add(*[SourceFactory() for _ in range(2)])
        article.authors.add(AuthorFactory())

    return article, add_stories


def count_queries(client, url):
    """Queries of a page in steady state: the masthead's sections and the freshness
    check behind ETag/Last-Modified come from the cache, as they do in production
    between changes. A cold cache adds at most those two, checked separately."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def count_cold(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def page_urls(article):
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "all news": "/news/",
        "section": article.section.get_absolute_url(),
        "theme": article.theme.get_absolute_url(),
        "tag": "/tags/common/",
        "source": "/sources/source/",
        "search": "/search/?q=common",
        "RSS": "/news/rss/",
        "Atom": "/news/atom/",
        "section RSS": f"{article.section.get_absolute_url()}rss/",
        "tag Atom": "/tags/common/atom/",
        "JSON feed API": "/api/feed/",
    }


def counts_at_5_and_50_stories(reader, newsroom):
    """Each page's queries with 5 stories on it, then with 50."""
    article, add_stories = newsroom
    add_stories(5)
    few = {name: count_queries(reader, url) for name, url in page_urls(article).items()}
    add_stories(45)
    many = {name: count_queries(reader, url) for name, url in page_urls(article).items()}
    return article, few, many


def test_pages_run_a_fixed_number_of_queries(reader, newsroom):
    article, few, many = counts_at_5_and_50_stories(reader, newsroom)

    assert few == many
    for name, queries in many.items():
        assert queries <= BUDGETS[name], f"{name}: {queries} queries, budget {BUDGETS[name]}"
    cold = {name: count_cold(reader, url) for name, url in page_urls(article).items()}
    for name, queries in cold.items():
        extra = COLD_EXTRA.get(name, 0)
        assert queries <= many[name] + 2 + extra, f"{name}: {queries} queries with a cold cache"


def test_with_fragments_off_pages_still_read_their_stories_together(reader, newsroom, settings):
    """NEWSROOM_FRAGMENT_SECONDS=0 renders every card every time, from one read of the
    stories a page shows, not one read per card."""
    settings.NEWSROOM_FRAGMENT_SECONDS = 0
    _article, few, many = counts_at_5_and_50_stories(reader, newsroom)
    assert few == many
