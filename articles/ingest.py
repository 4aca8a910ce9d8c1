"""Wire copy in: items read from ninjs files, JSON Lines, folders, RSS/Atom feeds and URLs,
then created or updated as stories through the same services the desk uses.

An item is known by its GUID (the ninjs uri or guid alt id, the feed entry's id): importing
it again updates the story when the item changed and leaves it alone when not, so a feed
can be polled and a folder re-imported without duplicates. Each item is its own
transaction: a bad one is refused with its reason, and the others go in.
"""

import calendar
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from . import services, text
from .models import Author, Image, Section, Source, Story, Theme
from .ninjs import (
    InvalidItem,
    WirePicture,
    WireStory,
    as_plain_text,
    checked_headline,
    parse_item,
    parse_when,
    split_byline,
)

JSON_SUFFIXES = {".json"}
JSON_LINES_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
FETCH_TIMEOUT = 30  # seconds, for a feed or item given by URL
USER_AGENT = "newsroom-import/1 (+https://github.com/newsroom)"


# --- Reading sources ------------------------------------------------------------------


@dataclass
class Entry:
    """One item of a source, read lazily: `read()` gives the WireStory or raises
    InvalidItem. `label` names it in messages ("wire/dpa.jsonl line 7")."""

    label: str
    read: Callable[[], WireStory]
    folder: Path | None = None  # where the item's relative picture paths start


def entries(source: str, *, feed_source: str = "") -> list[Entry]:
    """Every item of a file, folder or URL. A source that cannot be read at all is one
    failed entry, so the import goes on with the other sources."""
    if urlsplit(source).scheme in ("http", "https"):
        return _url_entries(source, feed_source)
    path = Path(source)
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
            and p.suffix.lower() in JSON_SUFFIXES | JSON_LINES_SUFFIXES | FEED_SUFFIXES
        )
        return [entry for file in files for entry in _file_entries(file, feed_source)]
    if not path.exists():
        return [_failed(source, "no such file or folder")]
    return _file_entries(path, feed_source)


def _failed(label, reason):
    def read():
        raise InvalidItem(reason)

    return Entry(label, read)


def _file_entries(path: Path, feed_source: str) -> list[Entry]:
    try:
        data = path.read_bytes()
    except OSError as error:
        return [_failed(str(path), f"cannot be read ({error.strerror})")]
    suffix = path.suffix.lower()
    if suffix in JSON_LINES_SUFFIXES:
        return _json_lines_entries(data, str(path), path.parent)
    if suffix in FEED_SUFFIXES or (suffix not in JSON_SUFFIXES and data.lstrip()[:1] == b"<"):
        return _feed_entries(data, str(path), path.parent, feed_source)
    return _json_entries(data, str(path), path.parent)


def _decode(data: bytes) -> str:
    """JSON is UTF-8 (RFC 8259); a byte-order mark is tolerated. Anything else is refused
    rather than guessed, so no headline arrives as mojibake."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidItem(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at position {error.start}); "
            "ninjs must be UTF-8"
        ) from None


def _loads(data: bytes):
    try:
        return json.loads(_decode(data))
    except json.JSONDecodeError as error:
        raise InvalidItem(f"not valid JSON ({error})") from None


def _ninjs_entry(label, item, folder) -> Entry:
    uri = item.get("uri") if isinstance(item, dict) else None
    if isinstance(uri, str) and uri:
        label = f"{label} ({uri})"
    return Entry(label, lambda: parse_item(item), folder)


def _json_entries(data: bytes, label: str, folder) -> list[Entry]:
    try:
        document = _loads(data)
    except InvalidItem as error:
        return [_failed(label, str(error))]
    if isinstance(document, list):
        return [
            _ninjs_entry(f"{label} item {number}", item, folder)
            for number, item in enumerate(document, 1)
        ]
    return [_ninjs_entry(label, document, folder)]


def _json_lines_entries(data: bytes, label: str, folder) -> list[Entry]:
    found = []
    for number, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{label} line {number}"
        try:
            found.append(_ninjs_entry(where, _loads(line), folder))
        except InvalidItem as error:
            found.append(_failed(where, str(error)))
    return found


class FetchFailed(Exception):
    """An http(s) download that did not succeed; its text says why."""


def _http_get(url: str, limit: int = -1) -> tuple[bytes, str]:
    """(body, content type) of an http(s) URL, at most `limit` bytes read when given.
    Raises FetchFailed. Only http(s) URLs get here, and urllib follows no redirect to
    another scheme."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310
            return response.read(limit), response.headers.get("Content-Type", "")
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise FetchFailed(getattr(error, "reason", None) or error) from None


