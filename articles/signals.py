"""Any saved or deleted record that readers could see moves the freshness version, so
cached pages and ETags from before it are not served again.

Story saves through the desk already call freshness.changed() (services.story_saved);
these receivers cover what the desk does not route through a service: deleting a
story, editing a section, theme, source, author, picture, correction or tag.
"""

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from . import freshness, text

# Apps whose records appear on public pages. Revisions are the desk's own history.
PUBLIC_APPS = {"articles", "taggit"}
PRIVATE_MODELS = {"revision", "wireupdate"}


def _is_public(sender):
    meta = getattr(sender, "_meta", None)
    return (
        meta is not None and meta.app_label in PUBLIC_APPS and meta.model_name not in PRIVATE_MODELS
    )


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


def _seen_by_readers(sender, instance, created) -> bool:
    """Whether this change could show on a public page. Stories, and their relations:
    only once they have been public; a draft's saves are the desk's alone. A record just
    created shows nowhere until a published story uses it, except an approved section
    (the masthead)."""
    from .models import Section, Story

    if isinstance(instance, Story):
        return instance.ever_public
    if created:
        return isinstance(instance, Section) and instance.approved is True
    return True


@receiver(post_save)
def content_saved(sender, instance, created=False, **kwargs):
    if _is_public(sender) and _seen_by_readers(sender, instance, created):
        freshness.changed()


@receiver(post_delete)
def content_deleted(sender, **kwargs):
    if _is_public(sender):
        freshness.changed()


@receiver(m2m_changed)
def relations_changed(sender, instance, **kwargs):
    if _is_public(sender) and _seen_by_readers(sender, instance, created=False):
        freshness.changed()
