"""oEmbed answers, read as data from outside: bounded, parsed defensively, and used only
for words and a thumbnail (and, for a generic provider, the frame address in its `html`,
if that frame is on an origin the provider was configured with). The `html` itself is
never shown."""

import io
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlencode

from django.conf import settings
from django.utils.html import strip_tags
from PIL import Image as PILImage

from newsroom import fetch

from . import providers

ANSWER_LIMIT = 256 * 1024
THUMBNAIL_LIMIT = 5 * 1024 * 1024
THUMBNAIL_PIXELS = 40_000_000
THUMBNAIL_WIDTH = 640
_BLUESKY_URI = re.compile(
    r'data-bluesky-uri="at://(did:[a-z]{1,10}:[\w.:-]{1,80})/app\.bsky\.feed\.post/(\w{1,20})"'
)


class Unavailable(Exception):
    """No usable answer; its text says why (kept on the embed, shown in the desk)."""


@dataclass
class Answer:
    title: str = ""
    author_name: str = ""
    text: str = ""
    thumbnail_url: str = ""
    frame: str = ""


def _text(value, limit) -> str:
    if not isinstance(value, str):
        return ""
    return " ".join(strip_tags(value).split())[:limit]


def ask(found: providers.Found, url: str) -> Answer:
    """The provider's oEmbed answer for the link. Raises Unavailable."""
    if not found.oembed:
        raise Unavailable(f"{found.provider.name} has no oEmbed endpoint")
    query = urlencode({"url": url, "format": "json", "maxwidth": 640, "omit_script": "true"})
    try:
        download = fetch.fetch(
            f"{found.oembed}?{query}",
            limit=ANSWER_LIMIT,
            seconds=settings.EMBED_FETCH_SECONDS,
            wire=False,
        )
        data = json.loads(download.body)
    except fetch.FetchFailed as error:
        raise Unavailable(str(error)[:300]) from None
    except (ValueError, UnicodeDecodeError):
        raise Unavailable("the answer was not JSON") from None
    if not isinstance(data, dict):
        raise Unavailable("the answer was not an oEmbed object")
    html = data.get("html") if isinstance(data.get("html"), str) else ""
    answer = Answer(
        title=_text(data.get("title"), 300),
        author_name=_text(data.get("author_name"), 200),
        # Posts (X, Mastodon, Bluesky) say what they say only inside their html.
        text=_text(html, 1000) if found.provider.kind == "post" else "",
        thumbnail_url=data.get("thumbnail_url")
        if isinstance(data.get("thumbnail_url"), str)
        else "",
    )
    if found.provider.key == "bluesky" and not found.frame:
        match = _BLUESKY_URI.search(html)
        if match:
            answer.frame = f"https://embed.bsky.app/embed/{match[1]}/app.bsky.feed.post/{match[2]}"
    elif found.provider.frame_origins:
        answer.frame = generic_frame(html, found.provider.frame_origins)
    return answer


class _FirstFrame(HTMLParser):
    def __init__(self):
        super().__init__()
        self.src = ""

    def handle_starttag(self, tag, attrs):
        if tag == "iframe" and not self.src:
            self.src = dict(attrs).get("src") or ""


def generic_frame(html: str, origins) -> str:
    """The first iframe's address in an oEmbed html, if it is https on one of `origins`."""
    parser = _FirstFrame()
    parser.feed(html[:ANSWER_LIMIT])
    src = parser.src.strip()
    return src if len(src) <= 2000 and providers.origin(src) in origins else ""


def thumbnail(address: str) -> tuple[bytes, int, int]:
    """A thumbnail the answer named, downloaded under the same rules and written again
    by us as a JPEG at most THUMBNAIL_WIDTH wide (whatever it was, it is pixels now), with
    its width and height. Raises Unavailable."""
    try:
        download = fetch.fetch(
            address, limit=THUMBNAIL_LIMIT, seconds=settings.EMBED_FETCH_SECONDS, wire=False
        )
        with PILImage.open(io.BytesIO(download.body)) as picture:
            if picture.width * picture.height > THUMBNAIL_PIXELS:
                raise Unavailable("the thumbnail is too large")
            picture.draft("RGB", (THUMBNAIL_WIDTH, THUMBNAIL_WIDTH))
            picture = picture.convert("RGB")
            picture.thumbnail((THUMBNAIL_WIDTH, THUMBNAIL_WIDTH * 2))
            out = io.BytesIO()
            picture.save(out, "JPEG", quality=80, optimize=True)
    except fetch.FetchFailed as error:
        raise Unavailable(f"thumbnail: {str(error)[:280]}") from None
    except (OSError, ValueError, PILImage.DecompressionBombError, SyntaxError):
        raise Unavailable("thumbnail: not a picture") from None
    return out.getvalue(), picture.width, picture.height