def _url_entries(url: str, feed_source: str) -> list[Entry]:
    try:
        data, content_type = _http_get(url)
    except FetchFailed as error:
        return [_failed(url, f"could not be fetched ({error})")]
    suffix = Path(urlsplit(url).path).suffix.lower()
    if suffix in JSON_LINES_SUFFIXES or "jsonl" in content_type or "ndjson" in content_type:
        return _json_lines_entries(data, url, None)
    if "json" in content_type or data.lstrip()[:1] in (b"{", b"["):
        return _json_entries(data, url, None)
    return _feed_entries(data, url, None, feed_source)


# --- RSS and Atom ---------------------------------------------------------------------


def _feed_entries(data: bytes, label: str, folder, feed_source: str) -> list[Entry]:
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        reason = feed.get("bozo_exception") or "unreadable"
        return [_failed(label, f"not an RSS or Atom feed ({reason})")]
    if isinstance(feed.get("bozo_exception"), feedparser.CharacterEncodingUnknown):
        return [_failed(label, f"unknown character encoding ({feed.bozo_exception})")]
    source = feed_source or as_plain_text(feed.feed.get("title", ""))
    return [
        Entry(
            f"{label} entry {number} ({entry.get('id') or entry.get('link') or 'no id'})",
            lambda entry=entry: feed_entry_to_wire(entry, source),
            folder,
        )
        for number, entry in enumerate(feed.entries, 1)
    ]


def _feed_time(entry, name):
    # dict.get: feedparser's own get() answers "updated" with the published date.
    parsed = dict.get(entry, f"{name}_parsed")
    if parsed:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    if dict.get(entry, name):
        # feedparser knows every date format feeds use; one it cannot read is wrong.
        return parse_when(entry[name], name)
    return None


def feed_entry_to_wire(entry, source_name: str) -> WireStory:
    """An RSS item or Atom entry as feedparser reads it, in the importer's terms."""
    guid = (entry.get("id") or entry.get("link") or "").strip()
    if not guid:
        raise InvalidItem("no guid, id or link to know it by")
    headline = checked_headline(entry.get("title", ""), "title")
    published_at = _feed_time(entry, "published")
    updated = _feed_time(entry, "updated")
    published_at = published_at or updated
    contents = entry.get("content") or []
    html = [c for c in contents if "html" in (c.get("type") or "")]
    summary = entry.get("summary", "")
    summary_is_html = "html" in (entry.get("summary_detail", {}).get("type") or "")
    if html:
        body = html[0]["value"]
    elif contents:
        body = text.plain_text_to_html(contents[0]["value"])
    else:
        body = summary if summary_is_html else text.plain_text_to_html(summary)
    standfirst = as_plain_text(summary) if contents and summary else ""
    authors = [a.get("name", "") for a in entry.get("authors") or [] if a.get("name")]
    if not authors and entry.get("author"):
        authors = split_byline(entry["author"])
    return WireStory(
        guid=guid[:255],
        headline=headline,
        standfirst=standfirst,
        body=body,
        published_at=published_at,
        updated_at=updated if updated and published_at and updated > published_at else None,
        authors=[name[:120] for name in authors],
        sources=[(source_name[:120], "", "")] if source_name else [],
        tags=list(
            {
                (t.get("label") or t.get("term") or "").strip()[:100]: None
                for t in entry.get("tags") or []
                if (t.get("label") or t.get("term") or "").strip()
            }
        ),
        picture=_feed_picture(entry),
    )


