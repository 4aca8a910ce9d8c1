from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Story
from tests.factories import SectionFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_published_shows_only_published_stories_whose_time_has_come():
    visible = StoryFactory()
    StoryFactory(draft=True)
    StoryFactory(in_review=True)
    StoryFactory(withdrawn=True)
    StoryFactory(scheduled=True)

    assert list(Story.objects.published()) == [visible]


def test_is_published_agrees_with_the_queryset():
    stories = [
        StoryFactory(),
        StoryFactory(draft=True),
        StoryFactory(in_review=True),
        StoryFactory(withdrawn=True),
        StoryFactory(scheduled=True),
    ]
    published_ids = set(Story.objects.published().values_list("id", flat=True))
    assert {s.id for s in stories if s.is_published} == published_ids


def test_a_scheduled_story_appears_by_itself_when_its_time_comes():
    story = StoryFactory(scheduled=True)
    assert story.is_scheduled
    assert not Story.objects.published().exists()

    with time_machine.travel(story.published_at + timedelta(seconds=1)):
        assert list(Story.objects.published()) == [story]
        story.refresh_from_db()
        assert story.is_published and not story.is_scheduled


def test_published_story_needs_a_publication_time():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        StoryFactory(published_at=None)


def test_newest_first_breaks_equal_times_by_id():
    moment = timezone.now() - timedelta(hours=1)
    first, second, third = (StoryFactory(published_at=moment) for _ in range(3))
    assert list(Story.objects.published().newest_first()) == [third, second, first]


def test_latest_per_section_caps_each_section():
    politics = SectionFactory(slug="politics", name="Politics")
    world = SectionFactory(slug="world", name="World", position=1)
    now = timezone.now()
    for minutes in range(6):
        StoryFactory(section=politics, published_at=now - timedelta(minutes=minutes + 1))
    StoryFactory(section=world, published_at=now - timedelta(minutes=30))
    StoryFactory(section=world, draft=True)

    rows = list(Story.objects.published().latest_per_section(per_section=4, window=100))

    assert [s.section.slug for s in rows] == ["politics"] * 4 + ["world"]
    politics_times = [s.published_at for s in rows[:4]]
    assert politics_times == sorted(politics_times, reverse=True)


def test_saving_a_story_sanitizes_its_body_and_fills_the_slug():
    story = StoryFactory(
        headline="Kremlin says talks ‘convenient’!",
        slug="",
        body='<p onclick="steal()">Hi<script>alert(1)</script> <a href="javascript:x()">x</a></p>',
    )
    story.refresh_from_db()
    assert story.slug == "kremlin-says-talks-convenient"
    assert "script" not in story.body
    assert "onclick" not in story.body
    assert "javascript" not in story.body
    assert "<p>Hi" in story.body
