"""Reads that are more than a filter: what the home page shows and how lists group."""

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.utils import timezone

from .models import Section, Story

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
    top = list(published.top_stories().for_cards()[:TOP_STORIES])
    rows = list(
        published.latest_per_section(SECTION_BLOCK_LENGTH, SECTION_BLOCK_WINDOW).for_cards()
    )
    sections = _sections({row.section_id for row in rows})
    blocks = [
        SectionBlock(section=sections[section_id], stories=list(items))
        for section_id, items in groupby(rows, key=lambda s: s.section_id)
    ]
    return {"top_stories": top, "section_blocks": blocks}


MORE_NEWS_LENGTH = 10


def related_for_article(story, limit=MORE_NEWS_LENGTH):
    """The first part of an article's "More news": its related stories readers can see."""
    return list(story.related.published().newest_first().for_cards()[:limit])


def newest_ids(count):
    """The ids of the `count` newest stories readers can see (an index scan)."""
    return list(Story.objects.published().newest_first().values_list("pk", flat=True)[:count])


def latest_except(ids, limit):
    """The rest of "More news": the newest stories but these (the article and its related
    stories), the same for every article that shows them."""
    return list(Story.objects.published().exclude(pk__in=ids).newest_first().for_cards()[:limit])


def home_feed():
    """The home page's live feed column: the newest stories, grouped by day."""
    return group_by_day(Story.objects.published().newest_first().for_cards()[:LIVE_FEED_LENGTH])


def cards_by_id(ids):
    """Stories in full for the cards the cache did not have (pagecache/fragments.py)."""
    return Story.objects.for_listing().in_bulk(ids)


def _sections(ids):
    """The sections of the home page's blocks: the masthead's (cached), else read."""
    found = {section.pk: section for section in Section.for_navigation() if section.pk in ids}
    if len(found) < len(ids):
        found |= Section.objects.in_bulk(ids - found.keys())
    return found
