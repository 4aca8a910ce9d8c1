"""Search, on whichever engine the suite runs on (SQLite FTS5 or PostgreSQL)."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles import search
from tests.factories import SectionFactory, StoryFactory
from tests.html import parse, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    now = timezone.now()
    world = SectionFactory(slug="world", name="World")
    stories = {
        "headline": StoryFactory(
            headline="Ferry service resumes in the Baltic",
            standfirst="Passengers return",
            published_at=now - timedelta(days=3),
        ),
        "body": StoryFactory(
            headline="Harbour news",
            standfirst="A busy week",
            body="<p>The <strong>ferry</strong> left at dawn after the storm.</p>",
            section=world,
            published_at=now - timedelta(days=1),
        ),
        "tag": StoryFactory(
            headline="Port strike ends",
            standfirst="Dockers agree",
            tags=["ferry"],
            published_at=now - timedelta(days=2),
        ),
        "other": StoryFactory(headline="Election results", standfirst="Votes counted"),
    }
    for state in ("draft", "in_review", "withdrawn", "scheduled"):
        StoryFactory(headline=f"Secret ferry plan {state}", **{state: True})
    search.rebuild()
    return stories


def result_titles(response):
    """The headlines of the results, in order, as a reader sees them."""
    pattern = (
        r'<h2 class="result__title">\s*(?:<span[^>]*>[^<]*</span>\s*)?<a href="[^"]+">([^<]+)</a>'
    )
    return [unescape(title) for title in re.findall(pattern, response.content.decode())]


def test_finds_headline_body_and_tags_ranking_headline_first_and_only_published(reader, newsroom):
    response = reader.get("/search/?q=ferry")
    titles = result_titles(response)
    assert titles[0] == "Ferry service resumes in the Baltic"
    assert set(titles) == {
        "Ferry service resumes in the Baltic",
        "Harbour news",
        "Port strike ends",
    }
    assert "Secret" not in text(response)


def test_snippets_highlight_the_words(reader, newsroom):
    html = reader.get("/search/?q=dawn").content.decode()
    assert "<mark>dawn</mark>" in html
    assert (
        "<strong>" not in html.split("result__snippet", 1)[1]
    )  # plain text, not the body's markup


def test_filters_by_section_and_date(reader, newsroom):
    assert result_titles(reader.get("/search/?q=ferry&section=world")) == ["Harbour news"]
    day = (timezone.localtime() - timedelta(days=2)).date().isoformat()
    assert result_titles(reader.get(f"/search/?q=ferry&date_from={day}&date_to={day}")) == [
        "Port strike ends"
    ]


def test_newer_stories_break_ties(reader):
    now = timezone.now()
    old = StoryFactory(headline="Storm warning", published_at=now - timedelta(days=5))
    new = StoryFactory(headline="Storm warning", published_at=now - timedelta(days=1))
    search.rebuild()
    hits, _ = search.search("storm warning")
    assert [hit.story.pk for hit in hits] == [new.pk, old.pk]


def test_a_story_is_findable_as_soon_as_the_desk_saves_it(reader):
    from articles import services
    from articles.models import Story

    section = SectionFactory()
    story = services.story_save(
        story=Story(headline="Icebreaker reaches port", section=section), user=services.SYSTEM
    )
    story.tags.set(["arctic"])
    services.story_saved(story=story, user=services.SYSTEM)
    assert result_titles(reader.get("/search/?q=icebreaker")) == []  # a draft
    services.story_transition(story=story, user=services.SYSTEM, action="publish")
    assert result_titles(reader.get("/search/?q=arctic")) == ["Icebreaker reaches port"]


def test_search_pages_and_the_masthead_box(reader, newsroom):
    for n in range(25):
        StoryFactory(headline=f"Ferry timetable {n}")
    search.rebuild()
    first = reader.get("/search/?q=ferry")
    assert len(result_titles(first)) == 20
    second = reader.get("/search/?q=ferry&page=2")
    assert len(result_titles(second)) == 8
    assert reader.get("/search/?q=ferry&page=3").status_code == 404
    assert reader.get("/search/?q=ferry&page=abc").status_code == 404
    masthead = parse(reader.get("/"))
    assert 'role="search"' in reader.get("/").content.decode() and masthead


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        '"',
        '"unclosed',
        "ferry OR",
        "AND",
        "NOT ferry",
        "ferry*",
        "-ferry",
        "(ferry",
        "'; DROP TABLE articles_story; --",
        "x" * 10_000,
        "🚢⚓",
        "паром",
        "NEAR(ferry storm)",
        "ferry:storm",
        "^ferry",
        "\x00",
        "<script>alert(1)</script>",
        "ferry & | ! :*",
    ],
)
def test_any_query_is_safe(reader, newsroom, query):
    response = reader.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize(
    "param",
    ["date_from=yesterday", "date_to=2021-13-45", "section=nowhere", "date_from=" + "9" * 300],
)
def test_bad_filters_are_reported_not_fatal(reader, newsroom, param):
    response = reader.get(f"/search/?q=ferry&{param}")
    assert response.status_code == 200
    assert "It was ignored." in text(response)
    assert result_titles(response)  # the valid part still searched


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=200))
def test_the_engine_never_fails_on_any_text(newsroom, query):
    hits, _ = search.search(query)
    assert all(hit.story.is_published for hit in hits)
