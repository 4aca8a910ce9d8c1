"""A crawler's walk through the demo newsroom from its home page: every internal link on
every page it reaches answers (through at most one redirect) with 200 — no 404 among our
own links, no 500 anywhere."""

import re
from collections import deque
from html import unescape
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<(?:a|link)\b[^>]*?\bhref="([^"]+)"', re.IGNORECASE)
# The desk, previews, and files rather than pages (static files and pictures are served
# by whitenoise and the web server, and loaded by the browser tests).
NOT_FOR_READERS = ("/admin/", "/preview/", "/static/", "/media/")
LIMIT = 400  # pages: a few hundred deep


def internal_links(body: str):
    for href in LINK.findall(body):
        url, _fragment = urldefrag(unescape(href))
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/"):
            continue  # another site, a mailto: or a relative oddity
        if url.startswith(NOT_FOR_READERS):
            continue
        yield url


def test_every_internal_link_answers(reader, settings):
    settings.NEWSROOM_AGENCY = "TASS"
    call_command("loaddemo", verbosity=0)
    seen, queue, broken, pages = {"/"}, deque([("/", "(start)")]), [], 0
    while queue and pages < LIMIT:
        url, found_on = queue.popleft()
        response = reader.get(url)
        if response.status_code in (301, 302):
            response = reader.get(response["Location"])
        pages += 1
        if response.status_code != 200:
            broken.append((url, response.status_code, found_on))
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue  # feeds, sitemaps, JSON: answered, not followed
        for link in internal_links(response.content.decode()):
            if link not in seen:
                seen.add(link)
                queue.append((link, url))
    assert broken == []
    assert pages >= 200, f"only {pages} pages reached"
