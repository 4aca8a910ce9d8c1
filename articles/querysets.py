"""What readers may see, and the shapes in which lists load it."""

from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

# Newest first, with the id breaking ties between stories published in the same
# microsecond: the order of every list and the key of keyset pagination.
FEED_ORDER = (F("published_at").desc(), F("id").desc())


class StoryQuerySet(models.QuerySet):
    def published(self):
        """Stories readers may see: published, and their publication time has come.

        This is the one publication rule. A published story with a future time is
        scheduled and appears by itself when its time comes; an embargo holds a story
        back until it lifts, whatever its publication time; drafts, stories in review
        and withdrawn stories never appear. Every public page, feed and list starts here.
        """
        now = timezone.now()
        return self.filter(status=self.model.Status.PUBLISHED, published_at__lte=now).filter(
            Q(embargo_until__isnull=True) | Q(embargo_until__lte=now)
        )

    # Statuses of stories readers have never seen, unless they were published before.
    UNSEEN = ("draft", "review")

    def ever_public(self):
        """Stories readers have seen or are set to see (see Story.ever_public): the edits
        behind Last-Modified are theirs, never a draft's."""
        return self.exclude(Q(status__in=self.UNSEEN) & Q(first_published_at__isnull=True))

    def gone_live_unrecorded(self):
        """Stories readers can see whose going live is not on record yet: scheduled
        stories whose time has come, embargoes that have lifted (see publish_due)."""
        return self.published().filter(went_live_at__isnull=True)

    def not_yet_live(self):
        """Published stories whose time or embargo is still to come, with `live` (when
        they go live): the small set story_unrecorded_idx holds."""
        from django.db.models.functions import Coalesce, Greatest

        now = timezone.now()
        return (
            self.filter(status=self.model.Status.PUBLISHED, went_live_at__isnull=True)
            .filter(Q(published_at__gt=now) | Q(embargo_until__gt=now))
            .annotate(live=Greatest("published_at", Coalesce("embargo_until", "published_at")))
        )

    def newest_first(self):
        return self.order_by(*FEED_ORDER)

    def for_listing(self):
        """The columns and joins a story card needs, and nothing per item later."""
        return self.select_related("section", "theme", "lead_image").only(
            "id",
            "headline",
            "slug",
            "standfirst",
            "mark",
            "live_coverage",  # a live story is marked as such on every list
            "live_ended_at",
            "published_at",
            "updated_at",
            "modified_at",  # the version of its card (pagecache/fragments.py)
            "section__name",
            "section__slug",
            "theme__name",
            "theme__slug",
            "lead_image__file",
            "lead_image__width",
            "lead_image__height",
            "lead_image__alt_text",
            "lead_image__renditions",
            "lead_image__credit",
            "lead_image__caption",
        )

    def for_cards(self):
        """What a page needs of each story it shows as a card or feed item when the
        card itself comes from the cache (pagecache/fragments.py): its id and version,
        its time (day headings, cursors) and section (the home page's blocks), as plain
        rows. The few cards not cached are read in full afterwards, together
        (selectors.cards_by_id)."""
        return self.values_list("pk", "modified_at", "published_at", "section_id", named=True)

    def for_article(self, prefetch=True):
        """Everything the article page shows, in a fixed number of queries (with
        `prefetch=False`, its relations are read when first shown)."""
        found = self.select_related("section", "theme", "lead_image").defer(
            "search_vector"  # large, and only search reads it
        )
        return (
            found.prefetch_related("sources", "authors", "tags", "corrections")
            if prefetch
            else found
        )

    def in_section(self, section):
        return self.filter(section=section)

    def in_theme(self, theme):
        return self.filter(theme=theme)

    def from_source(self, source):
        return self.filter(sources=source)

    def tagged(self, tag):
        """Stories with this tag, as EXISTS over taggit's rows: the join taggit's manager
        writes compares its integer object_id through a cast, which keeps PostgreSQL off
        the index and made it sort every row of a popular tag (21 ms against 0.5 ms)."""
        from django.contrib.contenttypes.models import ContentType
        from taggit.models import TaggedItem

        rows = TaggedItem.objects.filter(
            tag=tag,
            content_type=ContentType.objects.get_for_model(self.model, for_concrete_model=True),
            object_id=OuterRef("pk"),
        )
        return self.filter(Exists(rows))

    def top_stories(self):
        """The home page's top: stories the desk pinned, highest priority first, then the
        newest, so the top is never empty."""
        return self.order_by("-home_priority", *FEED_ORDER)

    def before(self, published_at, pk):
        """Stories after the cursor in newest-first order (older ones)."""
        return self.filter(published_at__lte=published_at).filter(
            Q(published_at__lt=published_at) | Q(id__lt=pk)
        )

    def after(self, published_at, pk):
        """Stories before the cursor in newest-first order (newer ones)."""
        return self.filter(published_at__gte=published_at).filter(
            Q(published_at__gt=published_at) | Q(id__gt=pk)
        )

    def latest_per_section(self, per_section, window):
        """Up to `per_section` newest stories of each section, in one query.

        Only the newest `window` stories compete, so the cost stays flat however large
        the archive grows; a section with nothing among them is left out.
        """
        recent_ids = self.newest_first().values("id")[:window]
        return (
            self.filter(id__in=Subquery(recent_ids))
            .annotate(
                section_rank=Window(RowNumber(), partition_by=F("section_id"), order_by=FEED_ORDER)
            )
            .filter(section_rank__lte=per_section)
            .order_by("section__position", "section__name", *FEED_ORDER)
        )
