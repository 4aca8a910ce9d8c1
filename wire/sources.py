"""Where wire items come from: files, folders and http(s) URLs, read into entries that
the importer takes one at a time.

The rules that keep a source from deciding things on the server live here:
- a file or download is at most NEWSROOM_WIRE_MAX_BYTES, JSON at most MAX_DEPTH deep
  and UTF-8: anything else is one clear failure for the whole file;
- downloads go through newsroom/fetch.py (public addresses, allowed hosts, byte and time caps);
- every entry knows its `origin`, the channel it came through, which is half of each
  story's wire identity: a feed can only ever update or withdraw its own stories;
- a picture an item names is read from disk only when the item itself was read from
  disk, and only from inside the folder imported (or NEWSROOM_WIRE_INBOX): never from a
  file: URI, an absolute path or a path that climbs out. Items read by URL name their
  pictures by URL, downloaded under the same rules as the feed with --fetch-pictures.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from newsroom import fetch

from . import rss
from .items import InvalidItem, WireStory
from .ninjs import parse_item

JSON_SUFFIXES = {".json"}
JSON_LINES_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
# Deeper than any real item (ninjs nests five or six levels): past it, a document is
# refused whole rather than walked by recursive code.
MAX_DEPTH = 64


@dataclass
class Entry:
    """One item of a source, read lazily: `read()` gives the WireStory or raises
    InvalidItem. `label` names it in messages ("wire/dpa.jsonl line 7")."""

    label: str
    read: Callable[[], WireStory]
    origin: str = ""  # the channel: with the item's id, the story's wire identity
    root: Path | None = None  # pictures on disk are read from inside this folder only
    folder: Path | None = None  # where the item's relative picture paths start
    base_url: str = ""  # for an item read by URL: what its relative picture links mean


def entries(source: str, *, feed_source: str = "") -> list[Entry]:
    """Every item of a file, folder or URL. A source that cannot be read at all is one
    failed entry, so the import goes on with the other sources. `feed_source` (the
    --source name) is the origin when given; otherwise a URL is its own origin and
    local files share the operator's."""
    if urlsplit(source).scheme in ("http", "https"):
        return _url_entries(source, feed_source)
    path = Path(source)
    if path.is_dir():
        root = _root(path)
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
            and p.suffix.lower() in JSON_SUFFIXES | JSON_LINES_SUFFIXES | FEED_SUFFIXES
        )
        return [entry for file in files for entry in _file_entries(file, feed_source, root)]
    if not path.exists():
        return [_failed(source, "no such file or folder")]
    return _file_entries(path, feed_source, _root(path.parent))


def _root(folder: Path) -> Path:
    folder = folder.resolve()
    inbox = Path(settings.WIRE_INBOX).resolve() if settings.WIRE_INBOX else None
    return inbox if inbox is not None and folder.is_relative_to(inbox) else folder


def _failed(label, reason):
    def read():
        raise InvalidItem(reason)

    return Entry(label, read)


def _file_entries(path: Path, origin: str, root: Path) -> list[Entry]:
    try:
        size = path.stat().st_size
        if size > settings.WIRE_MAX_BYTES:
            return [_failed(str(path), _too_big(size))]
        data = path.read_bytes()
    except OSError as error:
        return [_failed(str(path), f"cannot be read ({error.strerror})")]
    where = {"origin": origin, "root": root, "folder": path.parent.resolve()}
    suffix = path.suffix.lower()
    if suffix in JSON_LINES_SUFFIXES:
        return _json_lines_entries(data, str(path), where)
    if suffix in FEED_SUFFIXES or (suffix not in JSON_SUFFIXES and data.lstrip()[:1] == b"<"):
        return _feed_entries(data, str(path), where, feed_source=origin)
    return _json_entries(data, str(path), where)


def _too_big(size):
    return (
        f"{filesizeformat(size)} is more than a wire file may be "
        f"({filesizeformat(settings.WIRE_MAX_BYTES)}, NEWSROOM_WIRE_MAX_BYTES)"
    )


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


