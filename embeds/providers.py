"""The sites a story may embed from, and how a pasted link becomes a frame we build.

A provider turns a link it recognises into the address of its embeddable player or post
(`frame`), from parts of the link we checked with a pattern, never from markup someone
else wrote: an oEmbed answer's `html` is never shown. The frame's origin is what the
page's Content-Security-Policy names in frame-src, and only on a page showing it.

Providers without a frame of their own (Bluesky given a handle, not a DID) render as a
link card; so does every embed whose data could not be fetched. Sites beyond this table
come from NEWSROOM_OEMBED_PROVIDERS (settings): an oEmbed endpoint, the link patterns it
answers for, and the frame origins its answers may name.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from django.conf import settings


@dataclass(frozen=True)
class Found:
    provider: "Provider"
    frame: str  # the frame's address, or "" for a link card
    oembed: str  # the oEmbed endpoint to ask, or ""


@dataclass(frozen=True)
class Provider:
    key: str
    name: str
    kind: str  # "video", "post", "map", "document" or "audio"
    patterns: tuple[re.Pattern, ...]
    frame: str = ""  # str.format over the pattern's named groups
    oembed: str = ""  # endpoint; "{host}" for federated sites
    frame_origins: tuple[str, ...] = ()  # for generic providers: what their answers may name
    ratio: str = "16 / 9"

    def find(self, url: str) -> Found | None:
        for pattern in self.patterns:
            match = pattern.fullmatch(url)
            if match:
                parts = {k: v for k, v in match.groupdict().items() if v is not None}
                parts["url"] = quote(url, safe="")
                try:
                    frame = self.frame.format(**parts)
                except KeyError:  # a link of a shape that names no frame (a Bluesky handle)
                    frame = ""
                return Found(self, frame, self.oembed.format(**parts))
        return None


def _patterns(*patterns):
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


_TAIL = r"(?:[/?#&].*)?"  # what may follow the part we read: a path, a query, a fragment
_HTTPS = r"https?://"

PROVIDERS = (
    Provider(
        "youtube", "YouTube", "video",
        _patterns(
            _HTTPS + r"(?:www\.|m\.)?youtube\.com/watch\?(?:[^#]*&)?v=(?P<id>[\w-]{11})" + _TAIL,
            _HTTPS + r"(?:www\.|m\.)?youtube\.com/(?:shorts|embed|live)/(?P<id>[\w-]{11})" + _TAIL,
            _HTTPS + r"youtu\.be/(?P<id>[\w-]{11})" + _TAIL,
        ),
        # The privacy-enhanced player: no cookies until the reader plays the video.
        frame="https://www.youtube-nocookie.com/embed/{id}",
        oembed="https://www.youtube.com/oembed",
    ),
    Provider(
        "vimeo", "Vimeo", "video",
        _patterns(_HTTPS + r"(?:www\.)?vimeo\.com/(?:video/)?(?P<id>\d{1,12})" + _TAIL),
        frame="https://player.vimeo.com/video/{id}?dnt=1",
        oembed="https://vimeo.com/api/oembed.json",
    ),
    Provider(
        "rutube", "Rutube", "video",
        _patterns(_HTTPS + r"(?:www\.)?rutube\.ru/video/(?P<id>[0-9a-f]{32})" + _TAIL),
        frame="https://rutube.ru/play/embed/{id}",
        oembed="https://rutube.ru/api/oembed/",
    ),
    Provider(
        "vk", "VK Video", "video",
        _patterns(
            _HTTPS + r"(?:www\.|m\.)?(?:vk\.com|vkvideo\.ru)/"
            r"video(?P<oid>-?\d{1,12})_(?P<id>\d{1,12})" + _TAIL
        ),
        frame="https://vkvideo.ru/video_ext.php?oid={oid}&id={id}",
    ),
    Provider(
        "x", "X", "post",
        _patterns(
            _HTTPS + r"(?:www\.|mobile\.)?(?:twitter|x)\.com/"
            r"(?P<user>\w{1,15})/status/(?P<id>\d{1,20})" + _TAIL
        ),
        frame="https://platform.twitter.com/embed/Tweet.html?id={id}&dnt=true",
        oembed="https://publish.twitter.com/oembed",
        ratio="auto",
    ),
    Provider(
        "telegram", "Telegram", "post",
        _patterns(_HTTPS + r"t\.me/(?:s/)?(?P<channel>[A-Za-z]\w{3,31})/(?P<id>\d{1,12})" + _TAIL),
        frame="https://t.me/{channel}/{id}?embed=1",
        ratio="auto",
    ),
    Provider(
        "instagram", "Instagram", "post",
        _patterns(
            _HTTPS + r"(?:www\.)?instagram\.com/(?P<type>p|reel|tv)/(?P<id>[\w-]{5,40})" + _TAIL
        ),
        frame="https://www.instagram.com/{type}/{id}/embed",
        ratio="auto",
    ),
    Provider(
        "facebook", "Facebook", "post",
        _patterns(
            _HTTPS + r"(?:www\.|m\.)?facebook\.com/[\w.-]{1,80}/(?:posts|videos)/[\w.-]{1,80}/?"
            + _TAIL,
            _HTTPS + r"(?:www\.|m\.)?facebook\.com/(?:watch/?\?v=|permalink\.php\?)[^#]{1,200}",
        ),
        frame="https://www.facebook.com/plugins/post.php?href={url}&show_text=true",
        ratio="auto",
    ),
    Provider(
        "tiktok", "TikTok", "video",
        _patterns(_HTTPS + r"(?:www\.)?tiktok\.com/@[\w.-]{1,40}/video/(?P<id>\d{1,20})" + _TAIL),
        frame="https://www.tiktok.com/embed/v2/{id}",
        oembed="https://www.tiktok.com/oembed",
        ratio="9 / 16",
    ),
    Provider(
        "bluesky", "Bluesky", "post",
        _patterns(
            _HTTPS + r"bsky\.app/profile/(?P<did>did:[a-z]{1,10}:[\w.:-]{1,80})"
            r"/post/(?P<id>\w{1,20})" + _TAIL,
            _HTTPS + r"bsky\.app/profile/(?P<handle>[\w.-]{1,253})/post/(?P<id>\w{1,20})" + _TAIL,
        ),
        # With a DID in the link the frame is known; with a handle, the oEmbed answer
        # names the DID (oembed.ask), or the embed stays a link card.
        frame="https://embed.bsky.app/embed/{did}/app.bsky.feed.post/{id}",
        oembed="https://embed.bsky.app/oembed",
        ratio="auto",
    ),
    Provider(
        "mastodon", "Mastodon", "post",
        # Any server of the federation: the frame is that server's own embed page.
        _patterns(
            r"https://(?P<host>[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,5})/@(?P<user>\w{1,30})/(?P<id>\d{1,20})"
            + _TAIL
        ),
        frame="https://{host}/@{user}/{id}/embed",
        oembed="https://{host}/api/oembed",
        ratio="auto",
    ),
    Provider(
        "openstreetmap", "OpenStreetMap", "map",
        _patterns(
            _HTTPS + r"(?:www\.)?openstreetmap\.org/[^#]{0,200}#map=(?P<zoom>\d{1,2})"
            r"/(?P<lat>-?\d{1,2}(?:\.\d{1,8})?)/(?P<lon>-?\d{1,3}(?:\.\d{1,8})?)(?:&.*)?",
        ),
        # The frame is computed from the link's centre and zoom (_osm_frame).
        ratio="4 / 3",
    ),
    Provider(
        "documentcloud", "DocumentCloud", "document",
        _patterns(
            _HTTPS + r"(?:www\.|embed\.)?documentcloud\.org/documents/"
            r"(?P<id>\d{1,12})-(?P<slug>[\w-]{1,120})" + _TAIL
        ),
        frame="https://embed.documentcloud.org/documents/{id}-{slug}/?embed=1",
        oembed="https://api.www.documentcloud.org/api/oembed/",
        ratio="3 / 4",
    ),
)  # fmt: skip

BY_KEY = {provider.key: provider for provider in PROVIDERS}


def _osm_frame(found: Found, url: str) -> Found:
    """OpenStreetMap's embeddable map around the link's centre, at about its zoom."""
    match = next(p.fullmatch(url) for p in found.provider.patterns if p.fullmatch(url))
    zoom = min(int(match["zoom"]), 19)
    lat, lon = float(match["lat"]), float(match["lon"])
    if not (-85 <= lat <= 85 and -180 <= lon <= 180):
        return Found(found.provider, "", "")
    half = 180 / 2**zoom  # about a 512-pixel-wide map's span at that zoom
    box = f"{lon - half:.5f},{lat - half / 2:.5f},{lon + half:.5f},{lat + half / 2:.5f}"
    frame = (
        "https://www.openstreetmap.org/export/embed.html?"
        f"bbox={quote(box, safe='')}&layer=mapnik&marker={lat:.5f}%2C{lon:.5f}"
    )
    return Found(found.provider, frame, "")


def generic_providers() -> tuple[Provider, ...]:
    """NEWSROOM_OEMBED_PROVIDERS: [{"name", "endpoint", "schemes": ["https://site/*"],
    "frame_origins": ["https://player.site"], "kind"}] in oembed.com's providers.json
    spirit; their frames come from their oEmbed answers (oembed.generic_frame)."""
    found = []
    for entry in settings.OEMBED_PROVIDERS:
        name = entry["name"]
        found.append(
            Provider(
                key="oembed:" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"),
                name=name,
                kind=entry.get("kind", "post"),
                patterns=tuple(
                    re.compile(_glob(scheme), re.IGNORECASE) for scheme in entry["schemes"]
                ),
                oembed=entry["endpoint"],
                frame_origins=tuple(entry.get("frame_origins", ())),
            )
        )
    return tuple(found)


def _glob(scheme: str) -> str:
    # providers.json's "*" matches within the link; the rest is literal.
    return ".*".join(re.escape(part) for part in scheme.split("*"))


def find(url: str) -> Found | None:
    """The provider that shows this link, with its frame and oEmbed endpoint; None when
    no provider we know does."""
    for provider in (*PROVIDERS, *generic_providers()):
        found = provider.find(url)
        if found is None:
            continue
        if provider.key == "openstreetmap":
            return _osm_frame(found, url)
        return found
    return None


def origin(address: str) -> str:
    parts = urlsplit(address)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme == "https" and parts.netloc else ""
