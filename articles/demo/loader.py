"""Builds the demo newsroom in the database. Idempotent: every record is found by its
slug or demo key and brought up to date, never created twice."""

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction

from embeds import providers
from embeds.models import Embed

from .. import live, services
from ..models import Author, Image, LiveEntry, Section, Source, Story, Theme, Video
from ..text import plain_text_to_html
from . import content
from .pictures import HEIGHT, WIDTH, draw_picture

DEMO_GUID_PREFIX = "demo:"


@dataclass
class Counts:
    created: int = 0
    updated: int = 0


def _local(value: str) -> datetime:
    naive = datetime.strptime(value, "%Y-%m-%d %H:%M")
    return naive.replace(tzinfo=ZoneInfo(content.DEMO_TIME_ZONE))


@transaction.atomic
def load_demo() -> Counts:
    """Create or refresh the demo sections, themes, sources and stories."""
    sections = {}
    for position, (slug, (name, description, _colour)) in enumerate(content.SECTIONS.items()):
        sections[slug], _ = Section.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
    themes = {
        slug: Theme.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )[0]
        for slug, (name, description) in content.THEMES.items()
    }
    sources = {
        slug: Source.objects.update_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "url": url}
        )[0]
        for slug, (name, kind, url) in content.SOURCES.items()
    }
    authors = {
        slug: Author.objects.update_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in content.AUTHORS.items()
    }

    counts = Counts()
    pictures = {key: _body_picture(key, *spec) for key, spec in content.BODY_PICTURES.items()}
    pictures |= {f"video:{key}": _video(key, words) for key, words in content.VIDEOS.items()}
    pictures |= {f"embed:{key}": _embed(key, *spec) for key, spec in content.EMBEDS.items()}
    items = content.all_items()
    stories = {}
    for item in items:
        story = Story.objects.filter(guid=DEMO_GUID_PREFIX + item.key).first()
        created = story is None
        story = story or Story(guid=DEMO_GUID_PREFIX + item.key)
        story.headline = item.headline
        story.standfirst = item.standfirst
        story.dateline_place = item.dateline_place
        story.body = _with_elements(item.body, pictures) or plain_text_to_html(item.standfirst)
        story.updated_at = _local(item.updated_local_time) if item.updated_local_time else None
        story.mark = item.mark
        story.section = sections[item.section]
        story.theme = themes.get(item.theme)
        story.home_priority = item.home_priority
        if story.lead_image_id is None:
            story.lead_image = _picture_for(item, content.SECTIONS[item.section])
        elif not story.lead_image.renditions:
            story.lead_image.save()  # a picture from before renditions: make them now
        # Published through the same service as the desk's "Publish" button.
        services.story_publish(
            story=story,
            user=services.SYSTEM,
            publish_at=_local(item.local_time),
            relations={
                "sources": [sources[slug] for slug in item.sources],
                "authors": [authors[slug] for slug in item.authors],
            },
            tags=item.tags,
        )
        stories[item.key] = (story, item)
        counts.created += created
        counts.updated += not created
    _live_blog(stories[content.LIVE_STORY][0])
    for story, item in stories.values():
        # Related stories once they all exist.
        services.story_write(
            story=story,
            user=services.SYSTEM,
            relations={"related": [stories[key][0] for key in item.related]},
        )
    return counts


_ELEMENT = re.compile(r"\{(picture|gallery|video|embed):([a-z0-9,-]+)(?::(inset))?\}")


def _with_elements(body: str, pictures: dict) -> str:
    """The demo body with its {picture:…}/{gallery:…}/{video:…}/{embed:…} places as
    elements of the body."""

    def element(match):
        kind, keys, placement = match.groups()
        if kind in ("video", "embed"):
            return f'<figure data-{kind}="{pictures[f"{kind}:{keys}"].pk}"></figure>'

        ids = ",".join(str(pictures[key].pk) for key in keys.split(","))
        if kind == "gallery":
            return f'<figure data-gallery="{ids}"></figure>'
        inset = ' data-placement="inset"' if placement else ""
        return f'<figure data-picture="{ids}"{inset}></figure>'

    return _ELEMENT.sub(element, body)


def _body_picture(key, label, caption, alt_text, colour) -> Image:
    """A picture for the demo article's text, stored once (found again by its key)."""
    uri = f"{DEMO_GUID_PREFIX}picture:{key}"
    image = Image.objects.filter(source_uri=uri).first()
    if image is not None:
        return image
    image = Image(alt_text=alt_text, caption=caption, credit="Newsroom demo illustration")
    image.source_uri = uri
    filename = f"demo-{key}.jpg"
    image.file.save(filename, ContentFile(draw_picture(key, colour, label), name=filename))
    return image


def _live_blog(story) -> None:
    """The demo's live blog: its entries posted once, at their times, then ended."""
    if LiveEntry.objects.filter(story=story).exists():
        return
    story.live_coverage = True
    services.story_write(story=story, user=services.SYSTEM)
    for when, words, key_event, pinned in content.LIVE_ENTRIES:
        entry = live.entry_post(
            story=story,
            user=services.SYSTEM,
            html=plain_text_to_html(words),
            key_event=key_event,
            pinned=pinned,
        )
        # At the time the demo says, as if posted then (the services post "now").
        LiveEntry.objects.filter(pk=entry.pk).update(
            published_at=_local(when), author_name="Moscow desk"
        )
    last = _local(content.LIVE_ENTRIES[-1][0])
    story.live_ended_at = last
    services.story_write(story=story, user=services.SYSTEM, comment="Live coverage ended")


def _video(key, words) -> Video:
    """The demo's video, stored once (found again by its key)."""
    uri = f"{DEMO_GUID_PREFIX}video:{key}"
    video = Video.objects.filter(source_uri=uri).first()
    if video is not None:
        return video
    folder = Path(__file__).parent
    video = Video(source_uri=uri, content_type="video/mp4", **words)
    clip = (folder / f"{key}.mp4").read_bytes()
    video.size = len(clip)
    video.file.save(f"{key}.mp4", ContentFile(clip), save=False)
    video.poster.save(f"{key}.jpg", ContentFile((folder / f"{key}.jpg").read_bytes()), save=False)
    video.save()
    return video


def _embed(key, url, title, author, text, caption, colour) -> Embed:
    """A demo embed, as pasting its link makes it, with demo words instead of an answer
    from its provider."""
    found = providers.find(url)
    embed, created = Embed.objects.get_or_create(
        url=url,
        defaults={
            "provider": found.provider.key,
            "provider_name": found.provider.name,
            "kind": found.provider.kind,
            "frame": found.frame,
            "title": title,
            "author_name": author,
            "text": text,
            "caption": caption,
            "fetch_error": "demo content: not asked",
        },
    )
    if created and colour:
        thumbnail = draw_picture(key, colour, title[:30])
        embed.thumbnail.save(f"{key}.jpg", ContentFile(thumbnail), save=False)
        embed.thumbnail_width, embed.thumbnail_height = WIDTH, HEIGHT
        embed.save()
    return embed


def _picture_for(item, section) -> Image:
    name, _description, colour = section
    image = Image(
        alt_text=f"Illustration in the colours of the {name} section",
        caption=f"{name}: illustration for the demo newsroom",
        credit="Newsroom demo illustration",
    )
    filename = f"demo-{item.key}.jpg"
    # A named file: ImageField reads the picture's width and height from it.
    image.file.save(filename, ContentFile(draw_picture(item.key, colour, name), name=filename))
    return image
