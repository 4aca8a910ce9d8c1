"""A reader clicks through the demo newsroom in Chromium."""

import re

import pytest
from django.core.management import call_command

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
