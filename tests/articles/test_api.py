"""The public JSON API: the live feed and ninjs stories, checked with real tools."""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from articles.models import Correction
from tests.factories import (
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    SourceFactory,
    StoryFactory,
    ThemeFactory,
)
from tests.ninjs_schema import errors

pytestmark = pytest.mark.django_db


def test_the_official_examples_pass_our_validator():
    # Guards the validator itself: the IPTC's own 3.x example must be valid.
    example = json.loads(
        (
            Path(__file__).parents[1] / "data" / "ninjs" / "example-005_complex_text_article.json"
        ).read_text()
    )
    assert errors(example) == []
    assert errors({"uri": "not a uri with spaces", "urgency": 12})  # and it does reject


@pytest.fixture
def full_story():
    story = StoryFactory(
        headline="Russia plans to deliver another batch of S-400 systems to Turkey",
        standfirst="Dmitry Peskov said the system is defensive",
        dateline_place="ATHENS",
        body="<p>Russia plans.</p><h2>S-400 deliveries</h2><p>Moscow and Ankara.</p>",
        mark="breaking",
        section=SectionFactory(slug="military", name="Military & Defense"),
        theme=ThemeFactory(slug="turkey", name="Russia and Turkey"),
        lead_image=ImageFactory(caption="An S-400 launcher", credit="Press service"),
        sources=[
            SourceFactory(name="Kremlin spokesman", url="http://en.kremlin.ru/"),
            SourceFactory(name="AFP"),
        ],
        authors=[AuthorFactory(name="Athens bureau")],
        tags=["S-400", "Turkey"],
    )
    Correction.objects.create(story=story, text="Fixes a date.")
    return story


