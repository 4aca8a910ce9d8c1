"""What machines read about our pages: schema.org JSON-LD, Open Graph and Twitter cards."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from . import body, elements

LOGO = ("img/logo.png", 600, 60)


def _publisher(request) -> dict:
    path, width, height = LOGO
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.NEWSROOM_NAME,
        "url": request.build_absolute_uri("/"),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static(path)),
            "width": width,
            "height": height,
        },
    }


def _picture(story, request):
    image = story.lead_image
    picture = image.share_rendition if image else None
    if picture is None:
        return None
    return picture | {"url": request.build_absolute_uri(picture["url"]), "alt": image.alt_text}


def _images(story, request) -> list[dict]:
    """Every picture the story shows: the lead, then those in the text and its galleries
    in the body's order, each once."""
    return [
        {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(rendition["url"]),
            "width": rendition["width"],
            "height": rendition["height"],
            "caption": image.caption or image.alt_text,
        }
        for image, rendition in elements.every_picture(story, elements.inline_pictures(story.body))
    ]


def _videos(story, request) -> list[dict]:
    """schema.org VideoObjects: the videos we serve, then hosted videos embedded."""
    found, named = [], body.references(story.body)
    for video in elements.in_order(elements.videos(story.body), named.videos):
        found.append(
            {
                "@type": "VideoObject",
                "name": video.title,
                "description": video.caption or video.title,
                "contentUrl": request.build_absolute_uri(video.file.url),
                "encodingFormat": video.content_type,
                "duration": video.iso_duration,
                "width": video.width,
                "height": video.height,
                "uploadDate": video.created_at.isoformat(),
                "thumbnailUrl": (
                    [request.build_absolute_uri(video.poster.url)] if video.poster else None
                ),
            }
        )
    for embed in elements.in_order(elements.embeds(story.body), named.embeds):
        if embed.kind == embed.Kind.VIDEO:
            found.append(
                {
                    "@type": "VideoObject",
                    "name": embed.title or embed.url,
                    "description": embed.caption or embed.title or embed.url,
                    "embedUrl": embed.frame or None,
                    "url": embed.url,
                    "uploadDate": embed.created_at.isoformat(),
                    "thumbnailUrl": (
                        [request.build_absolute_uri(embed.thumbnail.url)]
                        if embed.thumbnail
                        else None
                    ),
                }
            )
    return [{k: v for k, v in video.items() if v is not None} for video in found]


def _live_blog(story, url) -> dict:
    """schema.org LiveBlogPosting: the coverage's times and its latest updates."""
    from . import live
    from .search import plain_text

    updates = live.published(story).order_by("-published_at", "-pk")[: live.PAGE]
    return {
        "@type": "LiveBlogPosting",
        "coverageStartTime": (story.first_published_at or story.published_at).isoformat()
        if (story.first_published_at or story.published_at)
        else None,
        "coverageEndTime": story.live_ended_at.isoformat() if story.live_ended_at else None,
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": live.headline_of(entry)[:110],
                "articleBody": plain_text(entry.body),
                "datePublished": entry.published_at.isoformat(),
                **({"dateModified": entry.corrected_at.isoformat()} if entry.corrected_at else {}),
                "url": f"{url}#entry-{entry.pk}",
            }
            for entry in updates
        ],
    }


def story_jsonld(story, request) -> dict:
    """schema.org NewsArticle for an article page, with its published corrections."""
    url = request.build_absolute_uri(story.get_absolute_url())
    modified = story.updated_at if story.was_updated else story.published_at
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.headline[:110],
        "description": story.standfirst,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "datePublished": story.published_at.isoformat() if story.published_at else None,
        "dateModified": modified.isoformat() if modified else None,
        "articleSection": story.section.name,
        "keywords": [tag.name for tag in story.tags.all()],
        "inLanguage": settings.LANGUAGE_CODE,
        "isAccessibleForFree": True,
        "author": [{"@type": "Organization", "name": a.name} for a in story.authors.all()]
        or [{"@type": "Organization", "name": settings.NEWSROOM_NAME}],
        "publisher": _publisher(request),
    }
    data["image"] = _images(story, request)
    if story.live_coverage:
        data |= _live_blog(story, url)
    if "data-video" in story.body or "data-embed" in story.body:
        data["video"] = _videos(story, request)
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": f"{note.get_kind_display()}: {note.text}",
            "datePublished": note.created_at.isoformat(),
        }
        for note in story.corrections.all()
    ]
    if corrections:
        data["correction"] = corrections
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def story_open_graph(story, request) -> list[tuple[str, str]]:
    """(property, content) pairs for Open Graph and Twitter's card."""
    url = request.build_absolute_uri(story.get_absolute_url())
    modified = story.updated_at if story.was_updated else story.published_at
    tags = [
        ("og:type", "article"),
        ("og:site_name", settings.NEWSROOM_NAME),
        ("og:title", story.headline),
        ("og:description", story.standfirst),
        ("og:url", url),
        ("og:locale", settings.LANGUAGE_CODE.replace("-", "_")),
        ("article:published_time", story.published_at.isoformat()),
        ("article:modified_time", modified.isoformat()),
        ("article:section", story.section.name),
        *(("article:tag", tag.name) for tag in story.tags.all()),
        ("twitter:title", story.headline),
        ("twitter:description", story.standfirst),
    ]
    picture = _picture(story, request)
    if picture:
        tags += [
            ("og:image", picture["url"]),
            ("og:image:width", str(picture["width"])),
            ("og:image:height", str(picture["height"])),
            ("og:image:type", picture["mime_type"]),
            ("og:image:alt", picture["alt"]),
            ("twitter:card", "summary_large_image"),
            ("twitter:image", picture["url"]),
            ("twitter:image:alt", picture["alt"]),
        ]
    else:
        tags.append(("twitter:card", "summary"))
    return [(name, value) for name, value in tags if value]


def site_jsonld(request) -> list[dict]:
    """The home page's WebSite (with its search) and the Organization behind it."""
    home = request.build_absolute_uri("/")
    search = request.build_absolute_uri(reverse("articles:search"))
    return [
        {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": settings.NEWSROOM_NAME,
            "url": home,
            "inLanguage": settings.LANGUAGE_CODE,
            "potentialAction": {
                "@type": "SearchAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": f"{search}?q={{search_term_string}}",
                },
                "query-input": "required name=search_term_string",
            },
        },
        {"@context": "https://schema.org", **_publisher(request)},
    ]
