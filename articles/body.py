"""A story body's one representation, and the rules every channel maps it by.

The body is sanitised HTML: paragraphs, subheadings, lists, quotes and links, and between
them *elements* that refer to records by id instead of carrying markup of their own:

    <figure data-picture="12" data-placement="inset"></figure>   a picture from the library
    <figure data-gallery="12,7,30"></figure>                       pictures, in this order
    <aside data-story="40"></aside>                                "Read also": another story
    <figure data-video="5"></figure>                               a video file we serve
    <figure data-embed="9"></figure>                               a post, video or map from
                                                                   another site (embeds/)

and two kinds of plain markup with a class of their own: `<blockquote class="pull-quote">`
and `<aside class="fact-box">` (a heading, paragraphs, lists).

Why HTML with references rather than blocks (Wagtail's StreamField, Arc's ANS): every
channel we have already reads HTML (the article, feeds, ninjs `body_html`, search, the
wire's own bodies come as HTML), the editor writes it, revisions and diffs compare it as
text, and a reference keeps the picture's words (alt text, caption, credit) in one place,
the library, so a corrected caption is corrected in every story that shows it. What an
element looks like is decided when it is rendered, per channel (`render` here for the
article; JSON-LD, feeds and ninjs read `references`).

This module is pure: it knows the syntax, not the database. `sanitize` keeps exactly the
allowlist and writes each element in one canonical form; `references` lists the ids the
body names; `without` drops the elements whose records do not exist (the services do it
on every save, so only what the renderer resolves is stored); `render` turns elements
into markup with the records it is given.
"""

import re
from dataclasses import dataclass, field

import nh3

# Everything but the elements: what the editor offers and the wire may send.
TAGS = {
    "p", "br", "h2", "h3", "h4", "blockquote", "ul", "ol", "li",
    "a", "strong", "b", "em", "i", "sub", "sup", "figure", "figcaption", "cite", "q", "aside",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "figure": {"data-picture", "data-placement", "data-gallery", "data-video", "data-embed"},
    "aside": {"data-story"},
}
# Classes that mean something to the renderer, and no other.
CLASSES = {"blockquote": {"pull-quote"}, "aside": {"fact-box"}}
URL_SCHEMES = {"http", "https", "mailto"}

PLACEMENTS = ("full", "inset")
# A gallery of more pictures than this is a slideshow nobody scrolls through; a hostile
# body must not make one element cost thousands of lookups either.
GALLERY_MAX = 60
_ID = re.compile(r"[1-9][0-9]{0,11}")


def _attribute(tag, name, value):
    """nh3's per-attribute filter: element attributes keep only well-formed values."""
    if tag not in ("figure", "aside") or not name.startswith("data-"):
        return value
    if name in ("data-picture", "data-story", "data-video", "data-embed"):
        return value if _ID.fullmatch(value) else None
    if name == "data-placement":
        return value if value in PLACEMENTS else None
    if name == "data-gallery":
        ids = [part for part in value.split(",") if _ID.fullmatch(part)]
        return ",".join(dict.fromkeys(ids[:GALLERY_MAX])) or None
    return None


_PLAIN_ATTRIBUTES = {
    tag: {name for name in names if not name.startswith("data-")}
    for tag, names in ATTRIBUTES.items()
}


