"""Sitemaps and robots.txt, checked against sitemaps.org's schema and Google's rules."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone
from lxml import etree

from tests.factories import SectionFactory, StoryFactory, ThemeFactory

pytestmark = pytest.mark.django_db

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parents[1] / "data" / "sitemap.xsd")))
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
W3C_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$")


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def newsroom():
    now = timezone.now()
    theme = ThemeFactory(slug="storms", name="Storms")
    stories = [
        StoryFactory(
            headline="Fresh story",
            published_at=now - timedelta(hours=3),
            theme=theme,
            tags=["ferries"],
        ),
        StoryFactory(headline="Last month's story", published_at=now - timedelta(days=40)),
        StoryFactory(headline="Old story", published_at=now - timedelta(days=400)),
    ]
    for state in ("draft", "in_review", "withdrawn", "scheduled"):
        StoryFactory(
            headline=f"Hidden {state}", tags=["secret"], theme=ThemeFactory(), **{state: True}
        )
    return stories


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return etree.fromstring(response.content)


def test_the_index_lists_valid_sitemaps_that_hold_every_published_story_once(reader, newsroom):
    index = xml(reader, "/sitemap.xml")
    assert index.tag == f"{SM}sitemapindex"
    locations = [s.findtext(f"{SM}loc") for s in index.findall(f"{SM}sitemap")]
    assert len(locations) <= 50_000
    for entry in index.findall(f"{SM}sitemap"):
        assert W3C_DATETIME.match(entry.findtext(f"{SM}lastmod"))

    story_urls = []
    for location in locations:
        urlset = xml(reader, location.removeprefix("http://testserver"))
        assert SCHEMA.validate(urlset), SCHEMA.error_log
        urls = [u.findtext(f"{SM}loc") for u in urlset.findall(f"{SM}url")]
        assert 1 <= len(urls) <= 50_000
        if "/sitemap-stories-" in location:
            story_urls += urls
    expected = sorted(f"http://testserver{s.get_absolute_url()}" for s in newsroom)
    assert sorted(story_urls) == expected
    assert len([loc for loc in locations if "/sitemap-stories-" in loc]) == 3  # by month


def test_hidden_stories_and_their_tags_are_in_no_sitemap(reader, newsroom):
    everything = b"".join(
        reader.get(loc.removeprefix("http://testserver")).content
        for loc in re.findall(r"<loc>([^<]+)</loc>", reader.get("/sitemap.xml").content.decode())
    )
    assert b"hidden" not in everything.lower() and b"/tags/secret/" not in everything
    assert b"/tags/ferries/" in everything and b"/themes/storms/" in everything


def test_google_news_sitemap_lists_the_last_two_days(reader, newsroom, settings):
    settings.NEWSROOM_NAME = "Wire Today"
    urlset = xml(reader, "/sitemap-news.xml")
    assert SCHEMA.validate(urlset), SCHEMA.error_log
    urls = urlset.findall(f"{SM}url")
    assert [u.findtext(f"{SM}loc") for u in urls] == [
        f"http://testserver{newsroom[0].get_absolute_url()}"
    ]
    news = urls[0].find(f"{NEWS}news")
    publication = news.findall(f"{NEWS}publication")
    assert len(publication) == 1
    assert publication[0].findtext(f"{NEWS}name") == "Wire Today"
    assert re.match(r"^[a-z]{2,3}(-[A-Za-z]+)?$", publication[0].findtext(f"{NEWS}language"))
    assert W3C_DATETIME.match(news.findtext(f"{NEWS}publication_date"))
    assert news.findtext(f"{NEWS}title") == "Fresh story"
    assert len(urls) <= 1000


def test_no_empty_sitemap_is_listed_or_served(reader):
    SectionFactory()
    locations = re.findall(r"<loc>([^<]+)</loc>", reader.get("/sitemap.xml").content.decode())
    assert locations == ["http://testserver/sitemap-sections.xml"]
    assert reader.get("/sitemap-news.xml").status_code == 404
    assert reader.get("/sitemap-stories-1999-01.xml").status_code == 404


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_desk(reader):
    response = reader.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body and "Disallow: /preview/" in body


def test_a_new_month_is_listed_with_its_first_story(client):
    from datetime import datetime

    import time_machine

    first_day = timezone.make_aware(datetime(2026, 3, 1, 0, 30))
    for months_back in (1, 2, 5):  # February, January and October: three months
        StoryFactory(published_at=first_day - timedelta(days=28 * months_back))
    with time_machine.travel(first_day + timedelta(hours=1)):
        before = client.get("/sitemap.xml").content.decode()
        assert "stories-2026-03" not in before
        StoryFactory(published_at=timezone.now() - timedelta(minutes=5))
        index = client.get("/sitemap.xml").content.decode()  # no cache to wait for
    assert "stories-2026-03" in index
    for name in ("stories-2026-02", "stories-2026-01", "stories-2025-10"):
        assert name in index


def _index_names(client):
    return [loc.text for loc in xml(client, "/sitemap.xml").iter(f"{SM}loc")]


def test_past_months_kept_between_changes_follow_every_change(client, committed):
    """The months before this one are kept (counting them at a million stories took a
    second); publishing, moving or withdrawing a story there is seen at once."""
    from articles.models import Story
    from articles.services import Action, story_act
    from tests.factories import user_with_role

    now = timezone.now()
    only = StoryFactory(published_at=now - timedelta(days=400))
    month = timezone.localtime(only.published_at).strftime("stories-%Y-%m")
    assert any(month in name for name in _index_names(client))

    with committed():
        story_act(
            story=Story.objects.get(pk=only.pk),
            user=user_with_role("Editor"),
            action=Action.WITHDRAW,
        )
    assert not any(month in name for name in _index_names(client))

    older = StoryFactory(published_at=now - timedelta(days=800))
    older_month = timezone.localtime(older.published_at).strftime("stories-%Y-%m")
    assert any(older_month in name for name in _index_names(client))


def test_a_month_with_more_stories_than_a_file_holds_is_paged(client, monkeypatch):
    from articles import sitemaps

    monkeypatch.setattr(sitemaps.StoryMonthSitemap, "limit", 2)
    when = timezone.now() - timedelta(days=400)
    for n in range(5):
        StoryFactory(published_at=when + timedelta(minutes=n))
    month = timezone.localtime(when).strftime("stories-%Y-%m")
    pages = [name for name in _index_names(client) if month in name]
    assert len(pages) == 3 and pages[1].endswith("?p=2")
    urls = [len(list(xml(client, page.split("testserver")[1]).iter(f"{SM}url"))) for page in pages]
    assert urls == [2, 2, 1]


def test_postgresql_runs_without_jit():
    """JIT compiled the sections sitemap's query for 215 ms before running it for 3 ms at a
    million stories (newsroom/settings.py turns it off for every connection)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
