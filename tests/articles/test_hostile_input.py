"""Hostile input on every public surface: random URLs and query values never give a 5xx,
and payloads in every editor text field reach readers as text, never as markup."""

import json
from urllib.parse import quote

import feedparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree, html
from taggit.models import Tag

from tests.factories import StoryFactory
from tests.hostile import PAYLOADS, hostile_story

pytestmark = pytest.mark.django_db

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# What a bored or hostile reader types: negative, huge, non-numeric, malformed cursors
# and dates, unicode, control characters, 10 kB.
values = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        ["", "-1", "0", "1e9", "NaN", "null", "%00", "../../etc/passwd", "2026-13-45",
         "9999-99-99T99:99", "1638000000.5", "eyJub3QiOiAiYSBjdXJzb3IifQ", "!!!", "'\"<>",
         "\u202e\u0000\ufffd", "😀" * 20, "a" * 10_000, "x,y,z", "1_000", "0x10"]
    ),
    st.text(max_size=40),
)  # fmt: skip
segments = st.one_of(values, st.text(min_size=1, max_size=30))
PARAMETERS = ["page", "before", "after", "cursor", "q", "date", "limit", "tag", "section",
              "since", "format", "offset", "id"]  # fmt: skip
TEMPLATES = [
    "/", "/news/", "/news/{n}/", "/news/{n}/{s}/", "/news/rss/", "/news/atom/",
    "/sections/{s}/", "/sections/{s}/rss/", "/themes/{s}/", "/themes/{s}/atom/",
    "/sources/{s}/", "/sources/{s}/rss/", "/tags/{s}/", "/tags/{s}/atom/", "/search/",
    "/sitemap.xml", "/sitemap-{s}.xml", "/robots.txt", "/preview/{n}/",
    "/preview/shared/{s}/", "/api/", "/api/feed/", "/api/stories/{n}/", "/api/openapi.json",
    "/{s}", "/{s}/{s}/",
]  # fmt: skip


@pytest.fixture
def newsroom():
    story = StoryFactory(tags=["ukraine"])
    StoryFactory(draft=True)
    return story


@SETTINGS
@given(
    template=st.sampled_from(TEMPLATES),
    number=st.one_of(
        st.integers(min_value=0, max_value=10**40).map(str), st.sampled_from(["1", "0"])
    ),
    segment=segments,
    query=st.dictionaries(st.sampled_from(PARAMETERS), values, max_size=4),
)
def test_no_url_and_no_query_gives_a_server_error(
    reader, newsroom, template, number, segment, query
):
    path = template.format(n=number, s=quote(segment, safe=""))
    response = reader.get(path, query)
    assert response.status_code < 500, (path, query, response.status_code)


@pytest.mark.parametrize(
    "path",
    [
        "/news/99999999999999999999999999/",
        "/news/99999999999999999999999999/x/",
        "/api/stories/99999999999999999999999999/",
        "/news/9223372036854775808/",
    ],
)
def test_ids_beyond_any_integer_column_are_404s(reader, newsroom, path):
    assert reader.get(path).status_code == 404


def test_a_preview_link_for_a_reader_leads_to_the_desks_sign_in(reader, newsroom):
    response = reader.get("/preview/99999999999999999999999999/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/preview/")


def no_markup_from_payloads(page_html):
    """Parse as a browser would; nothing from the payloads may be an element, an event
    handler or a javascript: link."""
    tree = html.fromstring(page_html)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name, value)
            if name in ("href", "src", "action", "formaction"):
                assert not value.strip().lower().startswith("javascript:"), (element.tag, value)
        assert element.tag not in ("iframe", "svg", "object", "embed"), element.tag
        if element.tag == "img":
            assert element.get("src") != "x"
        if element.tag == "script":
            if element.get("type") == "application/ld+json":
                json.loads(element.text)  # still one JSON document: nothing broke out
            else:
                assert element.get("src") and not (element.text or "").strip()


def test_payloads_in_every_field_stay_text_on_every_page(reader):
    story = hostile_story()
    tag = Tag.objects.get(name=PAYLOADS[0])
    pages = [
        "/",
        story.get_absolute_url(),
        "/news/",
        story.section.get_absolute_url(),
        story.theme.get_absolute_url(),
        story.sources.get().get_absolute_url(),
        f"/tags/{tag.slug}/",
        "/search/?q=hostile",
        "/search/?q=" + quote(PAYLOADS[0]),
        "/no-such-page/?q=" + quote(PAYLOADS[1]),
    ]
    for path in pages:
        response = reader.get(path, follow=True)
        assert response.status_code in (200, 404), path
        no_markup_from_payloads(response.content)
    article = reader.get(story.get_absolute_url(), follow=True).content.decode()
    # The reader sees the words themselves.
    assert "Hostile &lt;script&gt;window.pwned=1&lt;/script&gt;" in article


def test_payloads_stay_text_in_feeds_sitemaps_and_the_api(reader):
    story = hostile_story()
    for path in ["/news/rss/", "/news/atom/", story.section.get_absolute_url() + "rss/"]:
        response = reader.get(path)
        etree.fromstring(response.content)  # well-formed XML: nothing broke out
        entry = feedparser.parse(response.content).entries[0]
        assert entry.title == story.headline
        if entry.summary_detail.type == "text/plain":
            # Atom says its summary is text: a feed reader shows the payload as words.
            assert entry.summary == story.standfirst
        else:
            assert "<script" not in entry.get("summary", "").lower()
    for path in ["/sitemap.xml", "/sitemap-news.xml"]:
        etree.fromstring(reader.get(path).content)
    item = reader.get(f"/api/stories/{story.pk}/").json()
    assert item["headlines"][0]["value"] == story.headline
    assert "<script" not in item["bodies"][0]["value"]
    assert "onerror" not in item["bodies"][0]["value"]
    feed = reader.get("/api/feed/").json()
    assert feed["items"][0]["title"] == story.headline
