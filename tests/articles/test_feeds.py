"""Feeds, read by feedparser as a feed reader would."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from tests.factories import ImageFactory, SectionFactory, SourceFactory, StoryFactory, ThemeFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

FEEDS = ["rss", "atom"]


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.fixture
def newsroom():
    theme, source = ThemeFactory(slug="ukraine"), SourceFactory(slug="afp")
    world = SectionFactory(slug="world", name="World")
    now = timezone.now()
    visible = [
        StoryFactory(
            headline=f"Visible story {n}",
            section=world,
            theme=theme,
            sources=[source],
            tags=["donbass"],
            lead_image=ImageFactory(),
            published_at=now - timedelta(hours=n + 1),
        )
        for n in range(3)
    ]
    for state in ("draft", "in_review", "withdrawn", "scheduled"):
        StoryFactory(
            headline=f"Hidden {state}",
            section=world,
            theme=theme,
            sources=[source],
            tags=["donbass"],
            **{state: True},
        )
    return visible


@pytest.mark.parametrize("kind", FEEDS)
@pytest.mark.parametrize(
    "path", ["/news", "/sections/world", "/themes/ukraine", "/sources/afp", "/tags/donbass"]
)
def test_every_feed_parses_and_lists_only_published_stories_newest_first(
    reader, newsroom, kind, path
):
    feed = read(reader, f"{path}/{kind}/")

    titles = [entry.title for entry in feed.entries]
    assert titles == ["Visible story 0", "Visible story 1", "Visible story 2"]
    entry = feed.entries[0]
    story = newsroom[0]
    assert entry.link == f"http://testserver{story.get_absolute_url()}"
    assert entry.id == f"http://testserver/news/{story.pk}/"  # survives a new headline
    assert entry.summary == story.standfirst
    assert entry.published_parsed[:5] == story.published_at.utctimetuple()[:5]
    assert {"World", "donbass"} <= {tag.term for tag in entry.tags}
    enclosure = next(link for link in entry.links if link.rel == "enclosure")
    assert enclosure.type == "image/jpeg" and int(enclosure.length) > 0
    assert enclosure.href.startswith("http://testserver/media/images/renditions/")


def test_rss_carries_media_rss_pictures(reader, newsroom):
    feed = read(reader, "/news/rss/")
    media = feed.entries[0].media_content[0]
    assert media["medium"] == "image" and int(media["width"]) > 0


def test_a_guid_stays_when_the_headline_changes(reader, newsroom):
    before = read(reader, "/news/rss/").entries[0].id
    story = newsroom[0]
    story.headline, story.slug = "A new headline", ""
    story.save()
    after = read(reader, "/news/rss/").entries[0]
    assert after.id == before and after.title == "A new headline"


@pytest.mark.parametrize("kind", FEEDS)
def test_feeds_of_unknown_or_draft_only_subjects_are_404(reader, kind):
    StoryFactory(tags=["secret-merger"], draft=True)
    assert reader.get(f"/tags/secret-merger/{kind}/").status_code == 404
    assert reader.get(f"/sections/nowhere/{kind}/").status_code == 404


def test_pages_advertise_their_feeds(reader, newsroom):
    for page_url, feed_url in [
        ("/", "/news/rss/"),
        ("/news/", "/news/atom/"),
        ("/themes/ukraine/", "/themes/ukraine/rss/"),
    ]:
        html = reader.get(page_url).content.decode()
        assert 'type="application/rss+xml"' in html and feed_url in html, page_url
        assert parse(reader.get(page_url)).links.get("alternate")


def test_feeds_run_a_fixed_number_of_queries(reader, django_assert_max_num_queries, newsroom):
    for _ in range(20):
        inline = ImageFactory()
        StoryFactory(
            tags=["donbass", "more"],
            lead_image=ImageFactory(),
            body=f'<p>x</p><figure data-picture="{inline.pk}"></figure>',
        )
    with django_assert_max_num_queries(4):  # the pictures in the text, for Media RSS
        reader.get("/news/rss/")
    with django_assert_max_num_queries(3):
        reader.get("/tags/donbass/atom/")


def test_media_rss_carries_every_picture_of_a_story_lead_first(reader):
    lead = ImageFactory(caption="The lead", credit="Agency")
    inline = ImageFactory(caption="In the text", credit="Staff")
    StoryFactory(
        lead_image=lead,
        body=f'<p>x</p><figure data-picture="{inline.pk}"></figure>'
        f'<figure data-gallery="{lead.pk}"></figure>',
    )
    feed = read(reader, "/news/rss/")
    (entry,) = feed.entries
    urls = [media["url"] for media in entry.media_content]
    assert len(urls) == 2  # the lead shown again in a gallery is listed once
    assert urls[0].endswith(lead.share_rendition["url"])
    assert urls[1].endswith(inline.share_rendition["url"])
    assert [link.href for link in entry.links if link.rel == "enclosure"] == [urls[0]]
    assert entry.media_credit[1]["content"] == "Staff"
    assert not feed.bozo
