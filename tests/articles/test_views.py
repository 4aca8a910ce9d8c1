"""What readers see on each page, checked against the reference wire page."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from articles.models import Story
from tests.factories import (
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    SourceFactory,
    StoryFactory,
    ThemeFactory,
)
from tests.html import day_headings, feed_links, parse, text

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("newsroom_settings"),
]


@pytest.fixture
def newsroom_settings(settings):
    settings.NEWSROOM_NAME = "Wire Today"
    settings.NEWSROOM_AGENCY = "TASS"
    settings.TIME_ZONE = "Europe/Moscow"


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def s400():
    """The reference's article, with everything an article page shows."""
    theme = ThemeFactory(name="Coronavirus pandemic", slug="coronavirus")
    story = StoryFactory(
        headline="Russia plans to deliver another batch of S-400 systems to Turkey",
        standfirst="Dmitry Peskov said that this kind of cooperation should not be a threat",
        dateline_place="Athens",
        body=(
            "<p>Russia plans to deliver another batch of S-400 missile systems to Turkey.</p>"
            "<h2>S-400 deliveries to Turkey</h2><p>Moscow and Ankara inked a deal in 2017.</p>"
        ),
        published_at=utc(2021, 12, 9, 7, 25),  # 10:25 in Moscow
        updated_at=utc(2021, 12, 9, 9, 0),
        section=SectionFactory(slug="military", name="Military & Defense"),
        theme=theme,
        mark=Story.Mark.EXCLUSIVE,
        lead_image=ImageFactory(caption="An S-400 launcher", credit="Press service"),
        sources=[SourceFactory(name="Kremlin spokesman", slug="kremlin-spokesman")],
        authors=[AuthorFactory(name="Athens bureau")],
        tags=["S-400", "Turkey"],
    )
    return story


def test_article_page_shows_what_the_reference_shows(reader, s400):
    related = StoryFactory(
        headline="Kremlin unveils details on level of ties with Greece, Turkey",
        standfirst="The press secretary assessed Russian-Greek relations at 6",
        published_at=utc(2021, 12, 9, 8, 10),
    )
    s400.related.add(related)

    response = reader.get(s400.get_absolute_url())

    assert response.status_code == 200
    page = parse(response)
    assert "Russia plans to deliver another batch of S-400 systems to Turkey" in page.text
    assert "Dmitry Peskov said that this kind of cooperation should not be a threat" in page.text
    assert "ATHENS, December 9. /TASS/. Russia plans to deliver" in page.text
    assert "S-400 deliveries to Turkey" in page.text
    assert "Exclusive" in page.text
    assert "Sources: Kremlin spokesman" in page.text
    assert "By Athens bureau" in page.text
    assert "An S-400 launcher © Press service" in page.text
    assert "Published 9 December 2021, 10:25" in page.text
    assert "Updated 9 December 2021, 12:00" in page.text
    assert {"2021-12-09T10:25:00+03:00", "2021-12-09T12:00:00+03:00"} <= set(page.times)
    hrefs = {a["text"]: a["href"] for a in page.anchors}
    assert hrefs["Coronavirus pandemic"] == "/themes/coronavirus/"
    assert hrefs["S-400"] == "/tags/s-400/"
    assert hrefs["Kremlin spokesman"] == "/sources/kremlin-spokesman/"
    assert page.links["canonical"] == f"http://testserver{s400.get_absolute_url()}"
    # More news: the related story first, with its lead and a Read more link.
    more = page.text.split("More news", 1)[1]
    assert more.index("Kremlin unveils details") < more.index("Read more")
    assert "The press secretary assessed Russian-Greek relations at 6" in more
    assert any(
        a["text"].startswith("Read more") and a["href"] == related.get_absolute_url()
        for a in page.anchors
    )


def test_article_url_survives_a_new_headline(reader, s400):
    old_url = s400.get_absolute_url()
    s400.headline = "Russia to deliver more S-400 systems to Turkey"
    s400.slug = ""
    s400.save()

    response = reader.get(old_url)

    assert response.status_code == 301
    assert response["Location"] == s400.get_absolute_url() != old_url
    assert reader.get(response["Location"]).status_code == 200


def test_short_article_url_redirects_to_the_full_one(reader, s400):
    response = reader.get(reverse("articles:story-short", kwargs={"pk": s400.pk}))
    assert response.status_code == 301
    assert response["Location"] == s400.get_absolute_url()


