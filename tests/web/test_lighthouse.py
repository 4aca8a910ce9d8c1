"""Lighthouse 12 (mobile, its default) on the home and article pages: Performance,
Accessibility, Best Practices and SEO each at least 95. The scores are printed and kept in
var/quality/ (docs/quality.md records a run)."""

import json
import os
import subprocess

import pytest

from tests.web.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, npm_tool

pytestmark = [pytest.mark.web, pytest.mark.django_db(transaction=True)]

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@pytest.mark.parametrize(
    "name", ["home", "article", "article with a video and embeds", "live blog"]
)
def test_lighthouse_scores_at_least_95(demo, name):
    lighthouse = npm_tool(".bin/lighthouse")
    if not CHROMIUM:
        pytest.skip("No Chromium on this machine (apt-get install chromium)")
    base, pages = demo
    report = ROOT / "var" / "quality" / f"lighthouse-{name.replace(' ', '-')}.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    command = [
        str(lighthouse),
        base + pages[name],
        "--quiet",
        f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    # Lighthouse now and then fails to record a trace (NO_NAVSTART) and asks to be run
    # again; a real failure fails every time.
    for _attempt in range(3):
        run = subprocess.run(
            command, env=os.environ | {"CHROME_PATH": CHROMIUM}, timeout=300, check=False
        )
        if run.returncode == 0:
            break
    assert run.returncode == 0, "Lighthouse failed three times"
    result = json.loads(report.read_text())
    scores = {key: round(result["categories"][key]["score"] * 100) for key in CATEGORIES}
    print(f"Lighthouse {result['lighthouseVersion']}, {name}: {scores}")
    failing = {
        audit: result["audits"][audit]["title"]
        for category in CATEGORIES
        for audit in (ref["id"] for ref in result["categories"][category]["auditRefs"])
        if (result["audits"][audit].get("score") or 1) < 0.9
    }
    assert min(scores.values()) >= 95, (scores, failing)
