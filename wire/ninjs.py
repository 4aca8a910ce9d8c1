"""One mapping between a Story and IPTC ninjs (News in JSON): written as ninjs 3.1 by the
public API and by export, read back by import — from 3.x items and from the 1.x/2.x items
many agencies still send (lower-case names, `body_html`, associations as an object).

https://iptc.org/standards/ninjs/ — camelCase names, `associations` as an array.
"""

import json
import re
from datetime import UTC, date, datetime, time
from functools import cache
from html import unescape
from pathlib import Path

from django.conf import settings
from django.utils.dateparse import parse_date, parse_datetime
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from articles import body, elements
from articles.links import url_for
from articles.models import Story
from articles.search import plain_text
from articles.text import plain_text_to_html, xml_safe

from .elements import MAX_PICTURES, body_for_wire, placed_names
from .items import InvalidItem, WireEmbed, WirePicture, WireStory

# Editorial urgency, 1 (most urgent) to 9, from the story's mark.
URGENCY = {
    Story.Mark.BREAKING: 1,
    Story.Mark.EXCLUSIVE: 2,
    Story.Mark.UPDATED: 3,
    Story.Mark.INTERVIEW: 4,
    Story.Mark.VIDEO: 4,
    Story.Mark.PHOTO: 4,
}
DEFAULT_URGENCY = 5


def _iso(value):
    return value.isoformat() if value else None


def story_uri(story, absolute) -> str:
    """The story's lasting identifier: its short URL, which never changes."""
    return absolute(url_for("articles:story-short", pk=story.pk))


def story_to_ninjs(story: Story, absolute, *, wire_ids: bool = False) -> dict:
    """A story as a ninjs 3.1 text item. `absolute` turns a path into an absolute URL
    (request.build_absolute_uri, or the site's base URL when exporting). The id it had at
    the wire is for exports only (`wire_ids`): the public API does not hand out what a
    feed would need to address another feed's stories."""
    words = plain_text(story.body).split()
    inline = elements.inline_pictures(story.body)
    pictures = {image.pk: image for image in inline}
    named = body.references(story.body)
    videos = elements.in_order(elements.videos(story.body), named.videos)
    embeds = elements.in_order(elements.embeds(story.body), named.embeds)
    modified = story.updated_at if story.was_updated else story.published_at
    item = {
        "uri": story_uri(story, absolute),
        "type": "text",
        "representationType": "full",
        "version": str(story.version),
        "firstCreated": _iso(story.first_published_at or story.published_at),
        "versionCreated": _iso(modified),
        "contentCreated": _iso(story.created_at),
        "pubStatus": "usable",
        "urgency": URGENCY.get(story.mark, DEFAULT_URGENCY),
        "language": settings.LANGUAGE_CODE,
        "headlines": [{"role": "main", "value": story.headline}],
        "descriptions": [
            {"role": "summary", "contentType": "text/plain", "value": story.standfirst}
        ]
        if story.standfirst
        else None,
        "bodies": [
            {
                "role": "main",
                "contentType": "text/html",
                "value": body_for_wire(
                    story.body,
                    pictures,
                    absolute,
                    elements.published_links(story.body),
                    videos={video.pk: video for video in videos},
                    embeds={embed.pk: embed for embed in embeds},
                ),
                "charCount": len(" ".join(words)),
                "wordCount": len(words),
            }
        ],
        "by": ", ".join(author.name for author in story.authors.all()) or None,
        "located": story.dateline_place or None,
        "infoSources": [
            {"name": settings.NEWSROOM_NAME, "role": "publisher", "uri": absolute("/")},
            *(
                {"name": source.name, "role": "source", "literal": source.slug}
                | ({"uri": source.url} if source.url else {})
                for source in story.sources.all()
            ),
        ],
        "subjects": _subjects(story, absolute),
        "altIds": [{"role": "url", "value": absolute(story.get_absolute_url())}]
        + ([{"role": "guid", "value": story.guid}] if story.guid and wire_ids else []),
        "copyrightHolder": settings.NEWSROOM_NAME,
        "associations": ([_picture(story.lead_image, absolute)] if story.lead_image else [])
        + [_picture(image, absolute, f"picture-{image.pk}", "inline") for image in inline]
        + [_video(video, absolute) for video in videos]
        + [_embed(embed, absolute) for embed in embeds],
    }
    return {key: value for key, value in item.items() if value not in (None, [])}


