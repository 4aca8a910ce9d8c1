"""Browser tests: a real Chromium (Debian's package) driven by Playwright against the
live test server. Skipped, loudly, where no Chromium is installed."""

import os
import shutil

import pytest

CHROMIUM = (
    os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
)
# Flags that keep a headless Chromium from reaching out to the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        pytest.skip("No Chromium on this machine (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls
    # happen between browser steps, never concurrently with them.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
