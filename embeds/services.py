"""Making an embed from a pasted link: the one write the desk calls."""

import logging
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import oembed, providers
from .models import Embed

log = logging.getLogger(__name__)


def provider_names() -> str:
    names = [p.name for p in (*providers.PROVIDERS, *providers.generic_providers())]
    return ", ".join(names)


def _checked_link(url: str) -> str:
    url = (url or "").strip()
    if len(url) > 2000:
        raise ValidationError("That link is longer than 2,000 characters.")
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError("Paste a link that starts with https://.") from None
    return url


def embed_for_link(url: str, user) -> Embed:
    """The embed for a pasted link: the one already made for it, or a new one with what
    its provider says about it (when NEWSROOM_EMBED_FETCH allows asking and it answers in
    time; otherwise a link card). Raises ValidationError for a link no provider shows."""
    if not user.has_perm("embeds.add_embed"):
        raise PermissionDenied
    url = _checked_link(url)
    found = providers.find(url)
    if found is None:
        raise ValidationError(
            "No site we embed from shows that link. Embeds come from: "
            f"{provider_names()}. For another site, add a plain link to the text."
        )
    existing = Embed.objects.filter(url=url).first()
    if existing is not None:
        return existing
    embed = Embed(
        url=url,
        provider=found.provider.key,
        provider_name=found.provider.name,
        kind=found.provider.kind,
        frame=found.frame,
        created_by=user if user.pk else None,
    )
    _ask(embed, found)  # before the transaction: no lock is held while a provider thinks
    try:
        with transaction.atomic():
            embed.save()
    except IntegrityError:  # the same link pasted by someone else a moment ago
        embed.thumbnail.delete(save=False)
        return Embed.objects.get(url=url)
    return embed


def embed_refresh(embed: Embed, user) -> Embed:
    """Ask the provider again (the post was edited; the first try found no network)."""
    if not user.has_perm("embeds.change_embed"):
        raise PermissionDenied
    found = providers.find(embed.url)
    if found is None:
        raise ValidationError("No site we embed from shows that link any more.")
    old_thumbnail = embed.thumbnail.name
    embed.frame = found.frame
    _ask(embed, found)
    embed.save()
    if old_thumbnail and old_thumbnail != embed.thumbnail.name:
        embed.thumbnail.storage.delete(old_thumbnail)
    return embed


def _ask(embed: Embed, found: providers.Found) -> None:
    """Fill the facade's words and thumbnail from the provider's oEmbed answer. A failure
    is kept as the reason, and the embed stays a link card (or a frame without words)."""
    if not settings.EMBED_FETCH or not found.oembed:
        embed.fetch_error = "" if found.oembed else "this site has no oEmbed answer to ask"
        if not settings.EMBED_FETCH:
            embed.fetch_error = "asking providers is off (NEWSROOM_EMBED_FETCH)"
        return
    try:
        answer = oembed.ask(found, embed.url)
    except oembed.Unavailable as error:
        log.info("oEmbed for %s: %s", embed.url, error)
        embed.fetch_error = str(error)[:300]
        return
    embed.title, embed.author_name, embed.text = answer.title, answer.author_name, answer.text
    if answer.frame:
        embed.frame = answer.frame
    embed.fetched_at, embed.fetch_error = timezone.now(), ""
    if answer.thumbnail_url:
        try:
            data, width, height = oembed.thumbnail(answer.thumbnail_url)
        except oembed.Unavailable as error:
            embed.fetch_error = str(error)[:300]
            return
        # Our name, never the provider's.
        embed.thumbnail.save(f"{uuid.uuid4().hex}.jpg", ContentFile(data), save=False)
        embed.thumbnail_width, embed.thumbnail_height = width, height


def embed_from_wire(url: str, *, title="", author="", caption="") -> Embed | None:
    """The embed for a link a wire item places in its text, without asking anyone: the
    item's words stand in for the provider's (the frame is still ours to build from the
    link). None for a link no provider shows; the item's text keeps nothing of it then."""
    try:
        url = _checked_link(url)
    except ValidationError:
        return None
    found = providers.find(url)
    if found is None:
        return None
    embed, _created = Embed.objects.get_or_create(
        url=url,
        defaults={
            "provider": found.provider.key,
            "provider_name": found.provider.name,
            "kind": found.provider.kind,
            "frame": found.frame,
            "title": title[:300],
            "author_name": author[:200],
            "caption": caption[:500],
            "fetch_error": "from the wire: its words, not the provider's",
        },
    )
    return embed
