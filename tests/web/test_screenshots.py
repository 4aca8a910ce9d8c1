"""The README's screenshots, taken by this run: home and article at a phone's and a
desktop's width."""

import pytest

from tests.web.conftest import ROOT

pytestmark = [pytest.mark.web, pytest.mark.django_db(transaction=True)]

SIZES = {"": {"width": 1280, "height": 900}, "-phone": {"width": 390, "height": 844}}


def test_screenshots_for_the_readme(browser, demo):
    base, pages = demo
    folder = ROOT / "docs" / "screenshots"
    for suffix, viewport in SIZES.items():
        context = browser.new_context(viewport=viewport, device_scale_factor=1)
        page = context.new_page()
        for name in ("home", "article"):
            page.goto(base + pages[name])
            page.wait_for_load_state("networkidle")
            page.screenshot(path=folder / f"{name}{suffix}.png")
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        context.close()
