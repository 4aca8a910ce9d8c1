"""One mapping between a Story and IPTC ninjs 3.1 (News in JSON), used by the public API
and by export; import reads the same names back (issue: wire ingest).

https://iptc.org/standards/ninjs/ — camelCase names, `associations` as an array.
"""

from django.conf import settings

from .links import url_for
from .models import Story
from .search import plain_text

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


def story_to_ninjs(story: Story, absolute) -> dict:
    """A story as a ninjs 3.1 text item. `absolute` turns a path into an absolute URL
    (request.build_absolute_uri, or the site's base URL when exporting)."""
    words = plain_text(story.body).split()
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
                "value": story.body,
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
        + ([{"role": "guid", "value": story.guid}] if story.guid else []),
        "copyrightHolder": settings.NEWSROOM_NAME,
        "associations": [_picture(story.lead_image, absolute)] if story.lead_image else None,
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


def _picture(image, absolute) -> dict:
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
        "name": "leadimage",
        "rel": "leadimage",
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
