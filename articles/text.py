"""Slugs, datelines and plain text as paragraphs: the rules for the words on a page
(the body's markup and elements are articles/body.py)."""

import re

import iuliia
from django.utils.html import escape
from django.utils.text import slugify

SLUG_MAX_LENGTH = 120

# The characters XML 1.0 cannot carry (C0 controls but tab, newline and carriage return;
# the non-characters U+FFFE/U+FFFF; lone surrogates): pasted from Word or sent by the
# wire, one of them would make every feed and sitemap that lists the story invalid.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(value):
    """Text with the characters XML 1.0 forbids taken out; anything else as it is."""
    return _XML_FORBIDDEN.sub("", value) if isinstance(value, str) else value


def plain_text_to_html(text: str) -> str:
    """Turn plain text with blank-line separated paragraphs into body HTML."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)


_BLOCK = re.compile(r"<(p|h[2-4]|ul|ol|blockquote|figure)\b", re.IGNORECASE)


def paragraphed(html: str) -> str:
    """Body HTML that is only inline text and markup, as one paragraph (feeds often send
    a bare sentence), so it is laid out and styled like any other body."""
    html = (html or "").strip()
    return html if not html or _BLOCK.search(html) else f"<p>{html}</p>"


def slug_for(headline: str) -> str:
    """A readable URL slug for a headline; never empty.

    Cyrillic is transliterated by GOST 7.79 (system B, the Russian standard that ISO 9
    follows), so `Путин` reads `putin`, not an empty or percent-encoded slug.
    """
    latin = iuliia.GOST_779_ALT.translate(headline or "")
    slug = slugify(latin)[:SLUG_MAX_LENGTH].strip("-")
    return slug or "story"


def numbered_slug(slug: str, number: int, limit: int = SLUG_MAX_LENGTH) -> str:
    """`slug-2`, `slug-3`…: the next free variant of a taken slug, within the length."""
    suffix = f"-{number}"
    return slug[: limit - len(suffix)].rstrip("-") + suffix


def dateline(place: str, local_date, agency: str) -> str:
    """The dateline that opens a story: ``ATHENS, December 9. /TASS/.``

    The place is optional (a story with no dateline place starts with the date).
    """
    date_text = f"{local_date:%B} {local_date.day}"
    lead = f"{place.strip().upper()}, {date_text}" if place and place.strip() else date_text
    return f"{lead}. /{agency}/."


_FIRST_PARAGRAPH = re.compile(r"^\s*<p>", re.IGNORECASE)


def body_with_dateline(body_html: str, dateline_text: str) -> str:
    """Put the dateline at the start of the body's first paragraph, as wire copy reads.

    The body is already sanitized; the dateline is escaped here. A body that does not
    open with a paragraph gets the dateline in a paragraph of its own.
    """
    marker = f'<span class="dateline">{escape(dateline_text)}</span> '
    if _FIRST_PARAGRAPH.match(body_html):
        return _FIRST_PARAGRAPH.sub("<p>" + marker, body_html, count=1)
    return f"<p>{marker.strip()}</p>\n{body_html}"
