"""The shape every wire format is read into before anything is written: what an item
says a story is. ninjs.py and rss.py produce it; importer.py turns it into stories.

Nothing here is trusted: an item names no file, path or address the server acts on by
itself. A picture's `href` is only a hint that sources.py resolves under its rules.
"""

from dataclasses import dataclass, field, fields, replace
from datetime import datetime

from articles.text import xml_safe


class InvalidItem(ValueError):
    """An item refused, with the reason in words someone running the import can act on."""


@dataclass
class WirePicture:
    """A picture that comes with an item: where its file is, and its words."""

    uri: str  # its identity at the wire: importing it again reuses the same Image
    href: str  # a path relative to the item's file, or an http(s) URL
    alt_text: str = ""
    caption: str = ""
    credit: str = ""
    name: str = ""  # the association's name, by which the body places it in the text


@dataclass
class WireEmbed:
    """Another site's post, video or map the body places in its text: only its address
    and words; what frame it loads is for embeds/providers.py to decide from the address."""

    url: str
    name: str  # the association's name
    title: str = ""
    author: str = ""
    caption: str = ""


@dataclass
class WireStory:
    """What an item from the wire (ninjs or a feed entry) says a story is."""

    guid: str
    headline: str
    standfirst: str = ""
    body: str = ""  # HTML, sanitized when the story is saved
    published_at: datetime | None = None
    updated_at: datetime | None = None
    embargo_until: datetime | None = None
    withdrawn: bool = False  # withheld or canceled at the source
    breaking: bool = False
    photo: bool = False  # a picture item: the picture is the story
    authors: list = field(default_factory=list)
    located: str = ""
    sources: list = field(default_factory=list)  # [(name, slug or "", url or "")]
    section: tuple = ()  # (name, slug or ""), when the item names its section
    theme: tuple = ()
    tags: list = field(default_factory=list)
    picture: WirePicture | None = None
    # The pictures the body places in its text (wire/elements.py), by association name.
    inline_pictures: list = field(default_factory=list)
    inline_embeds: list = field(default_factory=list)  # WireEmbed, by association name
    # Video files placed in the text: WirePicture, its alt_text the video's title.
    inline_videos: list = field(default_factory=list)


def cleaned(value):
    """The item (or any part of it) without the characters XML forbids, as the story
    will be saved: so that an item sent again compares equal to what was stored, and
    names are matched as they are kept."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list | tuple):
        return type(value)(cleaned(v) for v in value)
    if isinstance(value, WireStory | WirePicture):
        return replace(value, **{f.name: cleaned(getattr(value, f.name)) for f in fields(value)})
    return value
