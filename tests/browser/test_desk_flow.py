"""The desk in Chromium: a reporter files a story with a picture, an editor publishes it,
and two editors editing the same story lose nothing."""

import re

import pytest
from PIL import Image as PILImage
from playwright.sync_api import expect

from articles.models import Story
from articles.roles import EDITOR, REPORTER
from tests.factories import SectionFactory, StoryFactory, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"


def log_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def choose(page, field_id, text):
    """Pick a value in one of the admin's autocomplete (select2) fields."""
    page.click(f"#{field_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    page.locator(".select2-results__option", has_text=text).first.click()


def jpeg(tmp_path):
    path = tmp_path / "ferry.jpg"
    PILImage.new("RGB", (1200, 800), (30, 80, 140)).save(path, format="JPEG")
    return path


def test_reporter_files_a_story_with_a_picture_and_an_editor_publishes_it(
    browser, live_server, tmp_path
):
    SectionFactory(slug="world", name="World")
    user_with_role(REPORTER, username="rita")
    user_with_role(EDITOR, username="ed")
    base = live_server.url

    reporter = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = reporter.new_page()
    log_in(page, base, "rita")

    # The picture first, through the image library.
    page.goto(f"{base}/admin/articles/image/add/")
    page.set_input_files("#id_file", str(jpeg(tmp_path)))
    page.fill("#id_alt_text", "A blue ferry leaving the harbour")
    page.fill("#id_caption", "The ferry at dawn")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")

    # Then the story.
    page.goto(f"{base}/admin/articles/story/add/")
    page.fill("#id_headline", "Baltic ferry resumes service after storm")
    expect(page.locator(".desk-counter").first).to_have_text("40 / 70 characters recommended")
    page.fill("#id_standfirst", "The ferry left port at dawn, two days late")
    page.fill("#id_dateline_place", "Tallinn")
    editor_area = page.locator(".ProseMirror[contenteditable=true]")
    editor_area.click()
    page.keyboard.type("The ferry left port at six in the morning.")
    page.keyboard.press("Enter")
    page.keyboard.type("Passengers cheered.")
    choose(page, "id_section", "World")
    choose(page, "id_lead_image", "The ferry at dawn")
    page.fill("#id_tags", "ferries, Baltic Sea")
    page.click("button[value=submit]")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    story = Story.objects.get()
    assert story.status == Story.Status.IN_REVIEW
    assert "<p>The ferry left port at six in the morning.</p>" in story.body
    reporter.close()

    # The editor publishes it.
    desk = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = desk.new_page()
    log_in(page, base, "ed")
    page.goto(f"{base}/admin/articles/story/?state=review")
    page.get_by_role("link", name="Baltic ferry resumes service after storm").click()
    page.click("button[value=publish]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    desk.close()

    # Readers see it everywhere.
    readers = browser.new_context()
    page = readers.new_page()
    page.goto(f"{base}/")
    assert page.get_by_role(
        "link", name="Baltic ferry resumes service after storm"
    ).first.is_visible()
    page.goto(f"{base}/news/")
    page.get_by_role("link", name="Baltic ferry resumes service after storm").first.click()
    assert page.locator("h1").inner_text() == "Baltic ferry resumes service after storm"
    assert page.locator(".article__body p").first.inner_text().startswith("TALLINN, ")
    figure = page.locator(".article__figure")
    assert "The ferry at dawn" in figure.inner_text()
    assert figure.locator("img").get_attribute("alt") == "A blue ferry leaving the harbour"
    assert figure.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    readers.close()


def test_two_editors_edit_one_story_and_nothing_is_lost(browser, live_server):
    story = StoryFactory(headline="Original headline", standfirst="Original lead")
    user_with_role(EDITOR, username="ed")
    user_with_role(EDITOR, username="eve")
    url = f"{live_server.url}/admin/articles/story/{story.pk}/change/"

    first_context, second_context = browser.new_context(), browser.new_context()
    first, second = first_context.new_page(), second_context.new_page()
    log_in(first, live_server.url, "ed")
    log_in(second, live_server.url, "eve")
    first.goto(url)
    second.goto(url)

    first.fill("#id_headline", "Headline by Ed")
    first.click("input[name=_continue]")
    expect(first.locator(".messagelist")).to_contain_text("was changed successfully")

    second.fill("#id_standfirst", "Lead by Eve")
    second.click("input[name=_continue]")

    expect(second.locator(".errorlist.nonfield")).to_contain_text(
        "ed saved this story while you were editing it"
    )
    assert second.input_value("#id_standfirst") == "Lead by Eve"  # Eve's work is still there
    story.refresh_from_db()
    assert story.headline == "Headline by Ed" and story.standfirst == "Original lead"

    # Eve takes Ed's headline into her version and saves deliberately.
    second.fill("#id_headline", "Headline by Ed")
    second.click("input[name=_continue]")
    expect(second.locator(".messagelist")).to_contain_text("was changed successfully")
    story.refresh_from_db()
    assert (story.headline, story.standfirst) == ("Headline by Ed", "Lead by Eve")
    first_context.close()
    second_context.close()


def test_a_picture_upload_that_is_not_a_picture_is_refused_in_the_browser(
    browser, live_server, tmp_path
):
    user_with_role(EDITOR, username="ed")
    fake = tmp_path / "photo.jpg"
    fake.write_text("not really a photo")
    context = browser.new_context()
    page = context.new_page()
    log_in(page, live_server.url, "ed")
    page.goto(f"{live_server.url}/admin/articles/image/add/")
    page.set_input_files("#id_file", str(fake))
    page.fill("#id_alt_text", "x")
    page.click("input[name=_save]")
    expect(page.locator(".errorlist").first).to_contain_text("not a picture; upload a JPEG")
    context.close()
