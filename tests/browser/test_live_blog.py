"""A live blog in Chromium: two editors, each with the desk's live page open, post to
one story and every entry shows; a reader's open page offers the new entries without a
reload, and shows them when asked."""

import pytest
from playwright.sync_api import expect

from articles.models import LiveEntry
from articles.roles import EDITOR
from tests.browser.test_desk_flow import log_in
from tests.browser.test_story_elements import SCREENSHOTS
from tests.factories import StoryFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_editors_post_and_an_open_page_receives_both(browser, live_server, settings):
    settings.LIVE_POLL_SECONDS = 1
    story = StoryFactory(headline="Storm hits the coast", live_coverage=True)
    base = live_server.url

    reading = browser.new_context(viewport={"width": 1280, "height": 1000})
    reader = reading.new_page()
    reader.goto(base + story.get_absolute_url())
    expect(reader.locator(".live")).to_contain_text("No updates yet")
    reader.evaluate("window.stillTheSamePage = true")

    desks = []
    for name in ("ed", "ed2"):
        user_with_role(EDITOR, username=name)
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        log_in(page, base, name)
        page.goto(f"{base}/admin/articles/story/{story.pk}/live/")
        desks.append((context, page))
    words = ("Winds reach 120 km/h.", "The harbour is closed.")
    for (_context, page), text in zip(desks, words, strict=True):
        page.get_by_label("Entry").fill(text)
    desks[1][1].get_by_label("Key event").check()
    # One after the other, both desks open (the test database, SQLite in memory, takes
    # one writer at a time; separate rows are what keeps simultaneous posts apart).
    for _context, page in desks:
        page.get_by_role("button", name="Post now").click()
        expect(page.locator(".messagelist .success")).to_contain_text("Posted")
    assert LiveEntry.objects.filter(status="published").count() == 2
    desks[0][1].reload()
    expect(desks[0][1].locator(".desk-live__entry")).to_have_count(2)
    desks[0][1].screenshot(path=f"{SCREENSHOTS}/live-desk.png")
    for context, _page in desks:
        context.close()

    offer = reader.get_by_role("button", name="2 new updates")
    expect(offer).to_be_visible(timeout=10_000)
    expect(reader.locator(".live-entry")).to_have_count(0)  # nothing moved on its own
    offer.click()
    expect(reader.locator(".live-entry")).to_have_count(2)
    expect(reader.locator(".live-entry").first).to_be_focused()
    assert reader.evaluate("window.stillTheSamePage") is True
    texts = reader.locator(".live-entry__body").all_inner_texts()
    assert sorted(texts) == ["The harbour is closed.", "Winds reach 120 km/h."]
    reader.locator(".live").scroll_into_view_if_needed()
    reader.screenshot(path=f"{SCREENSHOTS}/live-blog.png")
    reading.close()
