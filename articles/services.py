"""Every write to a story that has a rule: who may do it, what state it leads to, and the
revision that records it. The admin, management commands and any API call these same
functions, so a rule cannot be skipped by taking another door.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from embeds.models import Embed

from . import audit, body, elements, preview, search, signals
from .diff import field_label
from .images import STORED_NAME, without_metadata
from .models import Image, Revision, Story, Video, WireUpdate


class SystemActor:
    """The newsroom itself, for management commands and imports run by ops: allowed
    everything, recorded in revisions as nobody in particular."""

    pk = None
    is_active = True
    is_staff = True

    def has_perm(self, perm, obj=None):
        return True

    def __str__(self):
        return "system"


SYSTEM = SystemActor()

# Fields only an editor (publish permission) may change.
EDITOR_FIELDS = (
    "published_at",
    "embargo_until",
    "updated_at",
    "mark",
    "home_priority",
    "live_coverage",
)


@dataclass
class StoryConflict(Exception):
    """Someone saved the story after this edit began. Nothing was written."""

    story: Story
    expected_version: int
    changed_fields: list = field(default_factory=list)
    changed_by: str = ""

    def __str__(self):
        who = self.changed_by or "someone else"
        fields = ", ".join(self.changed_fields) or "the story"
        return (
            f"{who} saved this story while you were editing it (changed: {fields}). "
            "Your version was not saved; your changes are still in the form below. "
            "Compare them with the current story, then save again."
        )


# --- Who may do what --------------------------------------------------------------


def can_publish(user) -> bool:
    return user.has_perm("articles.publish_story")


def can_edit(user, story: Story) -> bool:
    """Editors edit every story; a reporter edits only their own drafts."""
    if user.has_perm("articles.edit_any_story"):
        return True
    return (
        user.has_perm("articles.change_story")
        and story.created_by_id == user.pk
        and story.status == Story.Status.DRAFT
    )


def _require(allowed: bool, message: str):
    if not allowed:
        raise PermissionDenied(message)


# --- The workflow: one object per transition ----------------------------------------


class Transition:
    """One workflow action (Wagtail's action objects are the model): who may take it, from
    which states, what it does to the story, and what the desk's button and the history
    call it. `allowed_actions` asks these, so the desk offers exactly what the services
    accept."""

    name = ""
    label = ""  # the desk's button
    comment = ""  # the revision's note
    starts_from: tuple = ()
    leads_to = ""
    permission_error = ""
    state_error = ""

    def permitted(self, user, story) -> bool:
        return can_publish(user)

    def offered(self, user, story) -> bool:
        """Whether the desk shows the button for the story as it is stored."""
        return story.status in self.starts_from and self.permitted(user, story)

    def check(self, user, story):
        _require(self.permitted(user, story), self.permission_error)
        if story.status not in self.starts_from:
            raise ValidationError(self.state_error)

    def apply(self, story, publish_at=None):
        story.status = self.leads_to


class Submit(Transition):
    name, label, comment = "submit", "Save and submit for review", "Submitted for review"
    starts_from, leads_to = (Story.Status.DRAFT,), Story.Status.IN_REVIEW
    permission_error = "You may not submit this story."
    state_error = "Only a draft can be submitted for review."

    def permitted(self, user, story):
        return story.pk is None or can_edit(user, story)


class SendBack(Transition):
    name, label, comment = "send_back", "Send back to draft", "Sent back to draft"
    starts_from, leads_to = (Story.Status.IN_REVIEW,), Story.Status.DRAFT
    permission_error = "Only editors may send a story back."
    state_error = "Only a story in review can be sent back to draft."


class Publish(Transition):
    name, label, comment = "publish", "Publish (now, or at the publication time)", "Published"
    # Publishing a published story again is a save that keeps its time (imports, the demo).
    starts_from = (
        Story.Status.DRAFT,
        Story.Status.IN_REVIEW,
        Story.Status.WITHDRAWN,
        Story.Status.PUBLISHED,
    )
    leads_to = Story.Status.PUBLISHED
    permission_error = "Only editors may publish."

    def offered(self, user, story):
        return story.status != Story.Status.PUBLISHED and super().offered(user, story)

    def apply(self, story, publish_at=None):
        _check_publishable(story)
        now = timezone.now()
        if publish_at is not None:
            story.published_at = publish_at
        elif story.status == Story.Status.PUBLISHED and story.published_at:
            pass  # already published or scheduled: a re-save keeps the time
        elif story.first_published_at and story.first_published_at <= now:
            story.published_at = story.first_published_at  # back after a withdrawal
        else:
            story.published_at = now
        if story.embargo_until and story.published_at < story.embargo_until:
            # Held back until the embargo lifts, and then placed at that time in the feed.
            story.published_at = story.embargo_until
        if story.first_published_at is None or story.first_published_at > now:
            story.first_published_at = story.published_at
        story.status = Story.Status.PUBLISHED
        story.preview_nonce = preview.new_nonce()  # share links end with the draft


class Withdraw(Transition):
    name, label, comment = "withdraw", "Withdraw", "Withdrawn"
    starts_from, leads_to = (Story.Status.PUBLISHED,), Story.Status.WITHDRAWN
    permission_error = "Only editors may withdraw a story."
    state_error = "Only a published or scheduled story can be withdrawn."

    def apply(self, story, publish_at=None):
        story.status = Story.Status.WITHDRAWN
        # Links shared before publication must not come back to life now.
        story.preview_nonce = preview.new_nonce()


TRANSITIONS = {t.name: t for t in (Submit(), SendBack(), Publish(), Withdraw())}


class Action:
    """The transitions' names, as the desk's form posts them."""

    SUBMIT = Submit.name
    SEND_BACK = SendBack.name
    PUBLISH = Publish.name
    WITHDRAW = Withdraw.name

    ALL = tuple(TRANSITIONS)


ACTION_COMMENTS = {name: t.comment for name, t in TRANSITIONS.items()}


def allowed_actions(user, story: Story | None) -> list[Transition]:
    """The transitions the user may take now on the stored story (None: a new one)."""
    current = story if story is not None else Story(status=Story.Status.DRAFT)
    return [t for t in TRANSITIONS.values() if t.offered(user, current)]


def _check_publishable(story: Story):
    problems = []
    if not story.headline.strip():
        problems.append("a headline")
    if story.section_id is None:
        problems.append("a section")
    if story.lead_image_id and not story.lead_image.alt_text.strip():
        problems.append("alt text on the lead picture (describe it for readers who cannot see it)")
    problems += [f"alt text on {where}" for where in elements.missing_alt_text(story.body)]
    if problems:
        raise ValidationError(f"Before publishing, the story needs {'; '.join(problems)}.")


# --- Writes: one call per unit of work ---------------------------------------------------


def story_write(
    *,
    story: Story,
    user,
    expected_version: int | None = None,
    relations: dict | None = None,
    tags: list | None = None,
    comment: str = "",
) -> Story:
    """Create or edit a story as one unit: its fields, many-to-many relations and tags
    (None leaves them as they are), its revision and search entry; caches hear of it once,
    after the commit (signals.py). `story` carries the edited fields.

    Refuses, with nothing written: an edit the user may not make (PermissionDenied), an
    edit based on an older version than the stored one (StoryConflict: `expected_version`,
    or the version the instance was read at), a story in the trash (ValidationError).
    """
    return _write(
        story, user, None, expected_version=expected_version, relations=relations,
        tags=tags, comment=comment,
    )  # fmt: skip


def story_submit(*, story: Story, user, **edit) -> Story:
    """Save (with any edits, as story_write takes them) and submit for review."""
    return _write(story, user, TRANSITIONS[Action.SUBMIT], **edit)


def story_send_back(*, story: Story, user, **edit) -> Story:
    return _write(story, user, TRANSITIONS[Action.SEND_BACK], **edit)


def story_publish(*, story: Story, user, publish_at: datetime | None = None, **edit) -> Story:
    """Publish now, at `publish_at`, or at the story's embargo; a story published before
    (withdrawn since) goes back at its first time."""
    return _write(story, user, TRANSITIONS[Action.PUBLISH], publish_at=publish_at, **edit)


def story_withdraw(*, story: Story, user, **edit) -> Story:
    return _write(story, user, TRANSITIONS[Action.WITHDRAW], **edit)


def story_act(*, story: Story, user, action: str | None = None, **edit) -> Story:
    """The transition named by the desk's form (`Action.*`), or a plain save for None."""
    if action is None:
        return story_write(story=story, user=user, **edit)
    if action not in TRANSITIONS:
        raise ValidationError(f"Unknown action {action!r}.")
    return _write(story, user, TRANSITIONS[action], **edit)


def _write(
    story: Story,
    user,
    transition: Transition | None,
    *,
    publish_at: datetime | None = None,
    expected_version: int | None = None,
    relations: dict | None = None,
    tags: list | None = None,
    comment: str = "",
) -> Story:
    """The one locked save behind every story write and transition."""
    with transaction.atomic():
        created = story.pk is None
        found = _resolve_elements(story)
        before = _locked_save(story, user, transition, publish_at, expected_version)
        story.inline_images.set(found.pictures)
        story.linked_stories.set(found.stories)
        story.inline_videos.set(found.videos)
        story.inline_embeds.set(found.embeds)
        for name, objects in (relations or {}).items():
            getattr(story, name).set(objects)
        if tags is not None:
            story.tags.set(tags)
        if not comment:
            if created:
                comment = transition.comment if transition else "Created"
            elif transition and story.status != before:
                comment = transition.comment
            # else a re-publication of a published story: a plain save, "Edited" if any

        revision_record(story=story, user=user, comment=comment)
        search.index_story(story)
    return story


def _resolve_elements(story) -> body.References:
    """Keep only the elements whose records exist (a picture deleted since the editor
    opened the form, an id typed by hand; a story linking itself); the ids of what the
    body shows, in its order."""
    story.body = body.sanitize(story.body)
    named = body.references(story.body)
    existing = {
        "pictures": Image.objects.filter(pk__in=named.pictures),
        "stories": Story.objects.filter(pk__in=named.stories).exclude(pk=story.pk),
        "videos": Video.objects.filter(pk__in=named.videos),
        "embeds": Embed.objects.filter(pk__in=named.embeds),
    }
    kept, gone = {}, {}
    for name, queryset in existing.items():
        wanted = getattr(named, name)
        found = set(queryset.values_list("pk", flat=True)) if wanted else set()
        kept[name] = [pk for pk in wanted if pk in found]
        gone[name] = set(wanted) - found
    if any(gone.values()):
        story.body = body.without(story.body, **gone)
    return body.References(**kept)


def _locked_save(story, user, transition, publish_at, expected_version) -> str:
    """Check, lock and save the story's own fields; the status it had before."""
    stored = Story.objects.select_for_update().filter(pk=story.pk).first() if story.pk else None
    if stored is None:
        _require(user.has_perm("articles.add_story"), "You may not write stories.")
        _require(
            story.status == Story.Status.DRAFT or can_publish(user),
            "Only editors may create a story in another state than draft.",
        )
        if story.created_by_id is None and user.pk is not None:
            story.created_by = user
        for name in EDITOR_FIELDS:
            _require(
                can_publish(user)
                or getattr(story, name) == Story._meta.get_field(name).get_default(),
                f"Only editors may set {name}.",
            )
    else:
        _require(can_edit(user, stored), "You may not edit this story.")
        if stored.status == Story.Status.TRASHED:
            raise ValidationError("This story is in the trash: restore it before editing.")
        if not stored.revisions.exists():
            # Stories from before revisions existed: keep what they were, so the first
            # edit can be compared, restored and named in a conflict.
            revision_record(story=stored, user=None, comment="As it was before the first edit")
        if story.status != stored.status:
            raise ValidationError("The status changes only through the workflow's actions.")
        if not can_publish(user):
            changed = [
                name for name in EDITOR_FIELDS if getattr(story, name) != getattr(stored, name)
            ]
            _require(not changed, f"Only editors may change {', '.join(changed)}.")
        # An instance read before someone else's save must not write over it either.
        expected = story.version if expected_version is None else expected_version
        if expected != stored.version:
            raise _conflict(stored, expected)

    if (
        stored is not None
        and story.mark == Story.Mark.UPDATED
        and stored.mark != Story.Mark.UPDATED
        and story.updated_at == stored.updated_at
    ):
        # The "updated" mark shows the update time: set it unless the editor did.
        story.updated_at = timezone.now()
    if transition is not None:
        transition.check(user, story)
        transition.apply(story, publish_at)

    story.last_edited_by = user if user.pk is not None else None
    if stored is not None:
        # The conditional UPDATE is the lock of record: on a database that cannot lock
        # the row above (SQLite), two saves of the same version cannot both pass it.
        bumped = Story.objects.filter(pk=story.pk, version=stored.version).update(
            version=F("version") + 1
        )
        if not bumped:
            raise _conflict(Story.objects.get(pk=story.pk), stored.version)
        story.version = stored.version + 1
    story.save()
    return stored.status if stored is not None else ""


def story_trash(*, story: Story, user) -> Story:
    """What deleting a story in the desk does: it leaves every list and page and keeps
    its history, corrections and revisions; a chief editor can restore it as a draft."""
    _require(user.has_perm("articles.delete_story"), "Only chief editors may delete stories.")
    return _set_trashed(story, user, Story.Status.TRASHED, "Moved to the trash")


def story_untrash(*, story: Story, user) -> Story:
    """Bring a story back from the trash, as a draft: nothing goes live by itself."""
    _require(user.has_perm("articles.delete_story"), "Only chief editors may restore stories.")
    return _set_trashed(story, user, Story.Status.DRAFT, "Restored from the trash, as a draft")


def _set_trashed(story: Story, user, status, comment) -> Story:
    """Into the trash or out of it, as one unit: the status (outside the workflow, which
    refuses to touch a trashed story), the version, the revision and the audit log."""
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        trashed = story.status == Story.Status.TRASHED
        if trashed == (status == Story.Status.TRASHED):
            if trashed:
                return story  # already in the trash
            raise ValidationError("Only a story in the trash can be restored from it.")
        Story.objects.filter(pk=story.pk).update(
            status=status, version=F("version") + 1, went_live_at=None
        )
        story.refresh_from_db()
        revision_record(story=story, user=user, comment=comment)
        search.index_story(story)
        audit.record(user=user, obj=story, message=comment)
    return story


# --- Pictures ---------------------------------------------------------------------------


def can_change_image(user, image) -> bool:
    """Editors change any picture; a reporter only their own, and only while no story
    beyond a draft uses it (a live front-page picture is an editor's to change)."""
    if user.has_perm("articles.edit_any_story"):
        return user.has_perm("articles.change_image")
    if not user.has_perm("articles.change_image") or image.created_by_id != user.pk:
        return False
    shown = Story.objects.filter(Q(lead_image=image) | Q(inline_images=image))
    return not shown.exclude(status=Story.Status.DRAFT).exists()


def image_save(*, image, user, changed: list) -> None:
    """Save a picture (new or edited) as one unit: who uploaded it, and for an edit, a
    line in the history of every story that uses it (the admin logs the form itself)."""
    with transaction.atomic():
        if image.pk is None:
            _require(user.has_perm("articles.add_image"), "You may not add pictures.")
            image.created_by = user if getattr(user, "pk", None) else None
            image.save()
            return
        stored = Image.objects.select_for_update().get(pk=image.pk)
        _require(can_change_image(user, stored), "You may not change this picture.")
        image.save()
        if not changed:
            return
        labels = ", ".join(str(Image._meta.get_field(n).verbose_name) for n in changed)
        for story in image.stories.all():
            revision_record(story=story, user=user, comment=f"Lead picture changed: {labels}")
        for story in image.inline_in.exclude(lead_image=image):
            revision_record(
                story=story, user=user, comment=f"A picture in the text changed: {labels}"
            )
            search.index_story(story)  # its caption is searched as part of the text


def video_save(*, video, user, upload=None) -> Video:
    """Save a video: a new upload with what the probe found of it (`upload`, from
    videos.VideoFormField) and its poster frame; or an edit of its words, noted in the
    history of every story that shows it."""
    if video.pk is None:
        _require(user.has_perm("articles.add_video"), "You may not add videos.")
        found = upload.probe
        video.content_type = found.content_type
        video.duration, video.width, video.height = found.duration, found.width, found.height
        video.video_codec, video.audio_codec = found.video_codec, found.audio_codec
        video.size = upload.size
        video.created_by = user if getattr(user, "pk", None) else None
        video.file.save("upload", upload, save=False)
        if upload.poster:
            video.poster.save("poster.jpg", ContentFile(upload.poster), save=False)
        with transaction.atomic():
            video.save()
        return video
    with transaction.atomic():
        Video.objects.select_for_update().get(pk=video.pk)
        _require(user.has_perm("articles.change_video"), "You may not change this video.")
        video.save()
        for story in video.inline_in.all():
            revision_record(story=story, user=user, comment="A video in the text changed")
            search.index_story(story)
    return video


def image_clean_stored(*, image) -> bool:
    """Bring a picture stored before the naming rule up to it: its original written again
    without metadata under a random name, new renditions, the old files removed once the
    new ones are on record. False when it already follows the rule."""
    if STORED_NAME.fullmatch(image.file.name or ""):
        return False
    storage = image.file.storage
    old = [image.file.name, *(r["name"] for r in image.renditions)]
    with image.file.open("rb") as original:
        cleaned = without_metadata(original)
    with transaction.atomic():
        image.file = cleaned
        image.renditions = []
        image.save()  # a new upload to Image.save: random name, renditions
        transaction.on_commit(
            lambda: [storage.delete(name) for name in old if name and storage.exists(name)]
        )
    return True


def story_set_priority(*, story: Story, user, priority: int) -> Story:
    """Pin a story to the home page's top stories (0 unpins it)."""
    _require(user.has_perm("articles.curate_home"), "Only editors may curate the home page.")
    return _set_and_record(story, user, f"Home page priority: {priority}", home_priority=priority)


def story_set_mark(*, story: Story, user, mark: str) -> Story:
    _require(can_publish(user), "Only editors may set marks.")
    label = Story.Mark(mark).label
    return _set_and_record(story, user, f"Mark: {label}", mark=mark)


def _set_and_record(story: Story, user, comment: str, **values) -> Story:
    """Change a few fields of the stored story, with the usual checks and a revision."""
    with transaction.atomic():
        story = Story.objects.get(pk=story.pk)
        for name, value in values.items():
            setattr(story, name, value)
        return story_write(story=story, user=user, comment=comment)


# --- Revisions --------------------------------------------------------------------

# What a revision keeps: the story's content and its place in the workflow.
SNAPSHOT_FIELDS = (
    "headline",
    "slug",
    "standfirst",
    "dateline_place",
    "body",
    "status",
    "published_at",
    "updated_at",
    "embargo_until",
    "mark",
    "home_priority",
    "section_id",
    "theme_id",
    "lead_image_id",
)
SNAPSHOT_RELATIONS = ("sources", "authors", "related")
RESTORABLE = (
    tuple(name for name in SNAPSHOT_FIELDS if name not in ("status", "published_at"))
    + SNAPSHOT_RELATIONS
    + ("tags",)
)


def snapshot(story: Story) -> dict:
    content = {}
    for name in SNAPSHOT_FIELDS:
        value = getattr(story, name)
        content[name] = value.isoformat() if isinstance(value, datetime) else value
    for name in SNAPSHOT_RELATIONS:
        content[name] = sorted(getattr(story, name).values_list("pk", flat=True))
    content["tags"] = sorted(story.tags.names())
    content["version"] = story.version
    return content


def revision_record(*, story: Story, user, comment: str = "") -> Revision:
    """Record the story as it is now, with the fields that changed since the last one."""
    content = snapshot(story)
    previous = story.revisions.order_by("-number").first()
    if previous:
        changed = [k for k, v in content.items() if k != "version" and previous.content.get(k) != v]
        if not changed and not comment:
            return previous  # a save that changed nothing adds no noise to the history
    else:
        changed = []
    revision = Revision.objects.create(
        story=story,
        number=(previous.number + 1) if previous else 1,
        user=user if getattr(user, "pk", None) else None,
        comment=comment or ("Created" if previous is None else "Edited"),
        changed_fields=changed,
        content=content,
        object_str=story.headline[:255],
    )
    return revision


def story_record_going_live(*, story_id: int) -> Story | None:
    """Put on record that a scheduled or embargoed story has gone live: when, in its
    history, and to the caches. Returns the story, or None when it is not live or is
    already on record. Claimed by one conditional UPDATE, so of several servers running
    this at once exactly one records each story, and running it again does nothing."""
    with transaction.atomic():
        story = Story.objects.gone_live_unrecorded().filter(pk=story_id).first()
        if story is None:
            return None
        went_live_at = story.live_from()
        claimed = Story.objects.filter(pk=story_id, went_live_at__isnull=True).update(
            went_live_at=went_live_at
        )
        if not claimed:
            return None  # another server recorded it first
        story.went_live_at = went_live_at
        when = timezone.localtime(went_live_at).strftime("%d %B %Y, %H:%M")
        revision_record(story=story, user=None, comment=f"Went live at {when}")
        signals.went_live(story)
    return story


def story_restore(*, story: Story, revision: Revision, user, expected_version=None) -> Story:
    """Bring back an earlier revision's content as a new revision. The workflow state
    and publication time stay as they are: restoring text never publishes anything."""
    if revision.story_id != story.pk:
        raise ValidationError("That revision belongs to another story.")
    with transaction.atomic():
        story = Story.objects.get(pk=story.pk)
        content = revision.content
        for name in RESTORABLE:
            if name in SNAPSHOT_FIELDS:
                value = content.get(name)
                if name in ("updated_at", "embargo_until") and value:
                    value = datetime.fromisoformat(value)
                setattr(story, name, value)
        return story_write(
            story=story,
            user=user,
            expected_version=expected_version,
            relations={name: content.get(name, []) for name in SNAPSHOT_RELATIONS},
            tags=content.get("tags", []),
            comment=f"Restored revision {revision.number}",
        )


# --- Updates from the wire -------------------------------------------------------------

# What the wire may change of a story it sent, in a revision's terms.
WIRE_FIELDS = (
    "headline",
    "standfirst",
    "dateline_place",
    "body",
    "updated_at",
    "embargo_until",
    "mark",
    "section_id",
    "theme_id",
    "lead_image_id",
)
WIRE_RELATIONS = ("sources", "authors")


def content_with(story: Story, *, values: dict, relations: dict, tags: list) -> dict:
    """The story's snapshot as it would be with these values, relations and tags."""
    content = snapshot(story)
    for name, value in values.items():
        if f"{name}_id" in content:  # a foreign key: the snapshot keeps its id
            name, value = f"{name}_id", value.pk if value is not None else None
        if isinstance(value, datetime):
            value = value.astimezone(UTC).isoformat()  # as the database gives it back
        content[name] = value
    for name, objects in relations.items():
        content[name] = sorted(o.pk for o in objects)
    content["tags"] = sorted(tags, key=str.casefold)
    return content


def _differences(before: dict, after: dict) -> list[str]:
    names = [*WIRE_FIELDS, *WIRE_RELATIONS]
    changed = [n for n in names if before.get(n) != after.get(n)]
    if sorted(t.casefold() for t in before.get("tags", [])) != sorted(
        t.casefold() for t in after.get("tags", [])
    ):
        changed.append("tags")
    return changed


def wire_update_apply_directly(story: Story) -> bool:
    """Whether the wire may still write over the story itself: only while nobody in the
    desk has edited it and it has never been published."""
    return (
        story.status in (Story.Status.DRAFT, Story.Status.IN_REVIEW)
        and story.first_published_at is None
        and not story.revisions.filter(user__isnull=False).exists()
    )


def story_write_content(*, story: Story, user, content: dict, comment: str, **save) -> bool:
    """Bring the story to `content` (a snapshot) in what the wire may change, as one
    unit with its revision. False, and nothing written, when it already says that."""
    with transaction.atomic():
        story = Story.objects.get(pk=story.pk)
        changed = _differences(snapshot(story), content)
        if not changed:
            return False
        for name in WIRE_FIELDS:
            value = content.get(name)
            if name in ("updated_at", "embargo_until") and value:
                value = datetime.fromisoformat(value)
            setattr(story, name, value)
        story_write(
            story=story,
            user=user,
            relations={name: content.get(name, []) for name in WIRE_RELATIONS},
            tags=content.get("tags", []),
            comment=comment,
            **save,
        )
    return True


def wire_update_hold(*, story: Story, content: dict) -> WireUpdate | None:
    """Keep an update from the wire for the desk to decide on: the story stays as it is.
    Earlier pending updates are superseded by this one. None when the story already says
    what the update says (or the pending one does)."""
    current = snapshot(story)
    changed = _differences(current, content)
    pending = story.wire_updates.filter(outcome=WireUpdate.Outcome.PENDING)
    latest = pending.first()
    if not changed or (latest is not None and not _differences(latest.content, content)):
        return None
    pending.update(outcome=WireUpdate.Outcome.SUPERSEDED, decided_at=timezone.now())
    update = WireUpdate.objects.create(story=story, content=content, changed_fields=changed)
    revision_record(story=story, user=None, comment="An update from the wire waits for the desk")
    return update


def wire_update_accept(*, update: WireUpdate, user, expected_version=None) -> Story:
    """The desk takes the wire's update: it becomes the story's next revision."""
    _require(can_edit(user, update.story), "You may not edit this story.")
    with transaction.atomic():
        update = WireUpdate.objects.select_for_update().get(pk=update.pk)
        if update.outcome != WireUpdate.Outcome.PENDING:
            raise ValidationError("This update from the wire was decided on already.")
        story_write_content(
            story=update.story,
            user=user,
            content=update.content,
            comment="Accepted an update from the wire",
            expected_version=expected_version,
        )
        _decide(update, user, WireUpdate.Outcome.ACCEPTED)
    return Story.objects.get(pk=update.story_id)


def wire_update_reject(*, update: WireUpdate, user) -> None:
    """The desk keeps its own version: the update is set aside, on record."""
    _require(can_edit(user, update.story), "You may not edit this story.")
    with transaction.atomic():
        update = WireUpdate.objects.select_for_update().get(pk=update.pk)
        if update.outcome != WireUpdate.Outcome.PENDING:
            raise ValidationError("This update from the wire was decided on already.")
        _decide(update, user, WireUpdate.Outcome.REJECTED)
        revision_record(story=update.story, user=user, comment="Rejected an update from the wire")


def _decide(update, user, outcome):
    update.outcome = outcome
    update.decided_by = user if getattr(user, "pk", None) else None
    update.decided_at = timezone.now()
    update.save(update_fields=["outcome", "decided_by", "decided_at"])


def _conflict(current: Story, expected_version: int) -> StoryConflict:
    """Describe what changed since `expected_version`, from the revisions."""
    base = current.revisions.filter(content__version=expected_version).order_by("-number").first()
    latest = current.revisions.order_by("-number").first()
    changed, who = [], ""
    if latest is not None:
        who = str(latest.user) if latest.user else ""
        if base is not None and base.pk != latest.pk:
            changed = [
                name
                for name, value in latest.content.items()
                if name != "version" and base.content.get(name) != value
            ]
        else:
            changed = list(latest.changed_fields)
    labels = [field_label(name) for name in changed]
    return StoryConflict(
        story=current, expected_version=expected_version, changed_fields=labels, changed_by=who
    )
