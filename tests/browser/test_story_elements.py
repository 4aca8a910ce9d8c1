"""Rich stories in Chromium: an editor puts a picture from the library, one uploaded on
the spot and a gallery between the paragraphs, fixes what blocks publication, publishes,
and a reader sees every element (and, without a script, the gallery as a list)."""

import pytest
from playwright.sync_api import expect

from articles.models import Image, Story
from articles.roles import EDITOR
from tests.browser.test_desk_flow import choose, jpeg, log_in
from tests.factories import ImageFactory, SectionFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = "docs/screenshots"


def chooser(page):
    return page.locator("dialog.picture-chooser")


def new_story_in_the_desk(browser, base, *paragraphs):
    """An editor's browser on a new story in the World section, its paragraphs typed."""
    SectionFactory(slug="world", name="World")
    user_with_role(EDITOR, username="ed")
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    log_in(page, base, "ed")
    page.goto(f"{base}/admin/articles/story/add/")
    page.fill("#id_headline", "Port reopens after the storm")
    choose(page, "id_section", "World")
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    for number, paragraph in enumerate(paragraphs):
        if number:
            page.keyboard.press("Enter")
        page.keyboard.type(paragraph)
    return context, page, body


def test_an_editor_puts_pictures_and_a_gallery_in_the_text_and_publishes(
    browser, live_server, tmp_path
):
    harbour = ImageFactory(caption="Harbour at dawn", alt_text="Boats moored in a harbour")
    cranes = ImageFactory(caption="Cranes on the quay", alt_text="")
    quay = ImageFactory(caption="The empty quay", alt_text="An empty quay in the rain")
    base = live_server.url
    context, page, body = new_story_in_the_desk(
        browser, base, "The port reopened at dawn.", "Ships queued outside."
    )

    # A picture from the library, found by searching, placed inset after paragraph one.
    body.locator(":scope > p").first.click()
    page.locator("[data-name=storyPicture]").click()
    chooser(page).get_by_role("searchbox").fill("harbour")
    expect(chooser(page).locator(".picture-chooser__pick")).to_have_count(1)
    chooser(page).locator(".picture-chooser__pick").click()
    picture = page.locator("[data-element=picture]").first
    expect(picture).to_contain_text("Harbour at dawn")
    picture.get_by_label("Placement of the picture").select_option("inset")

    # One uploaded on the spot, with its words.
    body.locator(":scope > p").last.click()
    page.locator("[data-name=storyPicture]").click()
    upload = chooser(page).locator("form.picture-chooser__upload")
    upload.locator("input[name=file]").set_input_files(str(jpeg(tmp_path)))
    upload.locator("input[name=alt_text]").fill("A blue ferry leaving the harbour")
    upload.locator("input[name=caption]").fill("The first ferry out")
    upload.get_by_role("button", name="Upload and choose").click()
    expect(page.locator("[data-element=picture]").nth(1)).to_contain_text("The first ferry out")

    # A gallery of three, then the last moved to the front by its number.
    body.locator(":scope > p").last.click()
    page.locator("[data-name=storyGallery]").click()
    for caption in ("Harbour at dawn", "Cranes on the quay", "The empty quay"):
        chooser(page).locator(".picture-chooser__pick", has_text=caption).click()
    chooser(page).get_by_role("button", name="Insert the gallery").click()
    gallery = page.locator("[data-element=gallery]")
    expect(gallery.locator("li")).to_have_count(3)
    gallery.get_by_label("Position of picture 3").fill("1")
    gallery.get_by_label("Position of picture 3").dispatch_event("change")
    expect(gallery.locator("li").first).to_contain_text("The empty quay")
    expect(gallery.locator("li").nth(2)).to_contain_text("No alt text yet")
    gallery.scroll_into_view_if_needed()
    page.screenshot(path=f"{SCREENSHOTS}/elements-desk-gallery.png")

    # A picture with no alt text blocks publication, and the desk says which one.
    page.get_by_role("button", name="Publish (now, or at the publication time)").click()
    expect(page.locator(".errorlist").first).to_contain_text(
        # harbour, then the gallery after "Ships queued outside." (quay, harbour, cranes)
        "the 3rd picture in the text (“Cranes on the quay”)"
    )
    assert not Story.objects.exists()

    cranes.alt_text = "Three cranes unloading containers"
    cranes.save()
    page.get_by_role("button", name="Publish (now, or at the publication time)").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    story = Story.objects.get()
    uploaded = Image.objects.get(caption="The first ferry out")
    assert story.is_published
    assert story.body.count("<figure") == 3
    assert f'data-gallery="{quay.pk},{harbour.pk},{cranes.pk}"' in story.body
    assert set(story.inline_images.all()) == {harbour, cranes, quay, uploaded}

    # What a reader sees.
    context.close()
    reading = browser.new_context(viewport={"width": 1280, "height": 1000})
    reader = reading.new_page()
    reader.goto(base + story.get_absolute_url())
    inset = reader.locator(".article__body figure.body-picture--inset")
    expect(inset.locator("img")).to_have_attribute("alt", "Boats moored in a harbour")
    expect(inset.locator("figcaption")).to_contain_text("Harbour at dawn")
    expect(reader.locator(".article__body figure.body-picture--full figcaption")).to_contain_text(
        "The first ferry out"
    )
    inset.scroll_into_view_if_needed()
    reader.screenshot(path=f"{SCREENSHOTS}/elements-picture-in-text.png")
    gallery = reader.locator("section.gallery")
    expect(gallery.locator(".gallery__status")).to_have_text("Picture 1 of 3")
    expect(gallery.locator("li:visible figcaption")).to_contain_text("The empty quay")
    gallery.get_by_role("button", name="Next picture").click()
    expect(gallery.locator(".gallery__status")).to_have_text("Picture 2 of 3")
    gallery.get_by_role("button", name="Next picture").focus()
    reader.keyboard.press("ArrowRight")
    expect(gallery.locator("li:visible figcaption")).to_contain_text("Cranes on the quay")
    gallery.scroll_into_view_if_needed()
    reader.screenshot(path=f"{SCREENSHOTS}/elements-gallery.png")

    # Without scripts the gallery is every figure, in order.
    reading.close()
    no_scripts = browser.new_context(java_script_enabled=False)
    plain = no_scripts.new_page()
    plain.goto(base + story.get_absolute_url())
    expect(plain.locator("section.gallery li figure")).to_have_count(3)
    expect(plain.locator("section.gallery li").first).to_contain_text("The empty quay")
    no_scripts.close()