def test_a_story_is_valid_ninjs_3_1_with_everything_it_carries(reader, full_story):
    response = reader.get(f"/api/stories/{full_story.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    item = response.json()

    assert errors(item) == []
    assert item["uri"] == f"http://testserver/news/{full_story.pk}/"
    assert item["type"] == "text" and item["pubStatus"] == "usable" and item["urgency"] == 1
    assert item["headlines"] == [{"role": "main", "value": full_story.headline}]
    assert item["descriptions"][0]["value"] == full_story.standfirst
    assert item["bodies"][0] == {
        "role": "main",
        "contentType": "text/html",
        "value": full_story.body,
        "charCount": len("Russia plans. S-400 deliveries Moscow and Ankara."),
        "wordCount": 7,
    }
    assert item["by"] == "Athens bureau" and item["located"] == "ATHENS"
    sources = {(s["name"], s["role"]) for s in item["infoSources"]}
    assert sources == {
        ("Newsroom", "publisher"),
        ("AFP", "source"),
        ("Kremlin spokesman", "source"),
    }
    subjects = {(s["rel"], s["name"]) for s in item["subjects"]}
    assert {
        ("section", "Military & Defense"),
        ("theme", "Russia and Turkey"),
        ("tag", "S-400"),
    } <= subjects
    picture = item["associations"][0]
    assert picture["type"] == "picture" and picture["by"] == "Press service"
    assert {"webp", "jpeg"} <= {
        r["contentType"].split("/")[1] for r in picture["renditions"] if "contentType" in r
    }
    assert all(r["href"].startswith("http://testserver/media/") for r in picture["renditions"])
    assert item["firstCreated"] and item["versionCreated"] and item["language"] == "en"


def test_the_demo_newsroom_is_all_valid_ninjs(reader):
    from django.core.management import call_command

    call_command("loaddemo", verbosity=0)
    feed = reader.get("/api/feed/?limit=100").json()
    assert len(feed["items"]) == 52
    for entry in feed["items"]:
        assert errors(reader.get(f"/api/stories/{entry['id']}/").json()) == []


@pytest.mark.parametrize("state", ["draft", "in_review", "withdrawn", "scheduled"])
def test_hidden_stories_are_not_in_the_api(reader, state):
    hidden = StoryFactory(headline="Hidden", tags=["t"], **{state: True})
    StoryFactory(headline="Visible", tags=["t"])
    response = reader.get(f"/api/stories/{hidden.pk}/")
    assert response.status_code == 404 and response.json() == {"error": "No published story here."}
    titles = [i["title"] for i in reader.get("/api/feed/?tag=t").json()["items"]]
    assert titles == ["Visible"]


def test_feed_items_mirror_the_reference_live_feed(reader):
    story = StoryFactory(
        headline="Putin-Biden video conference over", standfirst="Two hours", mark="breaking"
    )
    item = reader.get("/api/feed/").json()["items"][0]
    assert item == {
        "id": story.pk,
        "url": f"http://testserver{story.get_absolute_url()}",
        "date": int(story.published_at.timestamp()),
        "mark": "breaking",
        "title": "Putin-Biden video conference over",
        "subtitle": "Two hours",
        "section": {"name": "Politics", "slug": "politics"},
    }


def test_feed_cursor_pagination_visits_every_story_once(reader):
    now = timezone.now()
    stories = [StoryFactory(published_at=now - timedelta(minutes=n // 3 + 1)) for n in range(11)]
    seen, url, pages = [], "/api/feed/?limit=4", 0
    while url:
        answer = reader.get(url).json()
        seen += [item["id"] for item in answer["items"]]
        url = answer["next"] and answer["next"].removeprefix("http://testserver")
        pages += 1
    expected = [s.pk for s in sorted(stories, key=lambda s: (s.published_at, s.pk), reverse=True)]
    assert seen == expected and pages == 3


def test_feed_filters(reader):
    world = SectionFactory(slug="world", name="World")
    theme, source = ThemeFactory(slug="storms"), SourceFactory(slug="afp")
    StoryFactory(headline="A", section=world, theme=theme, sources=[source], tags=["ferries"])
    StoryFactory(headline="B")
    for query in ("section=world", "theme=storms", "source=afp", "tag=ferries"):
        assert [i["title"] for i in reader.get(f"/api/feed/?{query}").json()["items"]] == ["A"], (
            query
        )
    assert reader.get("/api/feed/?section=nowhere").json() == {"items": [], "next": None}


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=abc", "limit"),
        ("limit=-5", "limit"),
        ("before=garbage", "before"),
        ("before=1-", "before"),
        ("section=", "section"),
        ("tag=" + "x" * 500, "tag"),
        ("source=%00", "source"),
        ("theme=a%20b", "theme"),
    ],
)
def test_bad_parameters_get_a_400_json_error(reader, query, parameter):
    response = reader.get(f"/api/feed/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["parameter"] == parameter and body["error"]


def test_the_api_explains_itself(reader):
    index = reader.get("/api/").json()
    assert index["endpoints"]["feed"]["url"] == "http://testserver/api/feed/"
    assert index["endpoints"]["story"]["url"] == "http://testserver/api/stories/{id}/"
    spec = reader.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.1") and "/api/feed/" in spec["paths"]


def test_article_pages_link_their_ninjs(reader, full_story):
    html = reader.get(full_story.get_absolute_url()).content.decode()
    link = re.search(r'<link rel="alternate" type="application/json"[^>]*href="([^"]+)"', html)
    assert link.group(1) == f"/api/stories/{full_story.pk}/"


# --- HTTP caching -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/", "/news/", "/news/rss/", "/api/feed/", "/sitemap.xml", "STORY", "API_STORY"]
)
def test_conditional_get_answers_304_until_something_changes(
    reader, url, django_capture_on_commit_callbacks
):
    story = StoryFactory()
    url = {"STORY": story.get_absolute_url(), "API_STORY": f"/api/stories/{story.pk}/"}.get(
        url, url
    )
    first = reader.get(url)
    assert first.status_code == 200
    assert "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
    etag, modified = first["ETag"], first["Last-Modified"]

    assert reader.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert reader.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304

    from articles import services

    with django_capture_on_commit_callbacks(execute=True):  # caches hear of it on commit
        services.story_set_mark(story=story, user=services.SYSTEM, mark="updated")
    assert reader.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_scheduled_story_going_live_changes_the_etag(reader, settings):
    import time_machine

    scheduled = StoryFactory(scheduled=True)
    etag = reader.get("/news/")["ETag"]
    with time_machine.travel(
        scheduled.published_at + timedelta(seconds=settings.NEWSROOM_FRESHNESS_SECONDS + 1)
    ):
        from django.core.cache import cache

        cache.clear()  # the freshness cache has expired by then
        response = reader.get("/news/", HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert scheduled.headline in response.content.decode()


def test_a_304_does_not_render_the_page(reader, django_assert_num_queries):
    StoryFactory()
    etag = reader.get("/news/")["ETag"]
    with django_assert_num_queries(0):
        assert reader.get("/news/", HTTP_IF_NONE_MATCH=etag).status_code == 304