def _feed_picture(entry):
    candidates = [
        (e.get("href") or e.get("url"), e.get("type") or "")
        for e in (entry.get("enclosures") or []) + (entry.get("media_content") or [])
    ]
    href = next(
        (h for h, kind in candidates if h and (kind.startswith("image/") or not kind)), None
    )
    if not href:
        return None
    # No caption: feedparser reads media:description as the entry's summary.
    return WirePicture(uri=href, href=href)


# --- Creating and updating stories ----------------------------------------------------


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"  # withheld or canceled at the source, and never imported


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


def import_wire_story(wire: WireStory, *, options: Options, folder: Path | None = None) -> Result:
    """Create or update the story an item describes, in one transaction. Raises
    InvalidItem, with nothing written, when the item cannot be imported."""
    stored_files = []
    # Downloaded before the transaction: a slow agency server holds no lock meanwhile.
    fetched, fetch_note = _fetch_picture(wire.picture, options)
    try:
        with transaction.atomic():
            result = _import(wire, options, folder, stored_files, fetched)
        result.notes += [fetch_note] if fetch_note else []
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


def _import(wire, options, folder, stored_files, fetched) -> Result:
    story = Story.objects.select_for_update().filter(guid=wire.guid).first()
    notes = []
    if wire.withdrawn:
        if story is None:
            return Result(Outcome.SKIPPED, notes=["withheld or canceled at the source"])
        if story.status != Story.Status.PUBLISHED:
            return Result(Outcome.UNCHANGED, story)
        story = services.story_transition(
            story=story, user=services.SYSTEM, action=services.Action.WITHDRAW
        )
        return Result(Outcome.UPDATED, story, ["withdrawn: canceled at the source"])

    values = {
        "headline": wire.headline,
        "standfirst": wire.standfirst,
        "body": text.paragraphed(text.sanitize_body(wire.body)),
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
        values["section"] = _named(Section, *(wire.section or (options.section, "")), limit=80)
    if wire.theme:
        values["theme"] = _named(Theme, *wire.theme, limit=120)
    picture = _picture(wire.picture, folder, notes, stored_files, fetched, options)
    if picture is not None:
        values["lead_image"] = picture
    relations = {
        "sources": _sources(wire.sources, options.source),
        "authors": [_named(Author, name, limit=120) for name in wire.authors],
    }

    if story is not None:
        if _same(story, values, relations, wire.tags):
            return Result(Outcome.UNCHANGED, story)
        for name, value in values.items():
            setattr(story, name, value)
        story = services.story_save(story=story, user=services.SYSTEM)
        _relate(story, relations, wire.tags)
        services.story_saved(story=story, user=services.SYSTEM, comment="Updated from the wire")
        return Result(Outcome.UPDATED, story, notes)

    story = Story(guid=wire.guid, **values)
    publish = options.publish
    if publish and story.lead_image and not story.lead_image.alt_text.strip():
        publish = False
        notes.append("kept as a draft: its picture needs alt text before it can go out")
    if publish:
        story.updated_at = wire.updated_at
    story = services.story_save(
        story=story,
        user=services.SYSTEM,
        action=services.Action.PUBLISH if publish else None,
        publish_at=(wire.published_at or timezone.now()) if publish else None,
    )
    _relate(story, relations, wire.tags)
    services.story_saved(story=story, user=services.SYSTEM, comment="Imported from the wire")
    return Result(Outcome.CREATED, story, notes)


FOREIGN_KEYS = ("section", "theme", "lead_image")


def _same(story, values, relations, tags) -> bool:
    """Whether the stored story already says what the item says."""
    for name, value in values.items():
        current = getattr(story, f"{name}_id" if name in FOREIGN_KEYS else name)
        if current != (value.pk if name in FOREIGN_KEYS else value):
            return False
    for name, objects in relations.items():
        if set(getattr(story, name).values_list("pk", flat=True)) != {o.pk for o in objects}:
            return False
    return {t.casefold() for t in story.tags.names()} == {t.casefold() for t in tags}


def _relate(story, relations, tags):
    for name, objects in relations.items():
        getattr(story, name).set(objects)
    story.tags.set(tags)


def _unique_slug(model, name, limit):
    base = text.slug_for(name)[:limit]
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = text.numbered_slug(base, number, limit)
    return slug


def _named(model, name, slug="", *, limit, **extra):
    """The record with that slug, else that name (in any case, or as a slug); created
    when there is none, with the slug when it is free."""
    name = name.strip()[:limit]
    found = (
        (model.objects.filter(slug=slug).first() if slug else None)
        or model.objects.filter(name__iexact=name).first()
        or model.objects.filter(slug=name.lower()).first()
    )
    if found:
        return found
    if not slug or model.objects.filter(slug=slug).exists():
        slug = _unique_slug(model, name, limit)
    return model.objects.create(name=name, slug=slug[:limit], **extra)


def _sources(named, extra):
    entries = list(named) + ([(extra, "", "")] if extra else [])
    found = {}
    for name, slug, url in entries:
        url = url if url.startswith(("http://", "https://")) else ""
        source = _named(Source, name, slug, limit=120, kind=Source.Kind.AGENCY, url=url)
        found[source.pk] = source
    return list(found.values())


def _local_path(href: str, folder: Path | None) -> Path | None:
    parts = urlsplit(href)
    if parts.scheme == "file":
        return Path(unquote(parts.path))
    if parts.scheme and len(parts.scheme) > 1:
        return None  # http(s) and the like: not fetched
    path = Path(unquote(href))
    return path if path.is_absolute() or folder is None else folder / path


def _fetch_picture(picture: WirePicture | None, options) -> tuple[ContentFile | None, str]:
    """A picture given by http(s) URL, downloaded when --fetch-pictures asks for it:
    (its bytes, "") or (None, why it is not attached). At most IMAGE_MAX_BYTES are read;
    a bigger file refuses the item, as an upload that big would be refused."""
    if picture is None or not options.fetch_pictures:
        return None, ""
    if urlsplit(picture.href).scheme not in ("http", "https"):
        return None, ""
    if Image.objects.filter(source_uri=picture.uri[:500]).exists():
        return None, ""  # imported before: reused, not fetched again
    limit = settings.IMAGE_MAX_BYTES
    try:
        data, _content_type = _http_get(picture.href, limit + 1)
    except FetchFailed as error:
        return None, f"picture not attached: {picture.href} could not be fetched ({error})"
    if len(data) > limit:
        raise InvalidItem(
            f"picture {picture.href}: larger than {filesizeformat(limit)}, the most allowed"
        )
    name = Path(unquote(urlsplit(picture.href).path)).name or "picture"
    return ContentFile(data, name=name), ""


def _picture(picture, folder, notes, stored_files, fetched, options) -> Image | None:
    """The item's picture as an Image: the one already imported from the same URI, or a
    new one from a local file or a download, through the same validation as an upload in
    the desk."""
    if picture is None:
        return None
    existing = Image.objects.filter(source_uri=picture.uri[:500]).first()
    if existing is not None:
        return existing
    if fetched is not None:
        return _stored_picture(picture, fetched, fetched.name, stored_files)
    path = _local_path(picture.href, folder)
    if path is None:
        if not options.fetch_pictures:
            notes.append(
                f"picture not attached: {picture.href} is not a local file "
                "(--fetch-pictures downloads it)"
            )
        return None
    if not path.is_file():
        raise InvalidItem(f"picture {picture.href}: no such file")
    with path.open("rb") as handle:
        return _stored_picture(picture, File(handle, name=path.name), path.name, stored_files)


def _stored_picture(picture, file, name, stored_files) -> Image:
    image = Image(
        file=file,
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
        for name in [image.file.name] + [r["name"] for r in image.renditions]:
            if name and storage.exists(name):
                storage.delete(name)


def import_entries(found: list[Entry], *, options: Options) -> Iterator[tuple[Entry, object]]:
    """Import each entry; yields (entry, Result) or (entry, InvalidItem)."""
    for entry in found:
        try:
            wire = entry.read()
            yield entry, import_wire_story(wire, options=options, folder=entry.folder)
        except InvalidItem as error:
            yield entry, error