def test_an_editor_adds_a_pull_quote_a_fact_box_and_a_read_also_link(browser, live_server):
    from tests.factories import StoryFactory

    StoryFactory(headline="Ferry line to Helsinki reopens")
    base = live_server.url
    context, page, body = new_story_in_the_desk(
        browser, base, "The port reopened at dawn.", "We waited three days for this."
    )
    page.locator("[data-name=blockquote]").click()
    pull_quote = page.locator("[data-name='nodeClass:blockquote:pull-quote']")
    page.locator(".prose-menubar__dropdown", has=pull_quote).locator(
        ".prose-menubar__selected"
    ).click()
    pull_quote.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("Closed for 72 hours")
    page.locator("[data-name=factBox]").click()
    body.locator(":scope > p").first.click()
    page.locator("[data-name=storyLink]").click()
    page.get_by_label("Search stories by headline").fill("Helsinki")
    page.locator(".story-chooser__pick", has_text="Ferry line to Helsinki reopens").click()
    expect(page.locator("[data-element=story]")).to_contain_text("Ferry line to Helsinki reopens")

    page.get_by_role("button", name="Publish (now, or at the publication time)").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    story = Story.objects.get(headline="Port reopens after the storm")
    assert '<blockquote class="pull-quote">' in story.body
    assert '<aside class="fact-box"><p>Closed for 72 hours</p></aside>' in story.body
    context.close()

    reading = browser.new_context(viewport={"width": 1280, "height": 1000})
    reader = reading.new_page()
    reader.goto(base + story.get_absolute_url())
    expect(reader.locator(".read-also a")).to_have_text("Ferry line to Helsinki reopens")
    expect(reader.locator("blockquote.pull-quote")).to_contain_text("We waited three days")
    expect(reader.locator("aside.fact-box")).to_contain_text("Closed for 72 hours")
    reader.locator(".read-also").scroll_into_view_if_needed()
    reader.screenshot(path=f"{SCREENSHOTS}/elements-quote-factbox-read-also.png")
    reading.close()
