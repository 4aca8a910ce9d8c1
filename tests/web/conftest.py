"""The reader-experience checks of `make check-web`: the demo newsroom on a live server,
examined by the tools browsers and search engines use (npm's axe-core, vnu-jar and
Lighthouse 12, installed by `npm ci` from package-lock.json, and Debian's Chromium)."""

from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, browser  # noqa: F401 (fixture)

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"


def npm_tool(relative_path) -> Path:
    """A file of an npm package; the test is skipped, saying why, when it is missing."""
    path = NODE_MODULES / relative_path
    if not path.exists():
        pytest.skip(f"{relative_path} is missing: run `make check-web` (npm ci)")
    return path


@pytest.fixture
def demo(live_server, settings):
    """The demo newsroom, and the address of each kind of page readers see."""
    settings.NEWSROOM_AGENCY = "TASS"
    call_command("loaddemo", verbosity=0)
    from taggit.models import Tag

    from articles.models import Source, Story, Theme

    story = Story.objects.published().get(headline__startswith="Russia plans to deliver")
    media = Story.objects.published().get(headline__startswith="Vladimir Putin begins video")
    return live_server.url, {
        "home": "/",
        "article": story.get_absolute_url(),
        "article with a video and embeds": media.get_absolute_url(),
        "live blog": Story.objects.published().get(live_coverage=True).get_absolute_url(),
        "all news": "/news/",
        "all news, page 2": "/news/?page=2",
        "section": story.section.get_absolute_url(),
        "theme": Theme.objects.first().get_absolute_url(),
        "source": Source.objects.first().get_absolute_url(),
        "tag": f"/tags/{Tag.objects.first().slug}/",
        "search": "/search/?q=russia",
        "search, nothing found": "/search/?q=qwertyuiop",
        "404": "/no-such-page/",
    }
