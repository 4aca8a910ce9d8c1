"""Live coverage: the entries under a live story, the writes that post, correct and
delete them, and how readers page through them.

Each entry is its own row, so editors posting at once never overwrite each other; an
edit names the version it was made on and is refused if another edit came first. Every
write records a LiveEntryRevision and, after the commit, purges the story's page (the
dependency key of the story: its article fragment and JSON-LD are keyed on it).

Readers page with a cursor, never an offset: `<published_at>_<id>` of the last entry
they have. The page shows PAGE entries, whatever the number the story has.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from . import body, elements, search, signals
from .dependencies import keys
from .models import LiveEntry, LiveEntryRevision, Story

PAGE = 20
KEY_EVENTS = 20
BODY_MAX = 20_000


class EntryConflict(Exception):
    """Someone changed the entry since this edit was begun."""


# --- Writes -----------------------------------------------------------------------------


def _check_story(story, user):
    if not user.has_perm("articles.add_liveentry"):
        raise PermissionDenied("You may not post to live stories.")
    if not story.live_coverage:
        raise ValidationError("This story is not live coverage: turn on “live coverage” first.")
    if story.live_ended_at is not None:
        raise ValidationError("This live coverage has ended: reopen it to post.")


def _clean_body(html: str) -> str:
    from .search import plain_text

    cleaned = body.sanitize(html or "")
    if not body.elements(cleaned) and not plain_text(cleaned).strip():
        raise ValidationError("Write the entry's text first.")
    if len(cleaned) > BODY_MAX:
        raise ValidationError(f"An entry may be at most {BODY_MAX:,} characters of text.")
    return cleaned


def _record(entry, user, comment):
    LiveEntryRevision.objects.create(
        entry=entry,
        body=entry.body,
        status=entry.status,
        key_event=entry.key_event,
        pinned=entry.pinned,
        user=user if getattr(user, "pk", None) else None,
        comment=comment,
    )
    search.index_story(entry.story)  # a live story is found by its entries' words too
    if entry.story.is_published:
        signals.changed({keys.story(entry.story_id)})


def _may_publish(user) -> bool:
    return user.has_perm("articles.publish_story")


def entry_post(*, story: Story, user, html: str, key_event=False, pinned=False, publish=True):
    """A new entry; published at once when the user may publish and asks to, else a draft
    for an editor to publish."""
    _check_story(story, user)
    entry = LiveEntry(
        story=story,
        body=_clean_body(html),
        key_event=key_event,
        pinned=pinned and _may_publish(user),
        author=user if getattr(user, "pk", None) else None,
        author_name=(user.get_full_name() or user.get_username())
        if getattr(user, "pk", None)
        else "",
    )
    if publish and _may_publish(user):
        entry.status, entry.published_at = LiveEntry.Status.PUBLISHED, timezone.now()
    with transaction.atomic():
        entry.save()
        _record(entry, user, "Posted" if entry.published_at else "Saved as a draft")
    return entry


def _may_change(user, entry) -> bool:
    if user.has_perm("articles.edit_any_story"):
        return user.has_perm("articles.change_liveentry")
    return (
        user.has_perm("articles.change_liveentry")
        and entry.author_id == user.pk
        and entry.status == LiveEntry.Status.DRAFT
    )


def entry_edit(*, entry: LiveEntry, user, html: str, key_event: bool, pinned: bool, version: int):
    """Change an entry made at `version`. A published entry changed is shown to readers as
    corrected, with the time."""
    with transaction.atomic():
        stored = LiveEntry.objects.select_for_update().select_related("story").get(pk=entry.pk)
        if not _may_change(user, stored):
            raise PermissionDenied("You may not change this entry.")
        if stored.status == LiveEntry.Status.DELETED:
            raise ValidationError("This entry was deleted.")
        if stored.version != version:
            raise EntryConflict("Someone changed this entry meanwhile: reload it and edit again.")
        stored.body = _clean_body(html)
        stored.key_event = key_event
        stored.pinned = pinned and _may_publish(user)
        if stored.status == LiveEntry.Status.PUBLISHED:
            stored.corrected_at = timezone.now()
        stored.version += 1
        stored.save()
        _record(stored, user, "Corrected" if stored.corrected_at else "Edited")
    return stored


def entry_publish(*, entry: LiveEntry, user) -> LiveEntry:
    if not _may_publish(user):
        raise PermissionDenied("Only editors publish entries.")
    with transaction.atomic():
        stored = LiveEntry.objects.select_for_update().select_related("story").get(pk=entry.pk)
        if stored.status != LiveEntry.Status.DRAFT:
            return stored
        stored.status, stored.published_at = LiveEntry.Status.PUBLISHED, timezone.now()
        stored.version += 1
        stored.save()
        _record(stored, user, "Published")
    return stored


def entry_delete(*, entry: LiveEntry, user) -> LiveEntry:
    """Out of readers' sight; kept, with its history, for the desk."""
    with transaction.atomic():
        stored = LiveEntry.objects.select_for_update().select_related("story").get(pk=entry.pk)
        if not (user.has_perm("articles.delete_liveentry") or _may_change(user, stored)):
            raise PermissionDenied("You may not delete this entry.")
        stored.status = LiveEntry.Status.DELETED
        stored.version += 1
        stored.save()
        _record(stored, user, "Deleted")
    return stored


