"""Varnish in front of two app servers (docs/deploy/varnish.vcl): readers' pages are
answered by Varnish, a story published through one server shows through Varnish within
a second (the app purges the page's dependency keys there after the commit), and an
unrelated article stays a Varnish hit.

Needs Debian's varnish and varnish-modules (.ci/run installs them), PostgreSQL and Redis
as tests/ops/test_two_app_servers.py does; skipped elsewhere.
"""

import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
import requests

from articles.models import Story
from articles.roles import EDITOR
from tests.factories import SectionFactory, StoryFactory, user_with_role
from tests.ops.test_two_app_servers import (
    _desk_action,
    _free_port,
    _wait_until,
    app_servers,
)
from tests.ops.test_two_app_servers import (
    pytestmark as app_server_marks,
)

ROOT = Path(__file__).resolve().parents[2]
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"

pytestmark = [
    *app_server_marks,
    pytest.mark.skipif(not Path(VARNISHD).exists(), reason="needs varnishd (apt: varnish)"),
]


@pytest.fixture
def front(tmp_path):
    """Varnish with the shipped VCL over two app servers that purge it; yields the URL
    readers use (Varnish) and the two servers' own URLs."""
    ports = (_free_port(), _free_port())
    varnish_port = _free_port()
    vcl = (ROOT / "docs/deploy/varnish.vcl").read_text()
    vcl = vcl.replace('"8001"', f'"{ports[0]}"').replace('"8002"', f'"{ports[1]}"')
    (tmp_path / "newsroom.vcl").write_text(vcl)
    varnish = subprocess.Popen(
        [
            VARNISHD,
            *("-F", "-j", "none", "-n", str(tmp_path / "varnish")),
            *("-a", f"127.0.0.1:{varnish_port}", "-T", "none"),
            *("-f", str(tmp_path / "newsroom.vcl"), "-s", "malloc,64m"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{varnish_port}"
    try:
        with app_servers(tmp_path, ports=ports, NEWSROOM_PURGE_URLS=url + "/") as servers:
            assert _wait_until(lambda: requests.get(url + "/robots.txt", timeout=2).ok, 30), (
                varnish.stderr.read1().decode() if varnish.poll() is not None else "no answer"
            )
            yield url, servers
    finally:
        varnish.send_signal(signal.SIGTERM)
        varnish.wait(timeout=30)


def _through(url, path):
    return requests.get(url + path, timeout=5)


def _more_news(html):
    return html[html.index('class="more-news"') :]


def test_varnish_answers_readers_and_purges_only_what_changed(front, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    url, (one, _other) = front
    section = SectionFactory(slug="world", name="World")
    for n in range(12):
        StoryFactory(section=section, headline=f"Background story {n}")
    oldest = list(Story.objects.order_by("published_at")[:2])
    edited, unrelated = (story.get_absolute_url() for story in oldest)
    draft = StoryFactory(section=section, headline="Ferry resumes service", draft=True)
    editor = user_with_role(EDITOR, username="varnish-editor")
    editor.set_password("a long desk password")
    editor.save()

    # Readers fill Varnish; the second ask of each page is Varnish's.
    for path in ("/", "/news/", edited, unrelated):
        assert _through(url, path).status_code == 200
        again = _through(url, path)
        assert again.headers["X-Cache"] == "HIT", path
        assert "Surrogate-Key" not in again.headers  # the keys are for caches, not readers
    assert "Ferry resumes service" not in _through(url, "/").text

    _desk_action(one, "varnish-editor", "a long desk password", "publish_now", draft)
    published = time.monotonic()
    assert _wait_until(lambda: "Ferry resumes service" in _through(url, "/").text, 1.0), (
        "the home page did not change through Varnish within a second"
    )
    seen_after = time.monotonic() - published
    assert "Ferry resumes service" in _through(url, "/news/").text

    # An edit of the oldest story (no other article lists it in its More news): its
    # article changes through Varnish, the other old story's article stays a hit.
    for path in (edited, unrelated):
        _through(url, path)
    _desk_action(one, "varnish-editor", "a long desk password", "mark_breaking", oldest[0])
    assert _wait_until(lambda: "Breaking" in _through(url, edited).text, 1.0)
    assert _through(url, unrelated).headers["X-Cache"] == "HIT"

    # The second-newest story is in every article's More news, a shared block Varnish
    # assembles (ESI): marking it changes that block on the old article's page while the
    # page itself stays a Varnish hit.
    second = Story.objects.published().newest_first()[1]
    assert "Breaking" not in _more_news(_through(url, unrelated).text)
    _desk_action(one, "varnish-editor", "a long desk password", "mark_breaking", second)
    assert _wait_until(lambda: "Breaking" in _more_news(_through(url, unrelated).text), 1.0)
    page = _through(url, unrelated)
    assert page.headers["X-Cache"] == "HIT"
    assert "<esi:include" not in page.text  # assembled by Varnish, nothing left for readers
    print(f"published -> visible through Varnish in {seen_after:.2f} s")