def _clean(html, elements=True):
    return nh3.clean(
        html or "",
        tags=TAGS,
        attributes=ATTRIBUTES if elements else _PLAIN_ATTRIBUTES,
        attribute_filter=_attribute,
        allowed_classes=CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


# A figure carrying element attributes, as nh3 writes it back (double-quoted values, in
# their source order); its content, if any, is not part of the element and is dropped.
_FIGURE = re.compile(r'<(figure|aside)((?: [a-z-]+="[^"]*")+)>(.*?)</\1>', re.DOTALL)
_ATTR = re.compile(r' ([a-z-]+)="([^"]*)"')


@dataclass(frozen=True)
class Element:
    kind: str  # "picture", "gallery", "story", "video" or "embed"
    ids: tuple[int, ...]
    placement: str = "full"

    def html(self) -> str:
        """The canonical stored form."""
        if self.kind == "picture":
            placement = f' data-placement="{self.placement}"' if self.placement != "full" else ""
            return f'<figure data-picture="{self.ids[0]}"{placement}></figure>'
        if self.kind == "story":
            return f'<aside data-story="{self.ids[0]}"></aside>'
        if self.kind in ("video", "embed"):
            return f'<figure data-{self.kind}="{self.ids[0]}"></figure>'
        return f'<figure data-gallery="{",".join(map(str, self.ids))}"></figure>'


def _element(attrs: str) -> Element | None:
    values = dict(_ATTR.findall(attrs))
    if "data-picture" in values:
        return Element(
            "picture", (int(values["data-picture"]),), values.get("data-placement", "full")
        )
    if "data-gallery" in values:
        return Element("gallery", tuple(int(i) for i in values["data-gallery"].split(",")))
    if "data-story" in values:
        return Element("story", (int(values["data-story"]),))
    for kind in ("video", "embed"):
        if f"data-{kind}" in values:
            return Element(kind, (int(values[f"data-{kind}"]),))
    return None


def _replace_elements(html: str, replace) -> str:
    def one(match):
        element = _element(match.group(2))
        return match.group(0) if element is None else replace(element)

    return _FIGURE.sub(one, html)


def sanitize(html: str, *, elements: bool = True) -> str:
    """Body HTML reduced to the allowlist, safe to render unescaped, its elements in
    canonical form. Links get rel="noopener noreferrer" and only http(s)/mailto targets
    survive, so a pasted `javascript:` URL or `onclick` handler never reaches a reader.

    `elements=False` keeps none: a body from outside (the wire) must not name records of
    ours by id (a picture nobody published, say)."""
    # A class nh3 took every value of is left empty: drop the attribute too.
    cleaned = _clean(html, elements).replace(' class=""', "")
    if not elements or "data-" not in cleaned:
        return cleaned
    # A placement without a picture, or an element with content, is written again; a
    # second pass closes whatever the first left unbalanced (a figure inside a figure).
    return _clean(_replace_elements(cleaned, Element.html))


@dataclass
class References:
    pictures: list[int] = field(default_factory=list)  # in body order, each once
    stories: list[int] = field(default_factory=list)
    videos: list[int] = field(default_factory=list)
    embeds: list[int] = field(default_factory=list)

    def __bool__(self):
        return bool(self.pictures or self.stories or self.videos or self.embeds)


def elements(html: str) -> list[Element]:
    found = []
    _replace_elements(html or "", lambda element: found.append(element) or "")
    return found


_KINDS = {"picture": "pictures", "gallery": "pictures", "story": "stories"}


def _named(kind: str) -> str:
    return _KINDS.get(kind) or f"{kind}s"


def references(html: str) -> References:
    found = {"pictures": {}, "stories": {}, "videos": {}, "embeds": {}}
    for element in elements(html):
        found[_named(element.kind)].update(dict.fromkeys(element.ids))
    return References(**{name: list(ids) for name, ids in found.items()})


def without(html: str, **gone_ids: set[int]):
    """The body without references to these records (`pictures=`, `stories=`, `videos=`,
    `embeds=`: sets of ids): an element left with none goes."""

    def keep(element):
        gone = gone_ids.get(_named(element.kind), ())
        ids = tuple(i for i in element.ids if i not in gone)
        if not ids:
            return ""
        return Element(element.kind, ids, element.placement).html()

    return _replace_elements(html, keep).strip()


def render(html: str, render_element) -> str:
    """The body with each element replaced by `render_element(element, index)` (index:
    its place among the elements, from 0), or by nothing where that gives None."""
    counter = iter(range(1_000_000))
    return _replace_elements(html, lambda e: render_element(e, next(counter)) or "")