# --- Reading ------------------------------------------------------------------------------


def cursor_of(entry) -> str:
    return f"{entry.published_at.isoformat()}_{entry.pk}"


def parse_cursor(value: str) -> tuple[datetime, int] | None:
    """(time, id) from a cursor; None for anything else (a reader's typing, a bot)."""
    moment, _, pk = (value or "").rpartition("_")
    if not pk.isascii() or not pk.isdigit() or len(pk) > 12:
        return None
    try:
        when = parse_datetime(moment)
    except ValueError:
        return None
    if when is None or timezone.is_naive(when):
        return None
    return when, int(pk)


def published(story):
    return LiveEntry.objects.filter(story=story, status=LiveEntry.Status.PUBLISHED)


def older_than(queryset, cursor):
    when, pk = cursor
    return queryset.filter(Q(published_at__lt=when) | Q(published_at=when, pk__lt=pk))


def newer_than(queryset, cursor):
    when, pk = cursor
    return queryset.filter(Q(published_at__gt=when) | Q(published_at=when, pk__gt=pk))


@dataclass
class Shown:
    entry: LiveEntry
    html: str


def rendered(entries) -> list[Shown]:
    """Entries with their bodies' elements as markup, the records read once for all."""
    records = elements.Records.of(*(entry.body for entry in entries))
    return [
        Shown(entry, elements.render_html(entry.body, records, prefix=f"e{entry.pk}-"))
        for entry in entries
    ]


@dataclass
class Coverage:
    """What a live story's page shows of its entries."""

    pinned: list[Shown]
    entries: list[Shown]
    key_events: list[LiveEntry]
    newest: str  # the cursor of the newest entry, for the page's script
    older: str  # the cursor to read older entries from, or ""
    count: int


def coverage(story, before: str = "") -> Coverage:
    """The page of entries (the newest PAGE, or those before a cursor), the pinned ones
    and the key events: four queries, whatever the number of entries."""
    every = published(story).order_by("-published_at", "-pk")
    cursor = parse_cursor(before) if before else None
    page = list((older_than(every, cursor) if cursor else every)[: PAGE + 1])
    pinned = [] if cursor else list(every.filter(pinned=True)[:3])
    key_events = list(every.filter(key_event=True).only("id", "body", "published_at")[:KEY_EVENTS])
    newest = every.only("id", "published_at").first()
    shown = rendered(pinned + page[:PAGE])
    return Coverage(
        pinned=shown[: len(pinned)],
        entries=shown[len(pinned) :],
        key_events=key_events,
        newest=cursor_of(newest) if newest else "",
        older=cursor_of(page[PAGE - 1]) if len(page) > PAGE else "",
        count=len(page[:PAGE]),
    )


def headline_of(entry) -> str:
    """An entry's first words, for the key events list and feeds."""
    from .search import plain_text

    words = plain_text(entry.body)
    return words if len(words) <= 120 else words[:119].rsplit(" ", 1)[0] + "…"


def live_end(*, story: Story, user) -> Story:
    """ "This live coverage has ended": no more entries; every list stops calling it live."""
    from . import services

    if not story.live_coverage or story.live_ended_at is not None:
        return story
    story.live_ended_at = timezone.now()
    return services.story_write(story=story, user=user, comment="Live coverage ended")


def live_reopen(*, story: Story, user) -> Story:
    from . import services

    if story.live_ended_at is None:
        return story
    story.live_ended_at = None
    return services.story_write(story=story, user=user, comment="Live coverage reopened")


def frame_origins(story) -> list[str]:
    """The frame origins of the embeds in the entries a live story's page shows."""
    bodies = (
        published(story)
        .filter(body__contains="data-embed")
        .order_by("-published_at", "-pk")
        .values_list("body", flat=True)[: PAGE + 3]
    )
    return elements.frame_origins("".join(bodies))