def _subjects(story, absolute):
    subjects = [
        {
            "name": story.section.name,
            "rel": "section",
            "literal": f"section:{story.section.slug}",
            "uri": absolute(story.section.get_absolute_url()),
        }
    ]
    if story.theme:
        subjects.append(
            {
                "name": story.theme.name,
                "rel": "theme",
                "literal": f"theme:{story.theme.slug}",
                "uri": absolute(story.theme.get_absolute_url()),
            }
        )
    subjects += [
        {
            "name": tag.name,
            "rel": "tag",
            "literal": f"tag:{tag.slug}",
            "uri": absolute(url_for("articles:tag", slug=tag.slug)),
        }
        for tag in story.tags.all()
    ]
    return subjects


def _picture(image, absolute, name="leadimage", rel="leadimage") -> dict:
    storage = image.file.storage
    renditions = [
        {
            "name": f"{r['width']}w-{r['format']}",
            "href": absolute(storage.url(r["name"])),
            "contentType": f"image/{r['format']}",
            "width": r["width"],
            "height": r["height"],
            **({"sizeInBytes": r["bytes"]} if r.get("bytes") else {}),
        }
        for r in sorted(image.renditions, key=lambda r: (r["width"], r["format"]))
    ]
    renditions.append(
        {
            "name": "original",
            "href": absolute(image.file.url),
            "width": image.width,
            "height": image.height,
        }
    )
    picture = {
        "name": name,
        "rel": rel,
        "uri": absolute(image.file.url),
        "type": "picture",
        "headlines": [{"value": image.caption}] if image.caption else None,
        "descriptions": [
            d
            for d in (
                {"role": "caption", "value": image.caption} if image.caption else None,
                {"role": "alt", "value": image.alt_text} if image.alt_text else None,
            )
            if d
        ],
        "by": image.credit or None,
        "renditions": renditions,
    }
    return {key: value for key, value in picture.items() if value not in (None, [])}


def _video(video, absolute) -> dict:
    renditions = [
        {
            "name": "original",
            "href": absolute(video.file.url),
            "contentType": video.content_type,
            "width": video.width,
            "height": video.height,
            "duration": video.duration,
            "sizeInBytes": video.size,
            "videoCodec": video.video_codec,
        }
    ]
    if video.poster:
        renditions.append(
            {
                "name": "poster",
                "href": absolute(video.poster.url),
                "contentType": "image/jpeg",
                "width": video.poster_width,
                "height": video.poster_height,
            }
        )
    association = {
        "name": f"video-{video.pk}",
        "rel": "inline",
        "uri": absolute(video.file.url),
        "type": "video",
        "headlines": [{"value": video.title}],
        "descriptions": [{"role": "caption", "value": video.caption}] if video.caption else None,
        "by": video.credit or None,
        "renditions": renditions,
    }
    return {key: value for key, value in association.items() if value not in (None, [])}


# ninjs has no type for another site's post: a video is a video, the rest a text item
# whose uri is the post's own address.
EMBED_TYPES = {"video": "video", "audio": "audio", "map": "graphic"}


def _embed(embed, absolute) -> dict:
    association = {
        "name": f"embed-{embed.pk}",
        "rel": "embed",
        "uri": embed.url,
        "type": EMBED_TYPES.get(embed.kind, "text"),
        "headlines": [{"value": embed.title}] if embed.title else None,
        "descriptions": [{"role": "caption", "value": embed.caption}] if embed.caption else None,
        "by": embed.author_name or None,
        "infoSources": [{"name": embed.provider_name, "role": "originator"}],
        "renditions": [{"name": "embed", "href": embed.frame, "contentType": "text/html"}]
        if embed.frame
        else None,
    }
    return {key: value for key, value in association.items() if value not in (None, [])}


# --- Reading ninjs (import) -----------------------------------------------------------


