"""Reads that are more than a filter: what the home page shows and how lists group."""

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.utils import timezone

from .models import Story

TOP_STORIES = 5
LIVE_FEED_LENGTH = 30
SECTION_BLOCK_LENGTH = 4
# How many of the newest stories the section blocks choose from; keeps the home page's
# cost flat however large the archive grows.
SECTION_BLOCK_WINDOW = 400


@dataclass
class Day:
    date: date
    stories: list


def group_by_day(stories) -> list[Day]:
    """Split a newest-first list under day headings, in the newsroom's time zone."""
    return [
        Day(date=day, stories=list(items))
        for day, items in groupby(stories, key=lambda s: timezone.localtime(s.published_at).date())
    ]


@dataclass
class SectionBlock:
    section: object
    stories: list


def home_page():
    """Top stories, the live feed grouped by day, and a block per section: three queries."""
    published = Story.objects.published()
    top = list(published.top_stories().for_listing()[:TOP_STORIES])
    feed = list(published.newest_first().for_listing()[:LIVE_FEED_LENGTH])
    blocks = [
        SectionBlock(section=section, stories=list(items))
        for section, items in groupby(
            published.for_listing().latest_per_section(SECTION_BLOCK_LENGTH, SECTION_BLOCK_WINDOW),
            key=lambda s: s.section,
        )
    ]
    return {"top_stories": top, "feed_days": group_by_day(feed), "section_blocks": blocks}


def more_news(story, limit=10):
    """The article page's "More news": the story's related stories, then the newest."""
    related = list(story.related.published().newest_first().for_listing()[:limit])
    latest = Story.objects.published().exclude(pk=story.pk).newest_first().for_listing()[:limit]
    seen = {s.pk for s in related}
    return (related + [s for s in latest if s.pk not in seen])[:limit]
