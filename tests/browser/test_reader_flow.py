"""A reader clicks through the demo newsroom in Chromium."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(live_server, settings):
    settings.NEWSROOM_AGENCY = "TASS"
    call_command("loaddemo", verbosity=0)
    return live_server.url


def test_home_to_article_to_theme_to_all_news_and_the_next_page(page, demo):
    page.goto(demo + "/")
    assert page.locator(".live-feed .day__heading").first.inner_text() == "9 December 2021"

    page.get_by_role(
        "link", name=re.compile(r"^Russia plans to deliver another batch")
    ).first.click()
    assert (
        page.locator("h1")
        .inner_text()
        .endswith(
            "Russia plans to deliver another batch of S-400 systems to Turkey - Kremlin spokesman"
        )
    )
    assert (
        page.locator(".article__body p")
        .first.inner_text()
        .startswith("ATHENS, December 9. /TASS/. Russia plans")
    )
    assert page.get_by_role("heading", name="S-400 deliveries to Turkey").is_visible()
    figure = page.locator(".article__figure img")
    # A rendition loaded (the browser picks one from srcset), WebP where supported.
    assert figure.evaluate("img => img.complete && img.naturalWidth") >= 640
    assert figure.evaluate("img => img.currentSrc").endswith(".webp")

    page.locator(".more-news").get_by_role("link", name="Coronavirus pandemic").first.click()
    assert page.locator("h1").inner_text() == "Coronavirus pandemic"
    assert page.locator(".feed-item").count() == 3

    page.get_by_role("link", name="All news").first.click()
    assert page.locator("h1").inner_text() == "All news"
    first_page = page.locator(".feed-item__title").all_inner_texts()
    assert len(first_page) == 30

    page.get_by_role("link", name="Older →").click()
    second_page = page.locator(".feed-item__title").all_inner_texts()
    assert len(second_page) == 22
    assert not set(first_page) & set(second_page)
    assert page.locator(".day__heading").last.inner_text() == "3 December 2021"

    page.get_by_role("link", name="← Newer").click()
    assert page.locator(".feed-item__title").all_inner_texts() == first_page


def test_phone_readers_get_the_feed_after_the_top_stories(page, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(demo + "/")
    top = page.locator(".top-stories").bounding_box()
    feed = page.locator(".live-feed").bounding_box()
    sections = page.locator(".section-block").first.bounding_box()
    assert top["y"] < feed["y"] < sections["y"]
    # Nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_home_feed_takes_in_new_stories_without_a_reload(page, live_server):
    from articles import services
    from articles.models import Story
    from tests.factories import SectionFactory, StoryFactory

    StoryFactory(headline="An earlier story")
    page.goto(live_server.url + "/")
    assert page.locator(".live-feed .feed-item").count() == 1

    story = Story(headline="Breaking: ferry found", section=SectionFactory(), mark="breaking")
    services.story_publish(story=story, user=services.SYSTEM)
    page.evaluate("window.newsroomRefreshFeed()")

    first = page.locator(".live-feed .feed-item").first
    expect(first).to_contain_text("Breaking: ferry found")
    expect(first.locator(".mark")).to_have_text("Breaking")
    assert page.locator(".live-feed .feed-item").count() == 2


def test_all_news_loads_more_in_place_and_works_without_javascript(browser, demo):
    context = browser.new_context()
    page = context.new_page()
    page.goto(demo + "/news/")
    page.get_by_role("button", name="Load more").click()
    expect(page.locator(".feed-item")).to_have_count(52)
    assert page.url.endswith("/news/")  # no navigation happened
    assert page.locator(".day__heading").last.inner_text() == "3 December 2021"
    expect(page.get_by_role("button", name="Load more")).to_have_count(0)
    context.close()

    no_script = browser.new_context(java_script_enabled=False)
    page = no_script.new_page()
    page.goto(demo + "/news/")
    page.get_by_role("link", name="Older →").click()
    assert page.locator(".feed-item").count() == 22
    no_script.close()


def test_article_to_tag_to_search_to_a_result(page, demo):
    page.goto(demo + "/")
    page.get_by_role(
        "link", name=re.compile(r"^Russia plans to deliver another batch")
    ).first.click()
    page.locator(".tags").get_by_role("link", name="S-400").click()
    assert page.locator("h1").inner_text() == "S-400"
    assert page.locator(".feed-item").count() >= 1

    page.get_by_role("searchbox").first.fill("Sputnik vaccine")
    page.get_by_role("searchbox").first.press("Enter")
    results = page.locator(".result h2 a")
    expect(results.first).to_be_visible()
    headline = results.first.inner_text()
    results.first.click()
    assert page.locator("h1").inner_text().endswith(headline)
