from pathlib import Path

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from taggit.managers import TaggableManager

from . import body as body_elements
from . import images, slugs, text, videos
from .images import validate_image_file
from .links import url_for
from .querysets import StoryQuerySet

NAVIGATION_CACHE_KEY = "sections:navigation"


class SectionQuerySet(models.QuerySet):
    def public(self):
        """The sections readers are shown: approved ones, and those a published story is
        filed in (a name the wire made up appears only with the first story out)."""
        return self.filter(
            Q(approved=True) | Q(pk__in=Story.objects.published().values("section_id"))
        )


class Section(models.Model):
    """A desk of the newsroom (Politics, World, Economy…): the masthead navigation."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the masthead navigation, smallest first."
    )
    approved = models.BooleanField(
        default=True,
        db_default=True,
        help_text="Shown to readers. A section an import creates waits for a chief editor "
        "to approve it, or for its first published story.",
    )

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(NAVIGATION_CACHE_KEY)

    def get_absolute_url(self):
        return url_for("articles:section", slug=self.slug)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        cache.delete(NAVIGATION_CACHE_KEY)
        return result

    @classmethod
    def for_navigation(cls):
        """The masthead's sections, from the cache when possible."""
        return cache.get_or_set(NAVIGATION_CACHE_KEY, lambda: list(cls.objects.public()), 300)


