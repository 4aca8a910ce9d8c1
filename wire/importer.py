"""Wire copy in: each item (read by sources.py into a WireStory) created or updated as a
story through the same services the desk uses.

An item is known by its wire identity, (origin, id): the channel it came through (see
sources.Entry.origin) and its GUID. Importing it again updates that story when the item
changed and leaves it alone when not, so a feed can be polled and a folder re-imported
without duplicates; another feed sending the same id makes a story of its own and can
never touch this one. An update to a story the desk has edited or published is held for
the desk to accept or reject (articles.models.WireUpdate), never written over it.

Each item is its own transaction: a bad one is refused with its reason and leaves
nothing behind (a picture stored for it is removed again), and the others go in.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.utils import timezone

from articles import audit, services, slugs, text, videos
from articles.elements import missing_alt_text
from articles.models import Author, Image, Section, Source, Story, Theme, Video
from embeds.services import embed_from_wire
from newsroom import fetch

from . import elements
from .items import InvalidItem, WirePicture, WireStory, cleaned
from .sources import Entry, picture_location


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    HELD = "held"  # an update waiting for the desk: the story was edited or published
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"  # withheld or canceled at the source, and never imported


# What an import puts on the desk's audit log.
AUDITED = {Outcome.CREATED, Outcome.UPDATED, Outcome.HELD}


@dataclass
class Result:
    outcome: Outcome
    story: Story | None = None
    notes: list = field(default_factory=list)


@dataclass
class Options:
    publish: bool = False  # new stories go live (at the item's time) instead of to drafts
    section: str = "wire"  # for items that name no section: a slug or a name
    source: str = ""  # a source for every item (an agency's feed), on top of the item's
    fetch_pictures: bool = False  # download pictures given by http(s) URL
    picture_hosts: tuple = ()  # the only hosts pictures are downloaded from, when given


def import_entries(found: list[Entry], *, options: Options) -> Iterator[tuple[Entry, object]]:
    """Import each entry; yields (entry, Result) or (entry, InvalidItem)."""
    for entry in found:
        try:
            wire = entry.read()
            yield entry, import_wire_story(wire, options=options, entry=entry)
        except InvalidItem as error:
            yield entry, error
        except RecursionError:
            yield entry, InvalidItem("nested too deeply to read")


def import_wire_story(wire: WireStory, *, options: Options, entry: Entry | None = None) -> Result:
    """Create or update the story an item describes, in one transaction. Raises
    InvalidItem, with nothing written, when the item cannot be imported."""
    entry = entry or Entry("item", lambda: wire)
    wire = cleaned(wire)
    stored_files = []
    # Downloaded before the transaction: a slow agency server holds no lock meanwhile.
    picture = _Picture(wire.picture, entry, options)
    inline = [_Picture(p, entry, options) for p in wire.inline_pictures]
    inline += [_Video(v, entry) for v in wire.inline_videos]
    try:
        with transaction.atomic():
            result = _import(wire, entry.origin, options, picture, inline, stored_files)
            if result.story is not None and result.outcome in AUDITED:
                audit.record(
                    user=None,
                    obj=result.story,
                    message=f"Import ({result.outcome}) from {entry.origin or 'files'}",
                    added=result.outcome == Outcome.CREATED,
                )
        result.notes += picture.notes + [note for p in inline for note in p.notes]
        return result
    except ValidationError as error:
        _discard(stored_files)
        raise InvalidItem("; ".join(error.messages)) from None
    except DatabaseError as error:
        _discard(stored_files)
        raise InvalidItem(f"the database refused it ({error})") from None
    except BaseException:
        _discard(stored_files)
        raise


def _import(wire, origin, options, picture, inline, stored_files) -> Result:
    story = Story.objects.select_for_update().filter(wire_source=origin, guid=wire.guid).first()
    if story is not None and story.status == Story.Status.TRASHED:
        return Result(
            Outcome.UNCHANGED, story, ["left alone: the desk put this story in the trash"]
        )
    if wire.withdrawn:
        return _withdraw(story, origin)
    image = picture.image(stored_files)
    # One Image per picture, however often the item names it (the lead, in a gallery…).
    by_uri = {wire.picture.uri: image} if image is not None else {}
    placed = {}
    for found in inline:
        uri = found.picture.uri
        if uri not in by_uri:
            by_uri[uri] = found.image(stored_files)
        if by_uri[uri] is not None:
            placed[found.picture.name] = by_uri[uri]
    for found in wire.inline_embeds:
        embed = embed_from_wire(
            found.url, title=found.title, author=found.author, caption=found.caption
        )
        if embed is not None:
            placed[found.name] = embed
    values = _values(wire, story, options, placed)
    if image is not None:
        values["lead_image"] = image
    relations = {
        "sources": _sources(wire.sources, options.source),
        "authors": [slugs.named(Author, name, limit=120) for name in wire.authors],
    }
    if story is None:
        return _create(wire, origin, values, relations, options)
    return _update(story, values, relations, wire.tags)


def _withdraw(story, origin) -> Result:
    """A cancel from the wire takes down the story this same channel sent, on record."""
    if story is None:
        return Result(Outcome.SKIPPED, notes=["withheld or canceled at the source"])
    if story.status != Story.Status.PUBLISHED:
        return Result(Outcome.UNCHANGED, story)
    story = services.story_withdraw(
        story=story,
        user=services.SYSTEM,
        comment=f"Withdrawn: canceled at the source ({origin or 'files imported'})",
    )
    return Result(Outcome.UPDATED, story, ["withdrawn: canceled at the source"])


def _values(wire, story, options, pictures) -> dict:
    """The story's own fields as the item gives them; `pictures`, what its body places
    in the text, stored (association name -> Image or Embed)."""
    values = {
        "headline": wire.headline,
        "standfirst": wire.standfirst,
        "body": text.paragraphed(elements.body_from_wire(wire.body, pictures)),
        "dateline_place": wire.located[:100],
        "embargo_until": wire.embargo_until,
    }
    if wire.breaking:
        values["mark"] = Story.Mark.BREAKING
    elif wire.photo:
        values["mark"] = Story.Mark.PHOTO
    elif story is not None and story.mark == Story.Mark.BREAKING:
        values["mark"] = Story.Mark.NONE  # the wire no longer calls it urgent
    if story is not None and story.status == Story.Status.PUBLISHED and wire.updated_at:
        values["updated_at"] = wire.updated_at
    if wire.section or story is None:
        name, slug = wire.section or (options.section, "")
        # A section the wire names for the first time waits for the desk: readers see
        # it with its first published story, or once a chief editor approves it.
        values["section"] = slugs.named(Section, name, slug, limit=80, approved=False)
    if wire.theme:
        values["theme"] = slugs.named(Theme, *wire.theme, limit=120)
    return values


def _create(wire, origin, values, relations, options) -> Result:
    notes = []
    story = Story(guid=wire.guid, wire_source=origin, **values)
    publish = options.publish
    if publish and story.lead_image and not story.lead_image.alt_text.strip():
        publish = False
        notes.append("kept as a draft: its picture needs alt text before it can go out")
    elif publish and (undescribed := missing_alt_text(story.body)):
        publish = False
        notes.append(f"kept as a draft: {undescribed[0]} needs alt text before it can go out")
    if publish:
        story.updated_at = wire.updated_at
    write = {"relations": relations, "tags": wire.tags, "comment": "Imported from the wire"}
    if publish:
        at = wire.published_at or timezone.now()
        story = services.story_publish(story=story, user=services.SYSTEM, publish_at=at, **write)
    else:
        story = services.story_write(story=story, user=services.SYSTEM, **write)
    return Result(Outcome.CREATED, story, notes)


def _update(story, values, relations, tags) -> Result:
    proposed = services.content_with(story, values=values, relations=relations, tags=tags)
    if services.wire_update_apply_directly(story):
        written = services.story_write_content(
            story=story, user=services.SYSTEM, content=proposed, comment="Updated from the wire"
        )
        return Result(Outcome.UPDATED if written else Outcome.UNCHANGED, story)
    update = services.wire_update_hold(story=story, content=proposed)
    if update is None:
        return Result(Outcome.UNCHANGED, story)
    return Result(
        Outcome.HELD, story, ["the desk has worked on this story: the update waits for an editor"]
    )


def _sources(named, extra):
    entries = list(named) + ([(extra, "", "")] if extra else [])
    found = {}
    for name, slug, url in entries:
        url = url if url.startswith(("http://", "https://")) else ""
        source = slugs.named(Source, name, slug, limit=120, kind=Source.Kind.AGENCY, url=url)
        found[source.pk] = source
    return list(found.values())


# --- The picture of an item -------------------------------------------------------------


class _Picture:
    """The item's picture, found (or downloaded) before the item's transaction begins and
    stored inside it: the Image imported before from the same URI, a file from inside the
    folder imported, or a download under newsroom/fetch.py's rules with --fetch-pictures."""

    def __init__(self, picture: WirePicture | None, entry: Entry, options: Options):
        self.picture, self.notes = picture, []
        self.kind, self.where, self.fetched = None, None, None
        if picture is None:
            return
        # The same channel's pictures only: another feed naming this URI gets nothing.
        self.known = Image.objects.filter(
            source_uri=picture.uri[:500], wire_source=entry.origin
        ).first()
        self.origin = entry.origin
        if self.known is not None:
            self.kind = "known"  # imported before: reused, not read or fetched again
            return
        self.kind, self.where = picture_location(picture.href, entry)
        if self.kind == "refused":
            self.notes.append(f"picture not attached: {self.where}")
        elif self.kind == "url" and not options.fetch_pictures:
            self.notes.append(
                f"picture not attached: {picture.href} is not a local file "
                "(--fetch-pictures downloads it)"
            )
        elif self.kind == "url":
            self._download(options)

    def _download(self, options):
        limit = settings.IMAGE_MAX_BYTES
        try:
            download = fetch.fetch(self.where, limit=limit, hosts=options.picture_hosts)
        except fetch.TooLarge as error:
            raise InvalidItem(f"picture {self.picture.href}: {error}") from None
        except fetch.FetchFailed as error:
            self.notes.append(
                f"picture not attached: {self.picture.href} could not be fetched ({error})"
            )
            return
        # The name is a label for messages only: the stored file gets a name of our own.
        name = Path(unquote(urlsplit(download.url).path)).name or "picture"
        self.fetched = ContentFile(download.body, name=name[:100])

    def image(self, stored_files) -> Image | None:
        picture = self.picture
        if self.kind == "known":
            return self.known
        if self.fetched is not None:
            return _stored_picture(
                picture, self.origin, self.fetched, self.fetched.name, stored_files
            )
        if self.kind != "path":
            return None
        if not self.where.is_file():
            raise InvalidItem(f"picture {picture.href}: no such file")
        with self.where.open("rb") as handle:
            file = File(handle, name=self.where.name)
            return _stored_picture(picture, self.origin, file, self.where.name, stored_files)