def test_home_shows_the_live_feed_grouped_by_day_in_the_newsroom_time(reader):
    StoryFactory(
        headline="Putin-Biden video conference over",
        standfirst="The talks lasted for slightly over two hours",
        published_at=utc(2021, 12, 7, 17, 10),
        mark=Story.Mark.BREAKING,
    )
    # 23:30 UTC on the 8th is 02:30 on the 9th in Moscow: it belongs under 9 December.
    StoryFactory(headline="Late story", published_at=utc(2021, 12, 8, 23, 30))

    response = reader.get("/")

    assert response.status_code == 200
    assert day_headings(response) == ["9 December 2021", "7 December 2021"]
    page_text = text(response)
    assert "02:30 Late story" in page_text
    assert "20:10 Breaking Putin-Biden video conference over" in page_text
    assert "The talks lasted for slightly over two hours" in page_text
    assert any(a["text"] == "All news" and a["href"] == "/news/" for a in parse(response).anchors)


def test_home_puts_pinned_stories_on_top_and_shows_section_blocks(reader):
    world = SectionFactory(slug="world", name="World", position=2)
    newest = StoryFactory(headline="Newest story", lead_image=ImageFactory())
    pinned = StoryFactory(
        headline="Pinned story",
        home_priority=5,
        published_at=newest.published_at - timedelta(days=2),
    )
    StoryFactory(headline="World story", section=world)

    page = parse(reader.get("/"))

    top = page.text.split("Top stories", 1)[1]
    assert top.index("Pinned story") < top.index("Newest story")
    assert {"World", "Politics"} <= {a["text"] for a in page.anchors}
    assert "World story" in page.text.split("World", 1)[1]
    assert pinned.get_absolute_url() in {a["href"] for a in page.anchors}


def test_masthead_lists_the_sections(reader):
    SectionFactory(slug="economy", name="Economy & Business", position=3)
    StoryFactory()
    nav = [a["text"] for a in parse(reader.get("/news/")).anchors]
    assert "Economy & Business" in nav and "Politics" in nav


@pytest.mark.parametrize(
    ("url_name", "make_subject"),
    [
        ("articles:section", lambda story: story.section.slug),
        ("articles:theme", lambda story: story.theme.slug),
        ("articles:source", lambda story: story.sources.get().slug),
        ("articles:tag", lambda story: story.tags.get().slug),
    ],
)
def test_list_pages_show_their_stories_newest_first_by_day(reader, url_name, make_subject):
    theme, source = ThemeFactory(name="Tensions around Ukraine"), SourceFactory(name="AFP")
    stories = [
        StoryFactory(
            theme=theme, sources=[source], tags=["Ukraine"], published_at=utc(2021, 12, day, 12)
        )
        for day in (3, 6, 9)
    ]
    StoryFactory(headline="Unrelated", section=SectionFactory(slug="sports"))

    response = reader.get(reverse(url_name, kwargs={"slug": make_subject(stories[0])}))

    assert response.status_code == 200
    assert feed_links(response) == [s.get_absolute_url() for s in reversed(stories)]
    assert day_headings(response) == ["9 December 2021", "6 December 2021", "3 December 2021"]
    assert "Unrelated" not in text(response)


def test_all_news_lists_every_published_story(reader):
    stories = [StoryFactory(published_at=utc(2021, 12, 9, hour)) for hour in range(5)]
    response = reader.get("/news/")
    assert feed_links(response) == [s.get_absolute_url() for s in reversed(stories)]
    assert "All news" in text(response)


def test_empty_newsroom_pages_still_render(reader):
    assert reader.get("/").status_code == 200
    assert reader.get("/news/").status_code == 200
    section = SectionFactory(slug="science", name="Science & Space")
    response = reader.get(section.get_absolute_url())
    assert response.status_code == 200
    assert "No stories have been published here yet." in text(response)


@pytest.mark.parametrize(
    "url",
    [
        "/news/?before=garbage",
        "/news/?after=1-",
        "/news/?before=999999999999999999-1",
        "/news/?before=1-999999999999999999",
        "/news/999999999999999999999/",
        "/news/999999999999999999999/some-slug/",
        "/sections/no-such-section/",
        "/themes/no-such-theme/",
        "/tags/no-such-tag/",
        "/sources/no-such-source/",
        "/no/such/page/",
    ],
)
def test_bad_addresses_get_the_sites_404_page(reader, url):
    StoryFactory()
    response = reader.get(url)
    assert response.status_code == 404
    assert "We could not find that page" in text(response)
    assert "Wire Today" in text(response)


def test_a_cursor_past_the_end_is_a_404_not_an_empty_page(reader):
    story = StoryFactory(published_at=utc(2021, 12, 9, 12))
    assert reader.get("/news/?before=1-1").status_code == 404
    assert reader.get(f"/news/?before=0-{story.pk}").status_code == 404


def test_server_error_page_is_in_the_sites_style(reader, settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong on our side" in html
    assert "css/site.css" in html