def _depth(document) -> int:
    """How deeply arrays and objects nest, found without recursion."""
    deepest, stack = 0, [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return deepest


def _loads(data: bytes):
    too_deep = InvalidItem(f"JSON nested more than {MAX_DEPTH} levels deep; no item is")
    try:
        document = json.loads(_decode(data))
    except json.JSONDecodeError as error:
        raise InvalidItem(f"not valid JSON ({error})") from None
    except RecursionError:
        raise too_deep from None
    if _depth(document) > MAX_DEPTH:
        raise too_deep
    return document


def _ninjs_entry(label, item, where) -> Entry:
    uri = item.get("uri") if isinstance(item, dict) else None
    if isinstance(uri, str) and uri:
        label = f"{label} ({uri[:200]})"
    return Entry(label, lambda: parse_item(item), **where)


def _json_entries(data: bytes, label: str, where) -> list[Entry]:
    try:
        document = _loads(data)
    except InvalidItem as error:
        return [_failed(label, str(error))]
    if isinstance(document, list):
        return [
            _ninjs_entry(f"{label} item {number}", item, where)
            for number, item in enumerate(document, 1)
        ]
    return [_ninjs_entry(label, document, where)]


def _json_lines_entries(data: bytes, label: str, where) -> list[Entry]:
    found = []
    for number, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        place = f"{label} line {number}"
        try:
            found.append(_ninjs_entry(place, _loads(line), where))
        except InvalidItem as error:
            found.append(_failed(place, str(error)))
    return found


def _url_entries(url: str, feed_source: str) -> list[Entry]:
    try:
        download = fetch.fetch(url, limit=settings.WIRE_MAX_BYTES)
    except fetch.FetchFailed as error:
        return [_failed(url, f"could not be fetched ({error})")]
    data, content_type = download.body, download.content_type
    # Nothing read by URL reaches the disk: no root, no folder.
    where = {"origin": feed_source or url, "base_url": download.url}
    suffix = Path(urlsplit(url).path).suffix.lower()
    if suffix in JSON_LINES_SUFFIXES or "jsonl" in content_type or "ndjson" in content_type:
        return _json_lines_entries(data, url, where)
    if "json" in content_type or data.lstrip()[:1] in (b"{", b"["):
        return _json_entries(data, url, where)
    return _feed_entries(data, url, where, feed_source=feed_source)


def _feed_entries(data: bytes, label: str, where, *, feed_source: str) -> list[Entry]:
    try:
        feed = rss.parse(data, feed_source=feed_source)
    except InvalidItem as error:
        return [_failed(label, str(error))]
    return [
        Entry(
            f"{label} entry {number} ({(entry.get('id') or entry.get('link') or 'no id')[:200]})",
            lambda entry=entry: rss.entry_to_wire(entry, feed.source),
            **where,
        )
        for number, entry in enumerate(feed.entries, 1)
    ]


# --- A picture an item names ------------------------------------------------------------


def picture_location(href: str, entry: Entry) -> tuple[str, Path | str | None]:
    """Where the picture an item names may be read from: ("url", an absolute http(s) URL),
    ("path", a file inside the entry's root), or ("refused", why not)."""
    parts = urlsplit(href)
    if entry.base_url:
        url = urljoin(entry.base_url, href)  # relative to the feed, never to our disk
        if urlsplit(url).scheme in ("http", "https"):
            return "url", url
        return "refused", f"{href} is not an http(s) address"
    if parts.scheme in ("http", "https"):
        return "url", href
    if parts.scheme or parts.netloc or entry.root is None or entry.folder is None:
        return "refused", f"{href} is not a path inside the folder imported"
    relative = Path(unquote(parts.path))
    if relative.is_absolute():
        return "refused", f"{href} is an absolute path; pictures are read from the folder imported"
    resolved = (entry.folder / relative).resolve()
    if not resolved.is_relative_to(entry.root):
        return "refused", f"{href} lies outside the folder imported"
    return "path", resolved
