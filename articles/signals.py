"""What a change shows readers, said once per transaction after it commits.

Every saved, deleted or re-related record readers could see names the dependency keys
of what it changes (the names views give what they show, see `keys` below); the keys of
one transaction are gathered and sent as one `content_changed` signal when it commits
(pagecache listens and purges them). Receivers on Django's model signals, not calls in
the services, so a change made any way (the desk, an import, a command, the shell) is
seen; and a rollback sends nothing.

What counts:
- a story readers can see, edited: its own key (the article, and every list, feed and
  block that shows it, depend on it);
- a story entering or leaving what readers see (published, withdrawn, trashed, deleted,
  its time or its section, theme, sources or tags changed): also the lists it enters and
  leaves, the home page and everything that names no finer dependency;
- a draft that never was public: nothing;
- a picture, a correction: the stories that show them;
- a section, theme, source, author or tag renamed or deleted: every page (their names
  show on cards everywhere; such changes are rare).
"""

import threading

from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import Signal, receiver

from . import freshness, sitemaps, text
from .dependencies import keys

# Sent once per committed transaction that changed something readers can see, with
# `keys`: a frozenset of dependency keys.
content_changed = Signal()

# Apps whose records appear on public pages. Revisions are the desk's own history.
PUBLIC_APPS = {"articles", "embeds", "taggit"}


# --- Once per transaction, after commit ---------------------------------------------------

_pending = threading.local()


def changed(found):
    """Send these keys when the current transaction commits (at once outside one),
    together with every other key the same transaction changes: one signal, one purge."""
    if not found:
        return
    # The outermost transaction the code opened (a test's own wrapping one does not
    # count: there, as in autocommit, a change outside any transaction is sent at once).
    opened = [b for b in connection.atomic_blocks if not getattr(b, "_from_testcase", False)]
    outermost = opened[0] if opened else None
    if outermost is None:
        _send(set(found))
        return
    callback = getattr(_pending, "callback", None)
    if getattr(_pending, "block", None) is not outermost or not any(
        registered is callback for _ids, registered, _robust in connection.run_on_commit
    ):
        # The first change in this transaction (or what waited was rolled back): one
        # callback for all that follow.
        waiting = set()

        def callback():
            _send(waiting)

        _pending.block, _pending.keys, _pending.callback = outermost, waiting, callback
        transaction.on_commit(callback)
    _pending.keys.update(found)


def _send(found):
    if getattr(_pending, "keys", None) is found:
        _pending.block = _pending.keys = _pending.callback = None
    freshness.changed()
    content_changed.send(sender=None, keys=frozenset(found))


# --- Text hygiene ---------------------------------------------------------------------------


@receiver(pre_save)
def clean_text(sender, instance, **kwargs):
    """Text hygiene once, at the door: every text field of every record readers may see
    (stories, pictures, sections, tags…) is saved without the characters XML forbids,
    whichever way it arrives (the desk, an import, a command)."""
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in PUBLIC_APPS:
        return
    for field in meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            cleaned = text.xml_safe(value)
            if cleaned != value:
                setattr(instance, field.attname, cleaned)


# --- Stories ----------------------------------------------------------------------------------

# What decides where a story is listed; a change of any of these moves it between lists.
PLACEMENT = ("status", "published_at", "embargo_until", "section_id", "theme_id")


def _is_story(sender):
    from .models import Story

    return isinstance(sender, type) and issubclass(sender, Story)


def _placement(story):
    return {name: getattr(story, name) for name in PLACEMENT}


def _visible(story) -> bool:
    return story.pk is not None and story.is_published


def _lists_of(story, placement):
    """The lists a story with this placement is on (its sources and tags as stored now)."""
    found = {keys.ALL, keys.HOME, keys.ANY, keys.listing("section", placement["section_id"])}
    if placement["theme_id"]:
        found.add(keys.listing("theme", placement["theme_id"]))
    found.update(keys.listing("source", pk) for pk in story.sources.values_list("pk", flat=True))
    found.update(keys.listing("tag", pk) for pk in story.tags.values_list("pk", flat=True))
    return found


@receiver(pre_save)
def story_before(sender, instance, raw=False, **kwargs):
    """Remember where the stored story was listed, to see what its save moves."""
    if raw or not _is_story(sender) or instance.pk is None:
        return
    from .models import Story

    instance._placement_before = (
        Story.objects.filter(pk=instance.pk).values(*PLACEMENT, "home_priority").first()
    )


def _was_visible(placement):
    from .models import Story

    if placement is None:
        return False
    story = Story(**{name: placement[name] for name in PLACEMENT})
    return story.is_published


