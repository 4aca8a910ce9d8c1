"""A body's elements for readers and for the rules: the records they name, read in one
query, rendered with the templates in templates/elements/, and checked before a story
goes out. The syntax is articles/body.py's; this is where it meets the database."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from embeds import providers
from embeds.models import Embed

from . import body
from .models import Image, Story, Video

# Widths the article column gives an element's picture (site.css: .article__body).
SIZES = {
    "full": "(min-width: 60rem) 42rem, 100vw",
    "inset": "(min-width: 40rem) 20rem, 100vw",
    "gallery": "(min-width: 60rem) 42rem, 100vw",
}


def pictures(html: str) -> dict[int, Image]:
    """The pictures the body's elements name, by id, in one query."""
    ids = body.references(html).pictures
    return Image.objects.in_bulk(ids) if ids else {}


def published_links(html: str) -> dict[int, Story]:
    """The stories the body's "Read also" elements link to, that readers may see."""
    ids = body.references(html).stories
    if not ids:
        return {}
    return Story.objects.published().only("id", "headline", "slug", "standfirst").in_bulk(ids)


def videos(html: str) -> dict[int, Video]:
    ids = body.references(html).videos
    return Video.objects.in_bulk(ids) if ids else {}


def embeds(html: str) -> dict[int, Embed]:
    ids = body.references(html).embeds
    return Embed.objects.in_bulk(ids) if ids else {}


def in_order(found: dict, ids: list[int]) -> list:
    return [found[pk] for pk in ids if pk in found]


def frame_origins(html: str) -> list[str]:
    """The origins the body's embeds load their frames from: what the page's CSP must
    frame, and nothing else."""
    ids = body.references(html).embeds
    if not ids:
        return []
    frames = Embed.objects.filter(pk__in=ids).exclude(frame="").values_list("frame", flat=True)
    return sorted({origin for origin in map(providers.origin, frames) if origin})


def inline_pictures(html: str) -> list[Image]:
    """The pictures in the text, in the body's order, each once (one query)."""
    found = pictures(html)
    return [found[pk] for pk in body.references(html).pictures if pk in found]


@dataclass
class Records:
    """The records some bodies' elements name, each kind read in one query."""

    pictures: dict
    links: dict
    videos: dict
    embeds: dict

    @classmethod
    def of(cls, *htmls: str) -> "Records":
        named = body.References()
        for html in htmls:
            found = body.references(html)
            for name in ("pictures", "stories", "videos", "embeds"):
                getattr(named, name).extend(getattr(found, name))
        links = (
            Story.objects.published()
            .only("id", "headline", "slug", "standfirst")
            .in_bulk(set(named.stories))
            if named.stories
            else {}
        )
        return cls(
            pictures=Image.objects.in_bulk(set(named.pictures)) if named.pictures else {},
            links=links,
            videos=Video.objects.in_bulk(set(named.videos)) if named.videos else {},
            embeds=Embed.objects.in_bulk(set(named.embeds)) if named.embeds else {},
        )


def render_body(story) -> str:
    """The story's body with its elements as markup (render_html)."""
    eager = not story.lead_image_id and story.body.startswith("<figure")
    return render_html(story.body, Records.of(story.body), eager_first=eager)


def render_html(html: str, records: Records, *, eager_first=False, prefix="") -> str:
    """A body with its elements as markup: each picture with its renditions (srcset,
    sizes, width and height), lazy unless it opens a story with no lead picture; a
    gallery as a list of figures that needs no script; a video player; an embed's card.
    A record gone since the last save renders nothing. `prefix` keeps ids unique when
    several bodies share a page (a live story's entries)."""

    def element(item, index):
        if item.kind == "story":
            target = records.links.get(item.ids[0])
            # A withdrawn, trashed, scheduled or draft target shows readers nothing.
            return (
                render_to_string("elements/read_also.html", {"linked": target}) if target else None
            )
        if item.kind == "video":
            video = records.videos.get(item.ids[0])
            return render_to_string("elements/video.html", {"video": video}) if video else None
        if item.kind == "embed":
            embed = records.embeds.get(item.ids[0])
            context = {"embed": embed, "number": f"{prefix}{index + 1}"}
            return render_to_string("elements/embed.html", context) if embed else None
        shown = [records.pictures[pk] for pk in item.ids if pk in records.pictures]
        if not shown:
            return None
        if item.kind == "picture":
            return render_to_string(
                "elements/picture.html",
                {
                    "image": shown[0],
                    "placement": item.placement,
                    "sizes": SIZES[item.placement],
                    "loading": "eager" if eager_first and index == 0 else "lazy",
                },
            )
        return render_to_string(
            "elements/gallery.html",
            {"images": shown, "sizes": SIZES["gallery"], "number": f"{prefix}{index + 1}"},
        )

    return mark_safe(body.render(html, element))  # noqa: S308 - sanitised, then ours


def every_picture(story, inline) -> list[tuple[Image, dict]]:
    """The lead picture, then `inline` (those in the text), each once, with the rendition
    feeds and machines are given (a picture without one is left out)."""
    shown = [story.lead_image] if story.lead_image_id else []
    found, seen = [], set()
    for image in [*shown, *inline]:
        rendition = image.share_rendition
        if rendition is not None and image.pk not in seen:
            seen.add(image.pk)
            found.append((image, rendition))
    return found


def missing_alt_text(html: str) -> list[str]:
    """The pictures in the body that readers who cannot see them would miss, described
    so the editor finds each one ("the 2nd picture in the text, “Port of Riga”")."""
    found = pictures(html)
    problems = []
    for position, pk in enumerate(body.references(html).pictures, start=1):
        image = found.get(pk)
        if image is not None and not image.alt_text.strip():
            label = image.caption or image.file.name.rsplit("/", 1)[-1]
            problems.append(f"the {_ordinal(position)} picture in the text (“{label[:60]}”)")
    return problems


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
