"""Video and embeds in Chromium: an editor embeds a post by its link and puts a video
from the library (uploaded on the spot) in the text, publishes; a reader's browser
contacts no other site until the reader asks, then loads only that provider's frame
(the provider's origin answered by a stub here, as nothing may reach the internet)."""

import shutil

import pytest
from playwright.sync_api import expect

from articles.models import Story
from tests.articles.test_videos import H264, made_by_ffmpeg
from tests.browser.test_story_elements import SCREENSHOTS, chooser, new_story_in_the_desk

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("ffmpeg"), reason="Debian's ffmpeg is needed"),
]

STUB_PLAYER = "<!doctype html><title>Player</title><p>Stub player: the storm over the harbour</p>"


def test_an_editor_embeds_a_video_by_its_link_and_a_reader_loads_it_on_a_click(
    browser, live_server, tmp_path, settings
):
    settings.EMBED_FETCH = False  # no network: the embed saves as a card with its frame
    base = live_server.url
    context, page, body = new_story_in_the_desk(
        browser, base, "The storm reached the harbour at noon.", "Ferries stayed in port."
    )

    # A hosted video by its link.
    body.locator(":scope > p").first.click()
    page.locator("[data-name=storyEmbed]").click()
    dialog = page.locator("dialog.picture-chooser")
    dialog.get_by_label("Link to the post, video, map or document").fill("https://example.com/x")
    dialog.get_by_role("button", name="Embed").click()
    expect(dialog.get_by_role("alert")).to_contain_text("Embeds come from: YouTube")
    dialog.get_by_label("Link to the post, video, map or document").fill(
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )
    dialog.get_by_role("button", name="Embed").click()
    expect(page.locator("[data-element=embed]")).to_contain_text("YouTube video")

    # A video file, uploaded from the chooser.
    body.locator(":scope > p").last.click()
    page.locator("[data-name=storyVideo]").click()
    upload = chooser(page).locator("form.picture-chooser__upload")
    upload.locator("input[name=upload]").set_input_files(
        str(made_by_ffmpeg(tmp_path, "c.mp4", *H264))
    )
    upload.locator("input[name=title]").fill("Waves on the breakwater")
    upload.get_by_role("button", name="Upload and choose").click()
    expect(page.locator("[data-element=video]")).to_contain_text("Waves on the breakwater (0:03)")
    page.locator("[data-element=video]").scroll_into_view_if_needed()
    page.screenshot(path=f"{SCREENSHOTS}/elements-desk-video-embed.png")

    page.get_by_role("button", name="Publish (now, or at the publication time)").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    story = Story.objects.get()
    assert story.inline_embeds.count() == 1 and story.inline_videos.count() == 1
    context.close()

    # A reader: nothing from another site until the click.
    reading = browser.new_context(viewport={"width": 1280, "height": 1000})
    reader = reading.new_page()
    requests = []
    reader.on("request", lambda request: requests.append(request.url))
    reader.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=STUB_PLAYER),
    )
    reader.goto(base + story.get_absolute_url())
    video = reader.locator(".article__body video")
    expect(video).to_have_attribute("preload", "none")
    expect(reader.locator(".body-video figcaption")).to_contain_text("Waves on the breakwater")
    card = reader.locator("figure.embed")
    expect(card).to_contain_text("loads content from www.youtube-nocookie.com")
    card.scroll_into_view_if_needed()
    reader.screenshot(path=f"{SCREENSHOTS}/elements-embed-facade.png")
    assert [url for url in requests if not url.startswith(base)] == []

    card.get_by_role("button", name="Show the video from YouTube").click()
    frame = card.locator("iframe.embed__frame")
    expect(frame).to_have_attribute("src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
    expect(reader.frame_locator("iframe.embed__frame").locator("p")).to_contain_text("Stub player")
    outside = {url.split("/")[2] for url in requests if not url.startswith(base)}
    assert outside == {"www.youtube-nocookie.com"}
    reader.screenshot(path=f"{SCREENSHOTS}/elements-embed-loaded.png")
    video.scroll_into_view_if_needed()
    reader.screenshot(path=f"{SCREENSHOTS}/elements-video.png")
    reading.close()