@receiver(post_save)
def story_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    if not _is_story(sender):
        _record_saved(sender, instance, created)
        return
    before = getattr(instance, "_placement_before", None)
    instance._placement_before = None
    now = _placement(instance)
    was, is_ = _was_visible(before), _visible(instance)
    found = set()
    if was or is_:
        found.add(keys.story(instance.pk))
        found.add(keys.ANY)  # search results, sitemaps
        # The articles whose "Read also" links it: its headline, or the link itself.
        linking = instance.linked_from.values_list("pk", flat=True)
        found.update(keys.story(pk) for pk in linking)
        moved = not (was and is_) or any(before[name] != now[name] for name in PLACEMENT)
        if moved:
            if before is not None and was:
                found |= _lists_of(instance, before)
            found |= _lists_of(instance, now)
            sitemaps.archive_changed(before and before["published_at"], now["published_at"])
            if not instance.section.approved:
                found.add(keys.SITE)  # a section the wire made up enters or leaves the masthead
        elif before["home_priority"] != instance.home_priority:
            found.add(keys.HOME)
    changed(found)


def went_live(story):
    """A scheduled story whose time came (no save moved it): it enters its lists."""
    sitemaps.archive_changed(story.published_at)
    changed(_lists_of(story, _placement(story)) | {keys.story(story.pk)})


@receiver(pre_delete)
def story_deleting(sender, instance, **kwargs):
    if _is_story(sender) and _visible(instance):
        instance._lists_before = _lists_of(instance, _placement(instance))


@receiver(post_delete)
def deleted(sender, instance, **kwargs):
    if _is_story(sender):
        found = getattr(instance, "_lists_before", None)
        if found:
            sitemaps.archive_changed(instance.published_at)
            changed(found | {keys.story(instance.pk)})
        return
    _record_deleted(sender, instance)


@receiver(m2m_changed)
def relations_changed(sender, instance, action, pk_set=None, model=None, reverse=False, **kwargs):
    """Sources, authors, related stories and tags of a story readers can see."""
    if not action.startswith("post_"):
        return
    if reverse and _is_story(model) and type(instance)._meta.app_label in PUBLIC_APPS:
        # From the other side (source.stories.add(…)): the stories named, and its list.
        found = {keys.story(pk) for pk in pk_set or ()} | {keys.ANY}
        name = type(instance)._meta.model_name
        found.add(keys.listing(name, instance.pk) if name in ("source", "tag") else keys.SITE)
        changed(found)
        return
    if not _is_story(type(instance)) or not _visible(instance):
        return
    found = {keys.story(instance.pk), keys.ANY}
    name = model._meta.model_name
    if name in ("source", "tag"):
        if pk_set is None:  # clear(): which ones is not said; their lists all the same
            found.add(keys.SITE)
        else:
            found.update(keys.listing(name, pk) for pk in pk_set)
    changed(found)


# --- Everything else readers see --------------------------------------------------------------

NAMED = {"section", "theme", "source", "author", "tag"}


def _record_keys(sender, instance, created):
    from .models import Story

    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in PUBLIC_APPS:
        return set()
    name = meta.model_name
    if name == "taggeditem":
        story = instance.content_object if instance.content_type.model_class() is Story else None
        if story is None or not _visible(story):
            return set()
        return {keys.story(story.pk), keys.listing("tag", instance.tag_id), keys.ANY}
    if name == "correction":
        return {keys.story(instance.story_id)} if instance.story.ever_public else set()
    if name == "image":
        if created:
            return set()  # shown nowhere until a story uses it
        shown = Story.objects.ever_public().filter(
            models.Q(lead_image=instance) | models.Q(inline_images=instance)
        )
        return {keys.story(pk) for pk in shown.values_list("pk", flat=True).distinct()}
    if name in ("video", "embed"):
        if created:
            return set()  # shown nowhere until a story puts it in its text
        shown = Story.objects.ever_public().filter(**{f"inline_{name}s": instance})
        return {keys.story(pk) for pk in shown.values_list("pk", flat=True).distinct()}
    if name in NAMED:
        # A name just created shows nowhere until a published story uses it, except an
        # approved section (the masthead).
        if created and not (name == "section" and instance.approved):
            return set()
        return {keys.SITE}
    return set()


def _record_saved(sender, instance, created):
    changed(_record_keys(sender, instance, created))


def _record_deleted(sender, instance):
    meta = getattr(sender, "_meta", None)
    if meta is not None and meta.model_name in ("image", "video", "embed"):
        changed({keys.SITE})  # its stories lost their picture; which ones is gone with it
        return
    changed(_record_keys(sender, instance, created=False))