# The item types that make a story; audio, video, events and plans are not imported.
STORY_TYPES = {"text", "composite", "picture", "graphic", None}
WITHDRAWN_STATUSES = {"withheld", "canceled", "cancelled"}

# 1.x/2.x names and their 3.x spelling; the rest differ only in case.
LEGACY_NAMES = {
    "versioncreated": "versionCreated",
    "firstcreated": "firstCreated",
    "contentcreated": "contentCreated",
    "embargoed": "embargoedUntil",
    "embargoeduntil": "embargoedUntil",
    "pubstatus": "pubStatus",
    "copyrightholder": "copyrightHolder",
    "copyrightnotice": "copyrightNotice",
    "representationtype": "representationType",
    "infosource": "infoSources",
    "infosources": "infoSources",
    "altids": "altIds",
    "subject": "subjects",
    "byline": "by",
    "contenttype": "contentType",
    "mimetype": "contentType",
    "sizeinbytes": "sizeInBytes",
    "charcount": "charCount",
    "wordcount": "wordCount",
}
# Names only a 1.x/2.x item has (a 3.x item spells them in camelCase or not at all).
LEGACY_ONLY = set(LEGACY_NAMES) | {
    "headline",
    "body_text",
    "body_html",
    "body_xhtml",
    "description_text",
    "description_html",
    "keywords",
    "slugline",
}


SCHEMAS = Path(__file__).parent / "schemas"
# Schemas the ninjs schema refers to by their web address, shipped here: the import
# never reaches out to the network to read an item.
REFERENCED = {"https://geojson.org/schema/GeoJSON.json": "GeoJSON.json"}


@cache
def _validator():
    registry = Registry().with_resources(
        (uri, Resource.from_contents(json.loads((SCHEMAS / name).read_text())))
        for uri, name in REFERENCED.items()
    )
    schema = json.loads((SCHEMAS / "ninjs-schema_3.1.json").read_text())
    # Any reference not shipped is an error at once, never a download.
    return Draft202012Validator(schema, registry=registry)


def is_legacy(item: dict) -> bool:
    """A ninjs 1.x or 2.x item (lower-case names), rather than 3.x (camelCase)."""
    standard = item.get("standard")
    if isinstance(standard, dict) and str(standard.get("version", ""))[:1] in ("1", "2"):
        return True
    if any(key != key.lower() for key in item):
        return False
    return bool(LEGACY_ONLY & set(item)) or isinstance(item.get("associations"), dict)


def parse_item(item) -> WireStory:
    """Read one ninjs item (1.x, 2.x or 3.x). Raises InvalidItem saying why it is refused."""
    if not isinstance(item, dict):
        raise InvalidItem(f"a ninjs item is a JSON object, not {type(item).__name__}")
    if is_legacy(item):
        item = _modernise(item)
        _check_legacy_names(item)
    else:
        _check_schema(_upgraded(item))
    kind = item.get("type")
    if not isinstance(kind, str | None) or kind not in STORY_TYPES:
        raise InvalidItem(
            f"{kind!r} items are not imported (text, composite and picture items are)"
        )
    guid = _guid(item)
    headline = _headline(item)
    published_at = _when(item, "firstCreated") or _when(item, "versionCreated")
    version_created = _when(item, "versionCreated")
    associations = _list(item.get("associations"))
    placed = set(placed_names(_body(item, headline)))
    picture = _lead_picture(associations, placed)
    photo = kind in ("picture", "graphic")
    if photo:
        picture = _lead_picture([{**item, "name": "picture", "type": kind}]) or picture
    body = _body(item, headline)
    if photo and not body and picture and picture.caption:
        body = plain_text_to_html(picture.caption)
    subjects = [s for s in _list(item.get("subjects")) if isinstance(s, dict)]
    sources = _sources(item)
    # "By Jane Roe, Nordwire": the agency is a source, not an author.
    not_people = {name.casefold() for name, _, _ in sources} | {
        _text(item.get("copyrightHolder")).casefold()
    }
    return WireStory(
        guid=guid,
        headline=headline,
        standfirst=_description(item),
        body=body,
        published_at=published_at,
        updated_at=version_created
        if version_created and published_at and version_created > published_at
        else None,
        embargo_until=_when(item, "embargoedUntil"),
        withdrawn=str(item.get("pubStatus", "usable")).lower() in WITHDRAWN_STATUSES,
        breaking=type(item.get("urgency")) is int and item["urgency"] == 1,
        photo=photo,
        authors=[a for a in split_byline(item.get("by")) if a.casefold() not in not_people],
        located=_text(item.get("located")),
        sources=sources,
        section=_subject(subjects, "section"),
        theme=_subject(subjects, "theme"),
        tags=_tags(item, subjects),
        picture=picture,
        inline_pictures=_inline_pictures(associations, body),
        inline_embeds=_inline_embeds(associations, body),
        inline_videos=_inline_videos(associations, body),
    )


