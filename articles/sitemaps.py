"""Sitemaps for search engines, over Story.objects.published().

Stories are split by month, so a million stories become a few hundred files that each
stay far under the protocol's limit of 50,000 URLs; sections, tags and themes have one
each; a Google News sitemap lists the last two days.
"""

from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps import Sitemap
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from .links import url_for
from .models import Section, Story, Theme


class NewsroomSitemap(Sitemap):
    def has_items(self):
        items = self.items()
        return items.exists() if hasattr(items, "exists") else bool(items)


class StoryMonthSitemap(NewsroomSitemap):
    """The published stories of one month (in the newsroom's time zone)."""

    changefreq = "never"
    # Far under the protocol's 50,000: a file of 9,000 URLs took 0.8 s to render; one of
    # 2,000 answers in well under 200 ms, and a crawler takes a few more files instead.
    limit = 2_000

    def __init__(self, year: int, month: int, latest=None, pages=None):
        self.year, self.month, self.latest, self.pages = year, month, latest, pages

    @property
    def paginator(self):
        """Django's, told the number of pages the index already knows (story_months), so
        listing a month costs no count of its stories."""
        paginator = super().paginator
        if self.pages is not None:
            paginator.__dict__["num_pages"] = self.pages
        return paginator

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
    """Only tags of published stories, so a draft's tags never show.

    Each tag is found by one probe of its own link rows (the first that belongs to a
    published story), so the file costs what the number of tags costs: asking every tag
    for its newest publication read every link row of every tag (47 s at a million
    stories). So a tag has no lastmod of its own; the sitemap's is the newest
    publication."""

    changefreq = "daily"
    limit = 2_000  # as the story months: each file answers quickly

    def get_latest_lastmod(self):
        return _newest_publication()

    def items(self):
        story_type = ContentType.objects.get_for_model(Story)
        public = Story.objects.published().filter(pk=OuterRef("object_id"))
        links = TaggedItem.objects.filter(tag_id=OuterRef("pk"), content_type=story_type)
        return (
            Tag.objects.filter(Exists(links.filter(Exists(public))))
            .order_by("name")
            .only("name", "slug")
        )

    def location(self, tag):
        return url_for("articles:tag", slug=tag.slug)


# The months before the current one, with their pages: they change only when a story
# in them changes (archive_changed), so they are kept; the current month is read live.
PAST_MONTHS_KEY = "sitemaps:past-months:"
PAST_MONTHS_SECONDS = 86400  # changes clear it; this only bounds a change made by hand


def story_months():
    """[(year, month, newest publication, pages)] of every month with published stories,
    newest first. The current month is read on every call (one probe and a count of its
    stories), so a new month is listed with its first story; the months before it come
    from the cache, kept until a story in them is published, moved, withdrawn or deleted
    (archive_changed). Found by one index probe per month (the newest publication before
    the start of the month last found): at a million stories, grouping every row took
    30 s, and probing and counting 111 months 1 s."""
    start = _month_start(timezone.now())
    published = Story.objects.published().newest_first()
    months = []
    newest = published.filter(published_at__gte=start).values_list("published_at", flat=True)
    newest = newest.first()
    if newest is not None:
        months.append(_month(newest))
    key = _past_months_key(start)
    past = cache.get(key)
    if past is None:
        past = []
        before = start
        while True:
            rows = published.filter(published_at__lt=before)
            found = rows.values_list("published_at", flat=True).first()
            if found is None:
                break
            past.append(_month(found))
            before = _month_start(found)
        cache.set(key, past, PAST_MONTHS_SECONDS)
    return months + past


def _past_months_key(start):
    # The file size too: the pages of each month depend on it.
    return f"{PAST_MONTHS_KEY}{start:%Y-%m}:{StoryMonthSitemap.limit}"


def _month_start(when):
    local = timezone.localtime(when)
    return timezone.make_aware(datetime(local.year, local.month, 1))


def _month(newest):
    local = timezone.localtime(newest)
    sitemap = StoryMonthSitemap(local.year, local.month, newest)
    return (local.year, local.month, newest, sitemap.paginator.num_pages)


def archive_changed(*times):
    """A story at these publication times entered or left what readers see: if one is
    before the current month, the months kept by story_months are read again. Called
    when the change is made and again after it commits (a reader in between may have
    read the months from before it)."""
    start = _month_start(timezone.now())
    if any(when is not None and when < start for when in times):
        key = _past_months_key(start)
        cache.delete(key)
        transaction.on_commit(lambda: cache.delete(key))


def _newest_publication():
    return Story.objects.published().newest_first().values_list("published_at", flat=True).first()


def all_sitemaps():
    """The sitemap index's sections: name -> Sitemap. A urlset must hold at least one
    URL (sitemaps.org's schema), so an empty sitemap is neither listed nor served."""
    sitemaps = {name: make() for name, make in VOCABULARY_SITEMAPS.items()}
    sitemaps = {name: sitemap for name, sitemap in sitemaps.items() if sitemap.has_items()}
    for year, month, latest, pages in story_months():
        sitemaps[f"stories-{year}-{month:02d}"] = StoryMonthSitemap(year, month, latest, pages)
    return sitemaps


def sitemap_for(section):
    """Only the one sitemap a request names, as {name: Sitemap}, or {} if it has none."""
    if section in VOCABULARY_SITEMAPS:
        sitemap = VOCABULARY_SITEMAPS[section]()
        return {section: sitemap} if sitemap.has_items() else {}
    for year, month, latest, _pages in story_months():
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
