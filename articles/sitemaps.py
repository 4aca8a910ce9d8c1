"""Sitemaps for search engines, over Story.objects.published().

Stories are split by month, so a million stories become a few hundred files that each
stay far under the protocol's limit of 50,000 URLs; sections, tags and themes have one
each; a Google News sitemap lists the last two days.
"""

from datetime import datetime, timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from taggit.models import Tag

from .links import url_for
from .models import Section, Story, Theme


class NewsroomSitemap(Sitemap):
    def has_items(self):
        items = self.items()
        return items.exists() if hasattr(items, "exists") else bool(items)


class StoryMonthSitemap(NewsroomSitemap):
    """The published stories of one month (in the newsroom's time zone)."""

    changefreq = "never"
    limit = 50_000  # the protocol's own limit per file

    def __init__(self, year: int, month: int, latest=None):
        self.year, self.month, self.latest = year, month, latest

    def get_latest_lastmod(self):
        return self.latest

    def items(self):
        start = timezone.make_aware(datetime(self.year, self.month, 1))
        end = timezone.make_aware(datetime(self.year + self.month // 12, self.month % 12 + 1, 1))
        return (
            Story.objects.published()
            .filter(published_at__gte=start, published_at__lt=end)
            .order_by("published_at", "id")
            .only("id", "slug", "published_at", "updated_at")
        )

    def lastmod(self, story):
        return story.updated_at if story.was_updated else story.published_at


def _latest_published(**relation):
    """The newest publication time among the published stories of a related object."""
    stories = Story.objects.published().filter(**relation).newest_first()
    return Subquery(stories.values("published_at")[:1])


class SectionSitemap(NewsroomSitemap):
    changefreq = "hourly"
    priority = 0.8

    def get_latest_lastmod(self):
        return _newest_publication()

    def items(self):
        return Section.objects.public().annotate(latest=_latest_published(section=OuterRef("pk")))

    def lastmod(self, section):
        return section.latest


class ThemeSitemap(NewsroomSitemap):
    """Only themes readers can open: a theme page with no published story is a 404."""

    changefreq = "daily"

    def get_latest_lastmod(self):
        return _newest_publication()

    def items(self):
        return (
            Theme.objects.annotate(latest=_latest_published(theme=OuterRef("pk")))
            .filter(latest__isnull=False)
            .order_by("name")
        )

    def lastmod(self, theme):
        return theme.latest


class TagSitemap(NewsroomSitemap):
    """Only tags of published stories, so a draft's tags never show."""

    changefreq = "daily"
    limit = 50_000

    def get_latest_lastmod(self):
        return _newest_publication()

    def items(self):
        return (
            Tag.objects.annotate(latest=_latest_published(tags=OuterRef("pk")))
            .filter(latest__isnull=False)
            .order_by("name")
        )

    def location(self, tag):
        return url_for("articles:tag", slug=tag.slug)

    def lastmod(self, tag):
        return tag.latest


def story_months():
    """[(year, month, newest publication)] of every month with published stories, newest
    first. One index probe per month that has stories (the newest publication before the
    start of the month last found), so it costs what the number of months costs, not the
    number of stories: at a million stories, a grouped query over every row took 30 s.
    Nothing is cached, so a new month is listed with its first story. A month's lastmod
    is its newest publication; a correction to an older story shows in that story's own
    lastmod inside the month's file."""
    published = Story.objects.published().newest_first()
    months = []
    before = None
    while True:
        rows = published if before is None else published.filter(published_at__lt=before)
        newest = rows.values_list("published_at", flat=True).first()
        if newest is None:
            return months
        local = timezone.localtime(newest)
        months.append((local.year, local.month, newest))
        before = timezone.make_aware(datetime(local.year, local.month, 1))


def _newest_publication():
    return Story.objects.published().newest_first().values_list("published_at", flat=True).first()


def all_sitemaps():
    """The sitemap index's sections: name -> Sitemap. A urlset must hold at least one
    URL (sitemaps.org's schema), so an empty sitemap is neither listed nor served."""
    sitemaps = {name: make() for name, make in VOCABULARY_SITEMAPS.items()}
    sitemaps = {name: sitemap for name, sitemap in sitemaps.items() if sitemap.has_items()}
    for year, month, latest in story_months():
        sitemaps[f"stories-{year}-{month:02d}"] = StoryMonthSitemap(year, month, latest)
    return sitemaps


def sitemap_for(section):
    """Only the one sitemap a request names, as {name: Sitemap}, or {} if it has none."""
    if section in VOCABULARY_SITEMAPS:
        sitemap = VOCABULARY_SITEMAPS[section]()
        return {section: sitemap} if sitemap.has_items() else {}
    for year, month, latest in story_months():
        if section == f"stories-{year}-{month:02d}":
            return {section: StoryMonthSitemap(year, month, latest)}
    return {}


def news_sitemap_stories():
    """Google News: stories of the last two days, at most 1,000 (Google's rules)."""
    since = timezone.now() - timedelta(days=2)
    return list(
        Story.objects.published()
        .filter(published_at__gte=since)
        .newest_first()
        .only("id", "slug", "headline", "published_at")[:1000]
    )


class NewsSitemap(NewsroomSitemap):
    """Google News sitemap entries; rendered with templates/sitemaps/news.xml."""

    limit = 1000  # Google News' limit per sitemap

    def items(self):
        # Read once per request: has_items() and the view both ask.
        if not hasattr(self, "_stories"):
            self._stories = news_sitemap_stories()
        return self._stories

    def lastmod(self, story):
        return story.published_at

    def get_latest_lastmod(self):
        return _newest_publication()


# The sitemaps besides the monthly story ones (all_sitemaps, sitemap_for).
VOCABULARY_SITEMAPS = {
    "news": NewsSitemap,
    "sections": SectionSitemap,
    "themes": ThemeSitemap,
    "tags": TagSitemap,
}
