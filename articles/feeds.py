"""RSS 2.0 and Atom feeds of all news and of each section, tag, theme and source.

Subclasses of Django's syndication Feed over Story.objects.published(); each item carries
its lead picture as an enclosure, every picture it shows as Media RSS, and a GUID that
survives a new headline.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from taggit.models import Tag

from .dependencies import list_key, shows
from .elements import every_picture
from .links import url_for
from .models import Section, Source, Story, Theme

# Text is saved without the characters XML forbids (signals.clean_text); feeds clean
# what they write as well, so a row saved before that rule cannot take a feed down.
from .text import xml_safe

FEED_LENGTH = 50
MEDIA_RSS = "http://search.yahoo.com/mrss/"


class MediaRssFeed(Rss201rev2Feed):
    """RSS 2.0 with Media RSS <media:content>, which feed readers use for pictures."""

    def rss_attributes(self):
        return super().rss_attributes() | {"xmlns:media": MEDIA_RSS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # Every picture the story shows, the lead first, each with its words.
        for picture in item.get("pictures", ()):
            handler.startElement(
                "media:content",
                {
                    "url": picture["url"],
                    "type": picture["mime_type"],
                    "medium": "image",
                    "width": str(picture["width"]),
                    "height": str(picture["height"]),
                    "fileSize": str(picture["bytes"]),
                },
            )
            if picture.get("caption"):
                handler.addQuickElement("media:description", picture["caption"])
            if picture.get("credit"):
                handler.addQuickElement("media:credit", picture["credit"])
            handler.endElement("media:content")


class PlainSummaryAtomFeed(Atom1Feed):
    """Atom whose <summary> says what it holds: the standfirst is plain text, and Django's
    type="html" would have readers unescape "&lt;b&gt;" in it into markup."""

    def add_item_elements(self, handler, item):
        summary = item["description"]
        super().add_item_elements(handler, {**item, "description": None})
        if summary is not None:
            handler.addQuickElement("summary", summary, {"type": "text"})


class AllNewsFeed(Feed):
    feed_type = MediaRssFeed
    # Subclasses: which stories, and what the feed is about.
    page_url_name = "articles:all-news"
    subject_model = None
    requires_published_stories = False

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, slug=None):
        if self.subject_model is None:
            return None
        return get_object_or_404(self.subject_model, slug=slug)

    def stories(self, subject):
        return Story.objects.published()

    def items(self, subject):
        stories = self.stories(subject).newest_first().for_listing().prefetch_related("tags")
        if self.feed_type is MediaRssFeed:  # Media RSS lists the pictures in the text too
            stories = stories.prefetch_related("inline_images")
        stories = list(stories[:FEED_LENGTH])
        if not stories and self.requires_published_stories:
            raise Http404("No stories here.")  # as the matching page: no name leaks from drafts
        shows(stories, list_key(subject))
        return stories

    def title(self, subject):
        name = settings.NEWSROOM_NAME
        return xml_safe(f"{name}: {subject.name}" if subject else f"{name}: all news")

    def description(self, subject):
        if subject is not None and getattr(subject, "description", ""):
            return xml_safe(subject.description)
        return f"The latest stories from {settings.NEWSROOM_NAME}, newest first."

    subtitle = description

    def link(self, subject):
        if subject is None:
            return reverse(self.page_url_name)
        return reverse(self.page_url_name, kwargs={"slug": subject.slug})

    def feed_url(self, subject):
        return self.request.path

    def author_name(self):
        return settings.NEWSROOM_NAME

    def item_title(self, story):
        return xml_safe(story.headline)

    def item_description(self, story):
        return xml_safe(story.standfirst)

    def item_link(self, story):
        return story.get_absolute_url()

    def item_guid(self, story):
        # The short URL never changes, even when the headline and slug do.
        return self.request.build_absolute_uri(url_for("articles:story-short", pk=story.pk))

    item_guid_is_permalink = True

    def item_pubdate(self, story):
        return story.published_at

    def item_updateddate(self, story):
        return story.updated_at if story.was_updated else story.published_at

    def item_categories(self, story):
        return [xml_safe(n) for n in (story.section.name, *(t.name for t in story.tags.all()))]

    def _pictures(self, story) -> list[dict]:
        """The lead picture, then those in the text, each once (in the order they were
        added to the library: the body, which knows its own order, is not read for 50
        items)."""
        inline = sorted(story.inline_images.all(), key=lambda image: image.pk)
        return [
            rendition
            | {
                "url": self.request.build_absolute_uri(rendition["url"]),
                "caption": xml_safe(image.caption),
                "credit": xml_safe(image.credit),
            }
            for image, rendition in every_picture(story, inline)
        ]

    def item_enclosures(self, story):
        # RSS has room for one enclosure: the lead picture.
        picture = story.lead_image.share_rendition if story.lead_image_id else None
        if picture is None:
            return []
        url = self.request.build_absolute_uri(picture["url"])
        return [Enclosure(url, str(picture["bytes"]), picture["mime_type"])]

    def item_extra_kwargs(self, story):
        return {"pictures": self._pictures(story)} if self.feed_type is MediaRssFeed else {}


class SectionFeed(AllNewsFeed):
    page_url_name = "articles:section"
    subject_model = Section

    def stories(self, section):
        return Story.objects.published().in_section(section)


class ThemeFeed(AllNewsFeed):
    page_url_name = "articles:theme"
    subject_model = Theme
    requires_published_stories = True

    def stories(self, theme):
        return Story.objects.published().in_theme(theme)


class SourceFeed(AllNewsFeed):
    page_url_name = "articles:source"
    subject_model = Source
    requires_published_stories = True

    def stories(self, source):
        return Story.objects.published().from_source(source)


class TagFeed(AllNewsFeed):
    page_url_name = "articles:tag"
    subject_model = Tag
    requires_published_stories = True

    def stories(self, tag):
        return Story.objects.published().tagged(tag)


def atom(feed_class):
    """The Atom twin of an RSS feed class."""
    return type(f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": PlainSummaryAtomFeed})