UNKNOWN_NAMES = ("unevaluatedProperties", "additionalProperties")


def _check_schema(item):
    """Refuse an item the ninjs 3.1 schema refuses, with where and why. Names the schema
    does not know are tolerated at the item's top level only (agencies add their own
    there); inside an association, a rendition, a place or any other object we read, an
    unknown name means we would be guessing what the object says."""
    errors = [
        error
        for error in _validator().iter_errors(item)
        if not (error.validator in UNKNOWN_NAMES and not error.absolute_path)
    ]
    # A real error first: an object that fails inside also reports its names as unknown.
    errors.sort(key=lambda e: (e.validator in UNKNOWN_NAMES, list(e.absolute_path)))
    for error in errors:
        where = "/".join(str(part) for part in error.absolute_path) or "the item"
        raise InvalidItem(f"not valid ninjs 3.1 at {where}: {error.message}"[:500])


# The names 1.x and 2.x items use inside associations and renditions, besides 3.1's.
LEGACY_ITEM_NAMES = {
    *(n.lower() for n in ("name", "rel", "mimetype", "person", "organisation", "place")),
    *("subject", "event", "object", "byline", "infosource", "genre", "trustindicator"),
    *("keywords", "usageterms", "ednote", "description_xhtml", "body_xhtml"),
    *LEGACY_ONLY,
}


@cache
def _names(definition) -> frozenset:
    schema = _validator().schema["$defs"][definition]
    return frozenset(name.lower() for name in schema["properties"])


def _check_legacy_names(item):
    """A 1.x/2.x item's shapes differ from 3.1's, so it is not held to that schema; but
    in its associations (other items, which we read as pictures) a name no version of
    ninjs has is refused, as it would be in a 3.x item. Renditions are left alone:
    agencies' 2.x renditions carry names of their own (TT's `usage`)."""

    def unknown(where, entry, known):
        if isinstance(entry, dict):
            names = sorted(k for k in entry if k.lower() not in known)
            if names:
                listed = ", ".join(repr(n) for n in names[:5])
                raise InvalidItem(f"not valid ninjs at {where}: unknown names {listed}"[:500])

    item_names = _names("ninjsType") | LEGACY_ITEM_NAMES
    for number, association in enumerate(_list(item.get("associations"))):
        unknown(f"associations/{number}", association, item_names)


def _upgraded(item):
    """A ninjs 3.0 item in 3.1's words: a place's `geojson` became `geoJSON`."""
    places = item.get("places")
    if not isinstance(places, list) or not any(
        isinstance(p, dict) and "geojson" in p for p in places
    ):
        return item
    renamed = [
        {("geoJSON" if k == "geojson" and "geoJSON" not in p else k): v for k, v in p.items()}
        if isinstance(p, dict)
        else p
        for p in places
    ]
    return {**item, "places": renamed}


