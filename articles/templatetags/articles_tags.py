import json

from django import template
from django.utils.safestring import mark_safe

from articles import elements, text

register = template.Library()

# The characters that could end a <script> element or open a comment, escaped as JSON
# allows, so no text in a story can break out of the JSON-LD block.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


@register.simple_tag
def json_ld(data):
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


@register.filter
def xml_safe(value):
    """Text without the characters XML 1.0 forbids, for the sitemaps' XML templates."""
    return text.xml_safe(value)


@register.simple_tag
def story_body(story):
    """The body as readers see it: its elements rendered, opened by the dateline."""
    return mark_safe(text.body_with_dateline(elements.render_body(story), story.dateline()))  # noqa: S308


@register.inclusion_tag("articles/live_coverage.html")
def live_coverage(story, before=""):
    """A live story's entries: pinned, key events, the newest page (or the page before a
    cursor), with what the page's script needs to ask for newer ones."""
    from django.conf import settings

    from articles import live

    return {
        "story": story,
        "coverage": live.coverage(story, before),
        "before": before,
        "poll": settings.LIVE_POLL_SECONDS,
    }


@register.filter
def live_headline(entry):
    from articles import live

    return live.headline_of(entry)