class Theme(models.Model):
    """An ongoing storyline that groups stories across sections ("Coronavirus pandemic")."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return url_for("articles:theme", slug=self.slug)


class Source(models.Model):
    """Who a story relies on: the headline attribution ("— Kremlin aide", "— AFP")."""

    class Kind(models.TextChoices):
        OWN = "own", "Own desk"
        AGENCY = "agency", "Agency"
        OFFICIAL = "official", "Official"
        MEDIA = "media", "Media"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OFFICIAL)
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return url_for("articles:source", slug=self.slug)


class Author(models.Model):
    """A byline. Wire copy carries bylines of people without an account, so an author
    is its own record, linked to a user only when that person works in the desk."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Image(models.Model):
    """A picture with the words that must travel with it: alt text, caption, credit."""

    file = models.ImageField(
        upload_to=images.picture_upload_to,
        width_field="width",
        height_field="height",
        validators=[validate_image_file],
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the picture shows, for readers who cannot see it.",
    )
    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(
        max_length=200,
        blank=True,
        help_text="Filled from the picture's IPTC/EXIF metadata when left empty.",
    )
    # Resized copies made once at upload: [{"width", "height", "format", "name"}, …].
    renditions = models.JSONField(default=list, editable=False)
    # The picture's identity at the wire it came from: importing an item again reuses
    # this Image instead of storing the same picture twice.
    source_uri = models.CharField(max_length=500, blank=True, db_index=True, editable=False)
    # Who uploaded it: a reporter may change their own pictures while only drafts use them.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # The channel it came through (see Story.wire_source): only that one reuses it.
    wire_source = models.CharField(
        max_length=255, blank=True, default="", db_default="", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.caption or self.alt_text or self.file.name

    def save(self, *args, **kwargs):
        new_upload = bool(self.file) and not getattr(self.file, "_committed", True)
        if new_upload:
            if not self.credit:
                self.credit = images.credit_from_metadata(self.file)
            # Stored without its metadata (GPS…) or anything hidden in it, under a name
            # of ours: the original is as public as the renditions.
            self.file = images.without_metadata(self.file)
        super().save(*args, **kwargs)
        if self.file and (new_upload or not self.renditions):
            # Renditions are made here, at upload, never while a reader waits.
            stem = Path(self.file.name).stem
            with self.file.open("rb") as original:
                self.renditions = images.make_renditions(original, stem, self.file.storage)
            super().save(update_fields=["renditions"])

    def _urls(self, fmt):
        storage = self.file.storage
        return [
            (storage.url(r["name"]), r["width"], r["height"])
            for r in sorted(self.renditions, key=lambda r: r["width"])
            if r["format"] == fmt
        ]

    @cached_property
    def srcset_webp(self):
        return ", ".join(f"{url} {width}w" for url, width, _ in self._urls("webp"))

    @cached_property
    def classic_renditions(self):
        return sorted(self._urls("jpeg") + self._urls("png"), key=lambda r: r[1])

    @cached_property
    def thumbnail_url(self):
        """The smallest classic rendition (the original before renditions exist)."""
        return self.classic_renditions[0][0] if self.classic_renditions else self.file.url

    @cached_property
    def srcset(self):
        return ", ".join(f"{url} {width}w" for url, width, _ in self.classic_renditions)

    @cached_property
    def fallback(self):
        """(url, width, height) for browsers without srcset, and for width/height."""
        if not self.classic_renditions:
            return (self.file.url, self.width, self.height)
        wide_enough = [r for r in self.classic_renditions if r[1] >= images.FALLBACK_WIDTH]
        return wide_enough[0] if wide_enough else self.classic_renditions[-1]

    @cached_property
    def share_rendition(self):
        """The classic rendition for feeds and social cards (about 1200 px wide) with its
        URL, size, type and bytes (read from storage for renditions made before sizes
        were recorded)."""
        classic = sorted(
            (r for r in self.renditions if r["format"] in ("jpeg", "png")), key=lambda r: r["width"]
        )
        if not classic:
            return None
        wide = [r for r in classic if r["width"] >= 1200]
        chosen = wide[0] if wide else classic[-1]
        return {
            "url": self.file.storage.url(chosen["name"]),
            "width": chosen["width"],
            "height": chosen["height"],
            "mime_type": f"image/{chosen['format']}",
            "bytes": chosen.get("bytes") or self.file.storage.size(chosen["name"]),
        }


class Video(models.Model):
    """A video file we serve, with its poster frame and the words that travel with it.
    What the file is (container, codecs, length, frame) was found by articles/videos.py
    before it was stored."""

    file = models.FileField(upload_to=videos.video_upload_to, editable=False)
    content_type = models.CharField(max_length=20, editable=False)
    title = models.CharField(max_length=300)
    caption = models.CharField(max_length=500, blank=True)
    credit = models.CharField(max_length=200, blank=True)
    poster = models.ImageField(
        upload_to=videos.poster_upload_to,
        width_field="poster_width",
        height_field="poster_height",
        blank=True,
        editable=False,
    )
    poster_width = models.PositiveIntegerField(null=True, editable=False)
    poster_height = models.PositiveIntegerField(null=True, editable=False)
    duration = models.FloatField(default=0, editable=False)  # seconds
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    video_codec = models.CharField(max_length=20, blank=True, editable=False)
    audio_codec = models.CharField(max_length=20, blank=True, editable=False)
    size = models.PositiveBigIntegerField(default=0, editable=False)  # bytes
    # As for pictures: its identity at the wire it came from, and that channel.
    source_uri = models.CharField(max_length=500, blank=True, db_index=True, editable=False)
    wire_source = models.CharField(max_length=255, blank=True, default="", editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def iso_duration(self) -> str:
        """ISO 8601, as schema.org's VideoObject.duration wants it (PT1M5S)."""
        total = round(self.duration)
        hours, rest = divmod(total, 3600)
        minutes, seconds = divmod(rest, 60)
        return (
            "PT"
            + (f"{hours}H" if hours else "")
            + (f"{minutes}M" if minutes else "")
            + f"{seconds}S"
        )

    @property
    def length(self) -> str:
        """What a reader reads: 1:05, 1:02:09."""
        total = round(self.duration)
        hours, rest = divmod(total, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


class Story(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"
        # Deleted in the desk: out of every list, its history kept, restorable as a draft.
        TRASHED = "trashed", "In the trash"

    class Mark(models.TextChoices):
        # The reference live feed's "mark": a word shown before the headline.
        NONE = "", "None"
        BREAKING = "breaking", "Breaking"
        UPDATED = "updated", "Updated"
        EXCLUSIVE = "exclusive", "Exclusive"
        VIDEO = "video", "Video"
        PHOTO = "photo", "Photo"
        INTERVIEW = "interview", "Interview"

    headline = models.CharField(max_length=255)
    slug = models.SlugField(
        max_length=text.SLUG_MAX_LENGTH,
        unique=True,
        blank=True,
        help_text="Made from the headline when left empty. Old URLs keep working when it changes.",
    )
    standfirst = models.TextField(
        blank=True, help_text="The one-paragraph lead under the headline; also the feed subtitle."
    )
    dateline_place = models.CharField(
        max_length=100, blank=True, help_text="Where the story was filed, e.g. ATHENS."
    )
    body = models.TextField(blank=True, help_text="Rich text; sanitized when saved.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When readers may see it. A future time schedules the story.",
    )
    updated_at = models.DateTimeField(
        null=True, blank=True, help_text="When the story was last updated for readers."
    )
    embargo_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="The story cannot go live before this time, even when published.",
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the story went live for readers (its publication time, or the end of its
    # embargo), once that is on record. A save while it is live records it; a scheduled
    # story's time comes without a save, and `manage.py publish_due` records it then.
    went_live_at = models.DateTimeField(null=True, blank=True, editable=False)
    mark = models.CharField(max_length=10, choices=Mark.choices, default=Mark.NONE, blank=True)
    # Live coverage: timestamped entries under the story (LiveEntry), marked as live on
    # every list until the desk ends it.
    live_coverage = models.BooleanField(
        "live coverage",
        default=False,
        db_default=False,  # rows written by SQL of our own (generate_stories) too
        help_text="Cover an unfolding event with timestamped entries under the story.",
    )
    live_ended_at = models.DateTimeField(null=True, blank=True, editable=False)

    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="stories")
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="stories"
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="stories")
    authors = models.ManyToManyField(Author, blank=True, related_name="stories")
    lead_image = models.ForeignKey(
        Image, null=True, blank=True, on_delete=models.SET_NULL, related_name="stories"
    )
    # The pictures the body's elements show (galleries included), kept by the services
    # from the body on every save: which stories a picture change reaches, and every
    # picture for JSON-LD, feeds and ninjs. The body says where and in which order.
    inline_images = models.ManyToManyField(
        Image, blank=True, related_name="inline_in", editable=False
    )
    # The videos and embeds in the body, kept by the services from it like the pictures.
    inline_videos = models.ManyToManyField(
        Video, blank=True, related_name="inline_in", editable=False
    )
    inline_embeds = models.ManyToManyField(
        "embeds.Embed", blank=True, related_name="inline_in", editable=False
    )
    # The stories the body's "Read also" elements link to, kept by the services from the
    # body: a change readers see of one of them reaches the pages that link it.
    linked_stories = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="linked_from", editable=False
    )
    tags = TaggableManager(blank=True)
    related = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="related_to"
    )
    home_priority = models.PositiveSmallIntegerField(
        default=0,
        help_text="Pins the story to the home page's top stories; higher comes first, 0 unpins.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # Optimistic locking: every save bumps it, and a save based on an older number is
    # refused instead of silently overwriting a colleague's edit.
    version = models.PositiveIntegerField(default=1, editable=False)
    # PostgreSQL's full-text search document, GIN-indexed (search.py keeps it current;
    # migration 0009 makes the index). SQLite keeps an FTS5 table instead.
    search_vector = SearchVectorField(null=True, editable=False)
    # Rotating it revokes every share link to the draft.
    preview_nonce = models.CharField(max_length=32, blank=True, editable=False)
    # NULL for the desk's own stories, which the wire identity constraint leaves out.
    guid = models.CharField(  # noqa: DJ001
        "wire id",
        max_length=255,
        null=True,
        blank=True,
        help_text="The story's id at the wire or feed it came from; keeps imports idempotent.",
    )
    # The channel the wire copy came through (the import's --source, or the feed's URL;
    # empty for the operator's own files). With the guid, the story's wire identity: a
    # feed can only update or withdraw stories it sent itself.
    # db_default: rows written by SQL (generate_stories on PostgreSQL) get it as well.
    wire_source = models.CharField(
        "wire source", max_length=255, blank=True, default="", db_default="", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "stories"
        ordering = ["-published_at", "-id"]
        permissions = [
            ("publish_story", "Can publish, schedule, withdraw stories and set their marks"),
            ("edit_any_story", "Can edit stories written by others"),
            ("curate_home", "Can pin and order the home page's top stories"),
        ]
        indexes = [
            # The feed, All news and the keyset cursor: only rows readers may see.
            models.Index(
                models.F("published_at").desc(),
                models.F("id").desc(),
                name="story_feed_idx",
                condition=Q(status="published"),
            ),
            # The desk's date hierarchy asks MIN/MAX over every state.
            models.Index(fields=["published_at"], name="story_published_at_idx"),
            # publish_due: published stories whose going live is not on record yet.
            models.Index(
                fields=["published_at"],
                name="story_unrecorded_idx",
                condition=Q(status="published", went_live_at__isnull=True),
            ),
            # The desk's story list: the most recently changed first, all states.
            models.Index(
                models.F("modified_at").desc(), models.F("id").desc(), name="story_desk_idx"
            ),
            models.Index(
                models.F("home_priority").desc(),
                models.F("published_at").desc(),
                models.F("id").desc(),
                name="story_top_idx",
                condition=Q(status="published"),
            ),
            models.Index(
                "section",
                models.F("published_at").desc(),
                models.F("id").desc(),
                name="story_section_feed_idx",
                condition=Q(status="published"),
            ),
            models.Index(
                "theme",
                models.F("published_at").desc(),
                models.F("id").desc(),
                name="story_theme_feed_idx",
                condition=Q(status="published"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="story_published_has_time",
                violation_error_message="A published story needs a publication time.",
            ),
            models.UniqueConstraint(
                fields=["wire_source", "guid"],
                condition=Q(guid__isnull=False),
                name="story_unique_wire_identity",
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        # Derived fields only: the slug when missing, the body reduced to the allowlist
        # whichever way it arrived (admin, command, import), and when it went live.
        self.body = body_elements.sanitize(self.body)
        if not self.is_published:
            self.went_live_at = None
        elif self.went_live_at is None:
            self.went_live_at = self.live_from()
        if self.slug:
            return super().save(*args, **kwargs)
        # A slug made here must be unique: the next free number, the database deciding.
        base = text.slug_for(self.headline)
        taken = set(
            Story.objects.filter(slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        slugs.save_with_free_slug(
            self,
            base,
            limit=text.SLUG_MAX_LENGTH,
            taken=taken,
            save=lambda: super(Story, self).save(*args, **kwargs),
        )

    def get_absolute_url(self):
        return url_for("articles:story", pk=self.pk, slug=self.slug)

    @property
    def is_live_now(self) -> bool:
        return self.live_coverage and self.live_ended_at is None

    @property
    def is_published(self):
        """The publication rule for one story (see StoryQuerySet.published)."""
        return self.state == self.State.LIVE

    @property
    def ever_public(self):
        """Whether readers have seen, or are set to see, this story: published (or
        scheduled) now or at some time before. A draft that never was is the desk's alone,
        and its saves change nothing readers can notice."""
        # Withdrawn and trashed stories count: most were published (and a withdrawal is
        # exactly a change readers notice), whatever first_published_at says of old rows.
        # The same rule as StoryQuerySet.ever_public, for one story.
        return self.status not in StoryQuerySet.UNSEEN or self.first_published_at is not None

    def live_from(self):
        """When readers may first see the story: its publication time or, if later, the
        end of its embargo (None while it has no publication time)."""
        if self.published_at is None:
            return None
        return max(self.published_at, self.embargo_until or self.published_at)

    @property
    def is_scheduled(self):
        return self.state == self.State.SCHEDULED

    class State(models.TextChoices):
        """What the desk sees: the status, and for published stories whether time and
        embargo let them be read yet."""

        DRAFT = "draft", "Draft"
        IN_REVIEW = "review", "In review"
        SCHEDULED = "scheduled", "Scheduled"
        EMBARGOED = "embargoed", "Embargoed"
        LIVE = "live_coverage", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"
        TRASHED = "trashed", "In the trash"

    def get_state_display(self):
        return self.state.label

    @property
    def state(self):
        if self.status != self.Status.PUBLISHED:
            return self.State(self.status)
        now = timezone.now()
        if self.embargo_until and self.embargo_until > now:
            return self.State.EMBARGOED
        if self.published_at is None or self.published_at > now:
            return self.State.SCHEDULED
        return self.State.LIVE

    @property
    def was_updated(self):
        """Readers see an update time only when it is later than publication."""
        return bool(self.updated_at and self.published_at and self.updated_at > self.published_at)

    def dateline(self):
        local = timezone.localtime(self.published_at) if self.published_at else timezone.localtime()
        return text.dateline(self.dateline_place, local.date(), settings.NEWSROOM_AGENCY)


class HomePageStory(Story):
    """The home page's top stories, as a list an editor can reorder in the admin."""

    class Meta:
        proxy = True
        verbose_name = "home page story"
        verbose_name_plural = "home page: top stories"


class LiveEntry(models.Model):
    """One update of a live story: its own text (the body's format, elements included),
    its own draft/published state, a history of its own (LiveEntryRevision)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        DELETED = "deleted", "Deleted"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="entries")
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    key_event = models.BooleanField(default=False, help_text="Listed among the key events.")
    pinned = models.BooleanField(default=False, help_text="Shown first, above the newest.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # A published entry changed after it went out is shown as corrected, with the time.
    corrected_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name_plural = "live entries"
        indexes = [
            # The reader's page and the cursor: a story's published entries, newest first.
            models.Index(
                "story",
                models.F("published_at").desc(),
                models.F("id").desc(),
                name="live_entry_feed_idx",
                condition=Q(status="published"),
            ),
        ]

    def __str__(self):
        return f"Entry {self.pk} of story {self.story_id}"

    @property
    def anchor(self) -> str:
        return f"entry-{self.pk}"


class LiveEntryRevision(models.Model):
    entry = models.ForeignKey(LiveEntry, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    status = models.CharField(max_length=10)
    key_event = models.BooleanField(default=False)
    pinned = models.BooleanField(default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.comment} ({self.created_at:%Y-%m-%d %H:%M})"


class Correction(models.Model):
    """A dated note the desk adds when a published story is corrected or updated. Kept as
    its own record, never as an edit of the body, so readers see what changed and when."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(help_text="What was wrong or what is new, in a sentence or two.")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} of {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"


class Revision(models.Model):
    """A snapshot of a story after a save: who, when, which fields changed, and the
    content itself, so any two can be compared and an old one restored."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.CharField(max_length=200, blank=True)
    changed_fields = models.JSONField(default=list)
    content = models.JSONField()
    object_str = models.CharField(max_length=255)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["story", "number"], name="revision_unique_number")
        ]

    def __str__(self):
        return f"Revision {self.number} of “{self.object_str}”"


class WireUpdate(models.Model):
    """A new version the wire sent of a story the desk has edited or published. It is
    held here, never written over the desk's work, until an editor accepts it (it becomes
    a revision) or rejects it. A later version from the wire supersedes a pending one."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "Waiting for the desk"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"
        SUPERSEDED = "superseded", "Superseded by a later update"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="wire_updates")
    received_at = models.DateTimeField(default=timezone.now)
    # What the story would be, in a revision's terms (services.snapshot), and the fields
    # that differ from the story as it was when the update arrived.
    content = models.JSONField()
    changed_fields = models.JSONField(default=list)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(
                fields=["story"], name="wireupdate_pending_idx", condition=Q(outcome="pending")
            )
        ]

    def __str__(self):
        return f"Update from the wire of {timezone.localtime(self.received_at):%Y-%m-%d %H:%M}"