class _Video:
    """A video file the body places, read from inside the folder imported and probed
    before the item's transaction (articles/videos.py). Never downloaded on an item's
    word: a feed names a video by URL, and it is left out, saying so."""

    def __init__(self, video: WirePicture, entry: Entry):
        self.picture, self.notes, self.origin, self.file = video, [], entry.origin, None
        self.known = Video.objects.filter(
            source_uri=video.uri[:500], wire_source=entry.origin
        ).first()
        if self.known is not None:
            return
        kind, where = picture_location(video.href, entry)
        if kind != "path":
            reason = where if kind == "refused" else f"{video.href} is not a file in the folder"
            self.notes.append(f"video not attached: {reason}")
            return
        if not where.is_file():
            raise InvalidItem(f"video {video.href}: no such file")
        if where.stat().st_size > settings.VIDEO_MAX_BYTES:
            self.notes.append(f"video not attached: {video.href} is larger than allowed")
            return
        try:
            probe = videos.probe(str(where))
        except ValidationError as error:
            self.notes.append(f"video not attached: {video.href}: {' '.join(error.messages)}")
            return
        self.file, self.probe = where, probe
        self.poster = videos.poster_frame(str(where), probe.duration)

    def image(self, stored_files):
        """The Video, stored (the name matches _Picture's, which the import calls)."""
        if self.known is not None or self.file is None:
            return self.known
        video = Video(
            title=self.picture.alt_text or self.picture.caption or "Video",
            caption=self.picture.caption,
            credit=self.picture.credit,
            source_uri=self.picture.uri[:500],
            wire_source=self.origin,
        )
        with self.file.open("rb") as handle:
            upload = File(handle, name=self.file.name)
            upload.probe, upload.poster = self.probe, self.poster
            services.video_save(video=video, user=services.SYSTEM, upload=upload)
        stored_files.append(video)
        return video


def _stored_picture(picture, origin, file, name, stored_files) -> Image:
    image = Image(
        file=file,
        wire_source=origin,
        alt_text=picture.alt_text,
        caption=picture.caption,
        credit=picture.credit,
        source_uri=picture.uri[:500],
    )
    try:
        image.full_clean()
    except ValidationError as error:
        messages = "; ".join(m for ms in error.message_dict.values() for m in ms)
        raise InvalidItem(f"picture {name}: {messages}") from None
    image.save()
    stored_files.append(image)
    return image


def _discard(images):
    """Files stored for an item whose transaction rolled back: nothing is left behind."""
    for image in images:
        storage = image.file.storage
        names = [image.file.name, *(r["name"] for r in getattr(image, "renditions", []))]
        if getattr(image, "poster", None):
            names.append(image.poster.name)
        for name in names:
            if name and storage.exists(name):
                storage.delete(name)
