"""What a reader's browser does with the pages: the keyboard reaches everything, and times
are the newsroom's, whatever zone the reader's computer is in."""

from datetime import UTC, datetime, time, timedelta

import pytest
from playwright.sync_api import expect

from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_keyboard_skips_to_the_content_with_a_visible_focus(page, live_server):
    StoryFactory(headline="A story to reach by keyboard")
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Skip to content")
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["width"] > 0 and box["height"] > 0  # shown when focused
    assert skip.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.url.endswith("#content")
    page.keyboard.press("Tab")
    # The next stop is inside the page's content, not back in the masthead.
    assert page.evaluate("document.activeElement.closest('#content') !== null")


def moscow_day(moment):
    local = moment + timedelta(hours=3)  # Europe/Moscow has no daylight saving
    return f"{local.day} {local:%B %Y}", f"{local:%H:%M}"


def test_times_are_the_newsrooms_in_any_readers_zone(browser, live_server, settings):
    from articles import services
    from articles.models import Story
    from tests.factories import SectionFactory

    settings.TIME_ZONE = "Europe/Moscow"
    today = datetime.now(UTC).date()
    # 22:15 UTC three days ago is already the next day in Moscow.
    earlier = datetime.combine(today - timedelta(days=3), time(22, 15), tzinfo=UTC)
    StoryFactory(headline="Filed late in the evening", published_at=earlier)
    # A reader in California, where it is still the afternoon of the day before.
    context = browser.new_context(timezone_id="America/Los_Angeles")
    page = context.new_page()
    page.goto(live_server.url + "/")
    day, clock = moscow_day(earlier)
    assert page.locator(".live-feed .day__heading").first.inner_text() == day
    assert page.locator(".live-feed .feed-item__time").first.inner_text() == clock

    # A story that arrives while the page is open is placed by the browser's script.
    later = datetime.combine(today - timedelta(days=1), time(23, 30), tzinfo=UTC)
    story = Story(headline="Filed at half past eleven", section=SectionFactory())
    services.story_publish(story=story, user=services.SYSTEM, publish_at=later)
    page.evaluate("window.newsroomRefreshFeed()")
    first = page.locator(".live-feed .feed-item").first
    expect(first).to_contain_text("Filed at half past eleven")
    day, clock = moscow_day(later)
    expect(page.locator(".live-feed .day__heading").first).to_have_text(day)
    expect(first.locator(".feed-item__time")).to_have_text(clock)
    context.close()