def _modernise(item):
    """A 1.x/2.x item in the 3.x shape: camelCase names, arrays instead of objects keyed by
    name, `headline`/`body_html`/`description_text` as headlines/bodies/descriptions."""
    if isinstance(item, list):
        return [_modernise(value) for value in item]
    if not isinstance(item, dict):
        return item
    modern = {}
    for key, value in item.items():
        name = LEGACY_NAMES.get(key.lower(), key)
        if name in ("associations", "renditions") and isinstance(value, dict):
            value = [{"name": k, **v} for k, v in value.items() if isinstance(v, dict)]
        elif name == "altIds" and isinstance(value, dict):
            value = [{"role": k, "value": v} for k, v in value.items()]
        elif name == "infoSources" and isinstance(value, dict):
            value = [value]
        modern[name] = _modernise(value)
    if isinstance(modern.get("headline"), str):
        _added(modern, "headlines", {"role": "main", "value": modern["headline"]})
    for name, content_type in (
        ("body_html", "text/html"),
        ("body_xhtml", "application/xhtml+xml"),
        ("body_text", "text/plain"),
    ):
        if isinstance(modern.get(name), str):
            body = {"role": "main", "contentType": content_type, "value": modern[name]}
            _added(modern, "bodies", body)
    for name, content_type in (
        ("description_text", "text/plain"),
        ("description_html", "text/html"),
    ):
        if isinstance(modern.get(name), str):
            description = {"role": "summary", "contentType": content_type, "value": modern[name]}
            _added(modern, "descriptions", description)
    return modern


def _guid(item):
    for alt in _list(item.get("altIds")):
        if isinstance(alt, dict) and alt.get("role") == "guid" and _text(alt.get("value")):
            return _text(alt["value"])[:255]
    uri = _text(item.get("uri"))
    if not uri:
        raise InvalidItem("no uri: an item needs one to be told apart from the others")
    if len(uri) > 255:
        raise InvalidItem(f"its uri is {len(uri)} characters long; at most 255 are kept")
    return uri


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _list(value) -> list:
    """A list where ninjs has one; anything else (a legacy item is not checked against a
    schema) reads as nothing."""
    return value if isinstance(value, list) else []


def _added(item, name, entry):
    """Append to a list property, replacing a value of the wrong type."""
    if not isinstance(item.get(name), list):
        item[name] = []
    item[name].append(entry)


def as_plain_text(value: str) -> str:
    """Markup and entities out, whitespace folded: for headlines, standfirsts, captions."""
    text = xml_safe(unescape(plain_text(value if isinstance(value, str) else "")))
    return " ".join(text.split())


def _pick(entries, roles=("main",)):
    """The entry with the first preferred role, else the first one with a value."""
    entries = [e for e in _list(entries) if isinstance(e, dict) and _text(e.get("value"))]
    for role in roles:
        for entry in entries:
            if entry.get("role") == role:
                return entry
    return entries[0] if entries else None


def _headline(item):
    entry = _pick(item.get("headlines"))
    return checked_headline(entry["value"] if entry else "")


def checked_headline(value, what="headline") -> str:
    """A headline as plain text, or the reason there is none a story can carry."""
    headline = as_plain_text(value)
    if not headline:
        raise InvalidItem(f"no {what}")
    if len(headline) > 255:
        raise InvalidItem(f"the {what} is {len(headline)} characters long; at most 255 fit")
    return headline


def _is_html(entry) -> bool:
    content_type = str(entry.get("contentType") or "").lower()
    role = str(entry.get("role") or "").lower()
    return "html" in content_type or "html" in role or role == "richtext"


def _is_plain(entry) -> bool:
    content_type = str(entry.get("contentType") or "").lower()
    return content_type in ("", "text/plain") and not _is_html(entry)


_DOCUMENT_BODY = re.compile(r"<body\b[^>]*>(.*?)(?:</body>|$)", re.IGNORECASE | re.DOTALL)
_HEADING_1_OPEN = re.compile(r"<h1\b", re.IGNORECASE)


def _without_headings_1(html: str) -> str:
    """The HTML without its <h1>…</h1> elements, in one pass: a regex with .*? between
    them is quadratic in unclosed <h1>s (40,000 of them took 53 s)."""
    lower, kept, position = html.lower(), [], 0
    while (opening := _HEADING_1_OPEN.search(lower, position)) is not None:
        closing = lower.find("</h1>", opening.end())
        if closing == -1:
            break  # no closed heading further on: the rest stays, for the sanitizer
        kept.append(html[position : opening.start()])
        position = closing + len("</h1>")
    kept.append(html[position:])
    return "".join(kept)


