"""RSS 2.0 and Atom feeds, read by feedparser (every dialect and encoding), in the
importer's terms. feedparser is given bytes, never a URL: it fetches nothing itself."""

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser

from articles import text

from .items import InvalidItem, WirePicture, WireStory
from .ninjs import as_plain_text, checked_headline, parse_when, split_byline


@dataclass
class Feed:
    source: str  # whom the entries are credited to: --source, else the feed's title
    entries: list


def parse(data: bytes, *, feed_source: str = "") -> Feed:
    """The feed's entries, or InvalidItem when the file is no feed at all."""
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        reason = feed.get("bozo_exception") or "unreadable"
        raise InvalidItem(f"not an RSS or Atom feed ({reason})")
    if isinstance(feed.get("bozo_exception"), feedparser.CharacterEncodingUnknown):
        raise InvalidItem(f"unknown character encoding ({feed.bozo_exception})")
    return Feed(feed_source or as_plain_text(feed.feed.get("title", "")), feed.entries)


def _time(entry, name):
    # dict.get: feedparser's own get() answers "updated" with the published date.
    parsed = dict.get(entry, f"{name}_parsed")
    if parsed:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    if dict.get(entry, name):
        # feedparser knows every date format feeds use; one it cannot read is wrong.
        return parse_when(entry[name], name)
    return None


def entry_to_wire(entry, source_name: str) -> WireStory:
    """An RSS item or Atom entry as feedparser reads it, in the importer's terms."""
    guid = (entry.get("id") or entry.get("link") or "").strip()
    if not guid:
        raise InvalidItem("no guid, id or link to know it by")
    headline = checked_headline(entry.get("title", ""), "title")
    published_at = _time(entry, "published")
    updated = _time(entry, "updated")
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
        picture=_picture(entry),
    )


def _picture(entry):
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
    return WirePicture(uri=href[:500], href=href)
