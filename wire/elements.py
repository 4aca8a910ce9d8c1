"""Pictures inside a wire body: how our ninjs writes them, and how an item's body that
places its associations in the text becomes a body with elements of ours.

Out (ninjs export and the API): each element is markup any client can show, naming the
association that carries the picture's renditions and words:

    <figure class="picture inset" data-association="picture-12"><img …><figcaption>…
    <figure class="gallery" data-associations="picture-3 picture-5"><figure …>…</figure>

In: those, and Superdesk's `<!-- EMBED START Image {id: "editor_0"} -->…<!-- EMBED END…`,
are found in the raw body before it is sanitised and stand in for the pictures the
importer stored for the named associations. Everything else about the body is sanitised
as any wire body (`articles.body.sanitize(elements=False)`): the wire never names a
record of ours by id; only the importer, for the pictures it stored itself, does.
"""

import re
import secrets
from html import escape
from html.parser import HTMLParser

from articles import body

# Enough for any gallery an agency sends; a hostile item must not cost a download each.
MAX_PICTURES = 60

_EMBED = re.compile(
    r"<!--\s*EMBED START \w+ \{\s*id:\s*\"([^\"]{1,100})\"\s*\}\s*-->(.*?)"
    r"<!--\s*EMBED END \w+ \{\s*id:\s*\"\1\"\s*\}\s*-->",
    re.DOTALL,
)


class _Blocks(HTMLParser):
    """The spans of the raw body's top elements that name associations, with the names."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.html, self.found, self._open = html, [], None
        # Where each line starts, as HTMLParser counts lines (by "\n" alone).
        self._lines = [0]
        for line in html.split("\n"):
            self._lines.append(self._lines[-1] + len(line) + 1)
        self.feed(html)
        self.close()

    def _offset(self):
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self._open is not None:
            if tag == self._open[0]:
                self._open[2] += 1
            return
        values = dict(attrs)
        names = (values.get("data-associations") or values.get("data-association") or "").split()
        if names:
            gallery = "data-associations" in values
            inset = "inset" in (values.get("class") or "").split()
            self._open = [tag, self._offset(), 1, names, gallery, inset]

    def handle_startendtag(self, tag, attrs):
        if self._open is None:
            self.handle_starttag(tag, attrs)
            if self._open is not None:  # <figure … /> : the element ends here
                self._open[2] = 1
                self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self._open is None or tag != self._open[0]:
            return
        self._open[2] -= 1
        if self._open[2] == 0:
            tag, start, _depth, names, gallery, inset = self._open
            end = self.html.find(">", self._offset()) + 1
            self.found.append((start, end, names[:MAX_PICTURES], gallery, inset))
            self._open = None


def placed_names(html: str) -> list[str]:
    """The association names the body places in its text, in order, each once."""
    names = {}
    for _start, _end, found, _gallery, _inset in _Blocks(html or "").found:
        names.update(dict.fromkeys(found))
    for match in _EMBED.finditer(html or ""):
        names[match.group(1)] = None
    return list(names)[:MAX_PICTURES]


def body_from_wire(html: str, images: dict) -> str:
    """The item's body, sanitised, with its placed associations as elements of ours for
    the records the importer stored (`images`: association name -> Image, Video, or
    Embed for another site's post); a placed association with nothing stored is left out, with its
    markup."""
    html = html or ""
    nonce = secrets.token_hex(8)  # the wire cannot write a stand-in of its own
    standins = {}

    def standin(names, gallery, inset=False):
        token = f"nr{nonce}x{len(standins)}"
        record = images.get(names[0])
        if record is not None and record._meta.model_name in ("embed", "video"):
            standins[token] = body.Element(record._meta.model_name, (record.pk,))
            return f"<p>{token}</p>"
        names = [n for n in names if n in images and images[n]._meta.model_name == "image"]
        ids = tuple(dict.fromkeys(images[n].pk for n in names))
        if ids:
            kind = "gallery" if gallery else "picture"
            placement = "inset" if inset and not gallery else "full"
            standins[token] = body.Element(kind, ids if gallery else ids[:1], placement)
        else:
            standins[token] = None
        return f"<p>{token}</p>"

    html = _EMBED.sub(lambda m: standin([m.group(1)], False), html)
    pieces, last = [], 0
    for start, end, names, gallery, inset in _Blocks(html).found:
        pieces += [html[last:start], standin(names, gallery, inset)]
        last = end
    pieces.append(html[last:])
    cleaned = body.sanitize("".join(pieces), elements=False)
    for token, element in standins.items():
        cleaned = cleaned.replace(f"<p>{token}</p>", element.html() if element else "")
    return body.sanitize(cleaned)


def body_for_wire(
    html: str, pictures: dict, absolute, links: dict | None = None, videos=None, embeds=None
) -> str:
    """Our body with each element as markup a client can show, naming its association
    (`pictures`: id -> Image, as articles.elements.pictures reads them; `videos`, `embeds`
    likewise); a "Read also" as a link to the story while it is published (`links`: id ->
    Story), else nothing. An embed is a link to the post: a client decides whether to
    frame it."""

    def figure(image, classes):
        rendition = image.share_rendition
        src = absolute(rendition["url"] if rendition else image.file.url)
        width, height = (
            (rendition["width"], rendition["height"]) if rendition else (image.width, image.height)
        )
        caption = f"<figcaption>{escape(image.caption)}</figcaption>" if image.caption else ""
        return (
            f'<figure class="{classes}" data-association="picture-{image.pk}">'
            f'<img src="{escape(src)}" alt="{escape(image.alt_text)}" width="{width}" '
            f'height="{height}">{caption}</figure>'
        )

    def element(item, _index):
        if item.kind == "video":
            video = (videos or {}).get(item.ids[0])
            if video is None:
                return None
            poster = f' poster="{escape(absolute(video.poster.url))}"' if video.poster else ""
            return (
                f'<figure class="video" data-association="video-{video.pk}">'
                f'<video controls preload="none" src="{escape(absolute(video.file.url))}"'
                f'{poster} width="{video.width}" height="{video.height}"></video>'
                f"<figcaption>{escape(video.title)}</figcaption></figure>"
            )
        if item.kind == "embed":
            embed = (embeds or {}).get(item.ids[0])
            if embed is None:
                return None
            words = escape(f"{embed.provider_name}: {embed.label or embed.url}")
            return (
                f'<figure class="embed" data-association="embed-{embed.pk}">'
                f'<a href="{escape(embed.url)}">{words}</a></figure>'
            )
        if item.kind == "story":
            linked = (links or {}).get(item.ids[0])
            if linked is None:
                return None
            href = escape(absolute(linked.get_absolute_url()))
            return (
                f'<aside class="read-also"><p>Read also: <a href="{href}">'
                f"{escape(linked.headline)}</a></p></aside>"
            )
        shown = [pictures[pk] for pk in item.ids if pk in pictures]
        if not shown:
            return None
        if item.kind == "picture":
            return figure(shown[0], f"picture {item.placement}")
        names = " ".join(f"picture-{image.pk}" for image in shown)
        inner = "".join(figure(image, "picture") for image in shown)
        return f'<figure class="gallery" data-associations="{names}">{inner}</figure>'

    return body.render(html, element)
