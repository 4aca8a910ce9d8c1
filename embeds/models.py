from django.conf import settings
from django.db import models

from . import providers


class Embed(models.Model):
    """A post, video, map or document from another site, as a story shows it: what the
    facade says before the reader chooses to load it (provider, title, text, a thumbnail
    we keep), and the frame that loads then. Filled at save time; never fetched while a
    reader waits."""

    class Kind(models.TextChoices):
        VIDEO = "video", "Video"
        POST = "post", "Post"
        MAP = "map", "Map"
        DOCUMENT = "document", "Document"
        AUDIO = "audio", "Audio"

    url = models.URLField("link", max_length=2000, unique=True)
    provider = models.CharField(max_length=80)  # providers.PROVIDERS key
    provider_name = models.CharField(max_length=80)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.POST)
    # The frame a click loads: built by providers.py from the checked link, "" for a
    # link card. Its origin is the only one the page's CSP frames.
    frame = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=300, blank=True)
    text = models.TextField("text of the post", max_length=1000, blank=True)
    author_name = models.CharField(max_length=200, blank=True)
    thumbnail = models.ImageField(upload_to="embeds/%Y/%m/", blank=True)
    thumbnail_width = models.PositiveIntegerField(null=True, blank=True)
    thumbnail_height = models.PositiveIntegerField(null=True, blank=True)
    caption = models.CharField(max_length=500, blank=True, help_text="Shown under the embed.")
    fetched_at = models.DateTimeField(null=True, blank=True)
    fetch_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.provider_name}: {self.title or self.url}"

    @property
    def frame_origin(self) -> str:
        return providers.origin(self.frame)

    @property
    def ratio(self) -> str:
        provider = providers.BY_KEY.get(self.provider)
        return provider.ratio if provider else "16 / 9"

    @property
    def label(self) -> str:
        """What the facade says it is: the title, else the post's first words."""
        text = self.title or self.text
        return text if len(text) <= 200 else text[:199].rsplit(" ", 1)[0] + "…"
