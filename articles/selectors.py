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
    """Top stories and a block per section: two queries (the live feed column is a shared
    block of its own, home_feed)."""
    published = Story.objects.published()
    top = list(published.top_stories().for_listing()[:TOP_STORIES])
    blocks = [
        SectionBlock(section=section, stories=list(items))
        for section, items in groupby(
            published.for_listing().latest_per_section(SECTION_BLOCK_LENGTH, SECTION_BLOCK_WINDOW),
            key=lambda s: s.section,
        )
    ]
    return {"top_stories": top, "section_blocks": blocks}


MORE_NEWS_LENGTH = 10


def related_for_article(story, limit=MORE_NEWS_LENGTH):
    """The first part of an article's "More news": its related stories readers can see."""
    return list(story.related.published().newest_first().for_listing()[:limit])


def newest_ids(count):
    """The ids of the `count` newest stories readers can see (an index scan)."""
    return list(Story.objects.published().newest_first().values_list("pk", flat=True)[:count])


def latest_except(ids, limit):
    """The rest of "More news": the newest stories but these (the article and its related
    stories), the same for every article that shows them."""
    return list(Story.objects.published().exclude(pk__in=ids).newest_first().for_listing()[:limit])


def home_feed():
    """The home page's live feed column: the newest stories, grouped by day."""
    return group_by_day(Story.objects.published().newest_first().for_listing()[:LIVE_FEED_LENGTH])
