"""In Chromium: a page full of hostile payloads runs none of them, and no page of the
site or the desk trips its own Content-Security-Policy."""

import pytest

from tests.factories import SectionFactory, user_with_role
from tests.hostile import PAYLOADS, hostile_story

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password"


def watch(page):
    """Dialogs opened, CSP violations reported and page errors thrown, as they happen."""
    seen = {"dialogs": [], "violations": [], "errors": []}
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on(
        "console",
        lambda message: (
            seen["violations"].append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return seen


def test_a_page_full_of_payloads_runs_none_of_them(page, live_server):
    story = hostile_story()
    seen = watch(page)
    for path in ["/", story.get_absolute_url(), "/news/", story.section.get_absolute_url()]:
        page.goto(live_server.url + path)
        page.mouse.move(200, 300)
        page.mouse.move(600, 500)  # hovering, for the onmouseover payloads
        assert page.evaluate("window.pwned") is None, path
    # The words are on the page, as words.
    page.goto(live_server.url + story.get_absolute_url())
    assert PAYLOADS[0] in page.locator("h1").inner_text()
    assert seen["dialogs"] == []
    assert seen["errors"] == []


def test_no_page_trips_the_content_security_policy(page, live_server):
    SectionFactory(slug="world", name="World")
    story = hostile_story()
    seen = watch(page)
    for path in ["/", story.get_absolute_url(), "/news/", "/search/?q=hostile", "/nowhere/"]:
        page.goto(live_server.url + path)
    # The desk, with its rich text editor and its helpers at work.
    user_with_role("Editor", username="ed")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "ed")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/articles/story/add/")
    page.fill("#id_headline", "Typed in the desk")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("A paragraph typed into the editor.")
    assert "A paragraph typed into the editor." in editor.inner_text()
    page.goto(f"{live_server.url}/admin/articles/story/")
    page.goto(f"{live_server.url}/admin/articles/story/{story.pk}/change/")
    assert seen["violations"] == [], "\n".join(seen["violations"])
    assert seen["errors"] == []
