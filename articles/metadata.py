"""What machines read about a story: schema.org JSON-LD for search engines."""

from django.conf import settings


def story_jsonld(story, request) -> dict:
    """schema.org NewsArticle for an article page, with its published corrections."""
    url = request.build_absolute_uri(story.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.headline[:110],
        "description": story.standfirst,
        "mainEntityOfPage": url,
        "url": url,
        "datePublished": story.published_at.isoformat() if story.published_at else None,
        "dateModified": (story.updated_at or story.published_at).isoformat()
        if story.published_at
        else None,
        "articleSection": story.section.name,
        "keywords": [tag.name for tag in story.tags.all()],
        "isAccessibleForFree": True,
        "author": [{"@type": "Organization", "name": a.name} for a in story.authors.all()]
        or [{"@type": "Organization", "name": settings.NEWSROOM_NAME}],
        "publisher": {"@type": "NewsMediaOrganization", "name": settings.NEWSROOM_NAME},
    }
    if story.lead_image:
        data["image"] = [request.build_absolute_uri(story.lead_image.file.url)]
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
    return {key: value for key, value in data.items() if value is not None}
