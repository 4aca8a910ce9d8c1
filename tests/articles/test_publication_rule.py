"""Drafts, stories in review, withdrawn and scheduled stories never reach a reader, on
any page; a scheduled story appears everywhere by itself once its time comes."""

from datetime import timedelta

import pytest
import time_machine

from tests.factories import SourceFactory, StoryFactory, ThemeFactory
from tests.html import text

pytestmark = pytest.mark.django_db

HIDDEN = ["draft", "in_review", "withdrawn", "scheduled"]


@pytest.fixture
def shared():
    """A theme, source and tag that a visible story and the hidden one both carry, so
    every list page exists and would show the hidden story if the rule slipped."""
    return {"theme": ThemeFactory(slug="theme"), "sources": [SourceFactory(slug="source")]}


def reader_urls(story):
    return [
        "/",
        "/news/",
        story.section.get_absolute_url(),
        "/themes/theme/",
        "/sources/source/",
        "/tags/shared-tag/",
    ]


@pytest.mark.parametrize("state", HIDDEN)
def test_hidden_stories_appear_on_no_page(reader, shared, state):
    visible = StoryFactory(headline="A story readers may see", tags=["shared-tag"], **shared)
    hidden = StoryFactory(
        headline="SECRET headline",
        tags=["shared-tag"],
        related=[visible],
        **shared,
        **{state: True},
    )
    visible.related.add(hidden)

    for url in [*reader_urls(visible), visible.get_absolute_url()]:
        response = reader.get(url)
        assert response.status_code == 200, url
        assert "SECRET" not in text(response), url
        assert hidden.get_absolute_url() not in response.content.decode(), url

    assert reader.get(hidden.get_absolute_url()).status_code == 404
    assert reader.get(f"/news/{hidden.pk}/").status_code == 404


@pytest.mark.parametrize("state", HIDDEN)
def test_a_tag_used_only_by_hidden_stories_reveals_nothing(reader, state):
    StoryFactory(tags=["merger-talks"], **{state: True})
    assert reader.get("/tags/merger-talks/").status_code == 404


def test_a_scheduled_story_appears_on_every_page_when_its_time_comes(reader, shared):
    visible = StoryFactory(tags=["shared-tag"], **shared)
    scheduled = StoryFactory(
        headline="Scheduled headline", scheduled=True, tags=["shared-tag"], **shared
    )
    assert reader.get(scheduled.get_absolute_url()).status_code == 404

    with time_machine.travel(scheduled.published_at + timedelta(minutes=1)):
        for url in reader_urls(visible):
            assert "Scheduled headline" in text(reader.get(url)), url
        assert reader.get(scheduled.get_absolute_url()).status_code == 200