def _body(item, headline):
    bodies = [b for b in _list(item.get("bodies")) if isinstance(b, dict) and _text(b.get("value"))]
    html = [b for b in bodies if _is_html(b)]
    if html:
        chosen = _pick(html, roles=("main", "html", "richtext"))["value"]
        # Whole HTML documents arrive too: keep what is inside <body>, and drop the
        # document's own <h1> (the page shows the headline already).
        match = _DOCUMENT_BODY.search(chosen)
        return _without_headings_1(match.group(1) if match else chosen)
    plain = [b for b in bodies if _is_plain(b)]
    if plain:
        return plain_text_to_html(_pick(plain, roles=("main", "text"))["value"])
    return ""


def _description(item):
    entries = [
        d
        for d in _list(item.get("descriptions"))
        if isinstance(d, dict) and d.get("role") not in ("alt", "caption")
    ]
    entry = _pick(entries, roles=("summary", "text", "main"))
    return as_plain_text(entry["value"]) if entry else ""


def parse_when(value, name="date") -> datetime | None:
    """An ISO 8601 date and time (a bare date means its midnight; no offset means UTC)."""
    if value in (None, ""):
        return None
    problem = f"{name} {value!r} is not a date and time (ISO 8601, like 2024-05-01T09:30:00Z)"
    if not isinstance(value, str):
        raise InvalidItem(problem)
    try:
        parsed = parse_datetime(value.strip())
        if parsed is None:
            day = parse_date(value.strip())
            parsed = datetime.combine(day, time()) if isinstance(day, date) else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise InvalidItem(problem)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _when(item, name):
    return parse_when(item.get(name), name)


_BY_PREFIX = re.compile(r"^(by|von|par|por|di|door|av)\s+", re.IGNORECASE)


def split_byline(byline) -> list[str]:
    """'By Jane Roe and John Doe' -> ['Jane Roe', 'John Doe']."""
    byline = _BY_PREFIX.sub("", as_plain_text(byline if isinstance(byline, str) else ""))
    names = re.split(r"\s*(?:,|;|&|\band\b)\s*", byline)
    return [name[:120] for name in (n.strip() for n in names) if name]


def _sources(item):
    """Who the item relies on: its infoSources other than the publisher that sent it,
    else the copyright holder. Our own name is never a source of our own stories."""
    own = settings.NEWSROOM_NAME.casefold()
    entries = [
        s for s in _list(item.get("infoSources")) if isinstance(s, dict) and _text(s.get("name"))
    ]
    chosen = [s for s in entries if s.get("role") != "publisher"] or entries
    if not entries and _text(item.get("copyrightHolder")):
        chosen = [{"name": item["copyrightHolder"]}]
    return [
        (_text(s["name"])[:120], _text(s.get("literal")), _text(s.get("uri")))
        for s in chosen
        if _text(s["name"]).casefold() != own
    ]


def _subject(subjects, rel):
    """(name, slug) of the subject with that relation: ours carry `section:<slug>`."""
    for subject in subjects:
        if subject.get("rel") == rel:
            literal = _text(subject.get("literal")).removeprefix(f"{rel}:")
            name = _text(subject.get("name")) or literal
            return (name, literal) if name else ()
    return ()


def _tags(item, subjects):
    names = [
        _text(s.get("name")) or _text(s.get("literal"))
        for s in subjects
        if s.get("rel") not in ("section", "theme")
    ]
    keywords = item.get("keywords") or []
    names += (
        [_text(k) for k in keywords if isinstance(k, str)] if isinstance(keywords, list) else []
    )
    unique = {}
    for name in names:
        if name:
            unique.setdefault(name.casefold(), name[:100])
    return list(unique.values())


def _inline_pictures(associations, body_html):
    """The pictures the body places in its text, by the names of their associations."""
    named = {a.get("name"): a for a in associations if isinstance(a, dict) and _text(a.get("name"))}
    found = []
    for name in placed_names(body_html)[:MAX_PICTURES]:
        association = named.get(name)
        if association is not None and association.get("type") in ("picture", "graphic", None):
            picture = _wire_picture(association)
            if picture is not None:
                found.append(picture)
    return found


