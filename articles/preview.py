"""Previews of unpublished stories: for staff, and by signed, expiring share links for
people without an account (a lawyer checking a draft)."""

import secrets

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "articles.preview.share"


def share_link_days() -> int:
    return settings.PREVIEW_LINK_DAYS


def share_url(story) -> str:
    """A link to this story's preview that works without an account, until it expires,
    is revoked or the story is published."""
    if not story.preview_nonce:
        story.preview_nonce = secrets.token_urlsafe(16)
        type(story).objects.filter(pk=story.pk).update(preview_nonce=story.preview_nonce)
    token = signing.dumps(
        {"story": story.pk, "nonce": story.preview_nonce}, salt=SALT, compress=True
    )
    return reverse("articles:shared-preview", kwargs={"token": token})


def new_nonce() -> str:
    """A new value for Story.preview_nonce: every link made with the old one stops."""
    return secrets.token_urlsafe(16)


def revoke_share_links(story):
    """Every link handed out so far stops working; new ones can be made."""
    story.preview_nonce = new_nonce()
    type(story).objects.filter(pk=story.pk).update(preview_nonce=story.preview_nonce)


class LinkInvalid(Exception):
    """Tampered with, expired or revoked. `story_id` is the story a genuine link named,
    when it was genuine but is over (revoked, or the story published since)."""

    def __init__(self, story_id=None):
        super().__init__()
        self.story_id = story_id


def story_for_token(token: str, queryset):
    """The story a share link names, or LinkInvalid."""
    try:
        data = signing.loads(token, salt=SALT, max_age=share_link_days() * 24 * 3600)
        story = queryset.get(pk=int(data["story"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError, queryset.model.DoesNotExist):
        raise LinkInvalid from None
    if not story.preview_nonce or data.get("nonce") != story.preview_nonce:
        raise LinkInvalid(story.pk)
    return story
