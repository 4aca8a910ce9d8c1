"""axe-core in Chromium on the pages readers use most, in light and dark colours, on a
phone and a desktop: no serious or critical violation (WCAG 2.x A and AA, contrast
included), and no page wider than the screen."""

import pytest

from tests.web.conftest import npm_tool

pytestmark = [pytest.mark.web, pytest.mark.django_db(transaction=True)]

PAGES = [
    *("home", "article", "article with a video and embeds", "live blog"),
    *("all news", "search", "404"),
]


def test_no_serious_or_critical_violation(browser, demo):
    axe = npm_tool("axe-core/axe.min.js")
    base, pages = demo
    found = []
    for scheme in ("light", "dark"):
        for width in (360, 1280):
            # The site's CSP forbids injected scripts; axe is the auditor's, not the site's.
            context = browser.new_context(
                bypass_csp=True, color_scheme=scheme, viewport={"width": width, "height": 800}
            )
            page = context.new_page()
            for name in PAGES:
                page.goto(base + pages[name])
                # Responsive from 360 px: nothing wider than the screen.
                overflow = page.evaluate("document.documentElement.scrollWidth") - width
                if overflow > 0:
                    found.append((scheme, width, name, "wider than the screen by", overflow))
                page.add_script_tag(path=str(axe))
                result = page.evaluate(
                    "async () => await axe.run(document, {resultTypes: ['violations']})"
                )
                found += [
                    (scheme, width, name, violation["id"], violation["impact"], node["target"])
                    for violation in result["violations"]
                    if violation["impact"] in ("serious", "critical")
                    for node in violation["nodes"]
                ]
            context.close()
    assert found == []