def _inline_embeds(associations, body_html):
    """Other sites' posts the body places in its text: associations named `embed` by
    their rel (ours) or carrying an `embed` rendition, with an http(s) address."""
    named = {a.get("name"): a for a in associations if isinstance(a, dict) and _text(a.get("name"))}
    found = []
    for name in placed_names(body_html)[:MAX_PICTURES]:
        association = named.get(name)
        if association is None:
            continue
        renditions = [r for r in _list(association.get("renditions")) if isinstance(r, dict)]
        is_embed = association.get("rel") == "embed" or any(
            r.get("name") == "embed" for r in renditions
        )
        url = _text(association.get("uri"))
        if is_embed and url.startswith(("https://", "http://")) and len(url) <= 2000:
            headlines = _list(association.get("headlines"))
            descriptions = _list(association.get("descriptions"))
            found.append(
                WireEmbed(
                    url=url,
                    name=name,
                    title=_clip(as_plain_text((_pick(headlines) or {}).get("value")), 300),
                    author=_clip(as_plain_text(_text(association.get("by"))), 200),
                    caption=_clip(
                        as_plain_text((_pick(descriptions, ("caption",)) or {}).get("value")), 500
                    ),
                )
            )
    return found


def _inline_videos(associations, body_html):
    """The video files the body places in its text (ours: `video-…` of type video), as
    pictures are: a file to read under sources.py's rules, and its words."""
    named = {a.get("name"): a for a in associations if isinstance(a, dict) and _text(a.get("name"))}
    found = []
    for name in placed_names(body_html)[:MAX_PICTURES]:
        association = named.get(name)
        if association is None or association.get("type") != "video":
            continue
        if association.get("rel") == "embed":
            continue
        video = _wire_picture(association)
        if video is not None:
            headline = (_pick(association.get("headlines")) or {}).get("value", "")
            # A video's title is its headline; the caption, its description.
            video.alt_text = _clip(as_plain_text(headline), 300) or video.caption[:300]
            found.append(video)
    return found


def _lead_picture(associations, placed=frozenset()):
    pictures = [
        a
        for a in associations
        if isinstance(a, dict) and a.get("type") in ("picture", "graphic", None) and _href(a)
    ]
    # The lead is the one called so (Superdesk: featuremedia), else the first the body
    # does not place in its text.
    lead_names = ("leadimage", "featuremedia")
    chosen = next(
        (a for a in pictures if a.get("rel") in lead_names or a.get("name") in lead_names), None
    )
    chosen = chosen or next((a for a in pictures if a.get("name") not in placed), None)
    return _wire_picture(chosen) if chosen is not None else None


def _wire_picture(chosen):
    if not _href(chosen):
        return None
    descriptions = [d for d in _list(chosen.get("descriptions")) if isinstance(d, dict)]
    caption = next(
        (d["value"] for d in descriptions if d.get("role") in ("caption", "summary", None)), ""
    )
    headline = _pick(chosen.get("headlines"))
    caption = as_plain_text(caption or (headline or {}).get("value", ""))
    alt = next((d["value"] for d in descriptions if d.get("role") == "alt"), "") or caption
    return WirePicture(
        uri=_text(chosen.get("uri")) or _href(chosen),
        href=_href(chosen),
        alt_text=_clip(as_plain_text(alt), 300),
        caption=_clip(caption, 500),
        credit=_clip(as_plain_text(chosen.get("by") or ""), 200),
        name=_text(chosen.get("name"))[:100],
    )


def _href(association):
    """The best file of a picture: its original, else its widest rendition."""
    renditions = [
        r
        for r in _list(association.get("renditions"))
        if isinstance(r, dict) and _text(r.get("href"))
    ]
    original = [r for r in renditions if r.get("name") in ("original", "highres", "hires")]
    if original:
        return _text(original[0]["href"])
    if renditions:
        widest = max(
            renditions, key=lambda r: r.get("width") if isinstance(r.get("width"), int) else 0
        )
        return _text(widest["href"])
    return ""


def _clip(value, limit):
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"
