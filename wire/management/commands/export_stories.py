"""Export published stories as ninjs 3.1, one JSON object a line (JSON Lines)."""

import shutil
from datetime import datetime, time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from articles import elements
from articles.management.progress import progress_bar
from articles.models import Section, Story
from wire.ninjs import story_to_ninjs

CHUNK = 500  # stories read per query; their tags, sources and authors come with them


class Command(BaseCommand):
    help = (
        "Write published stories (only what readers may see) as IPTC ninjs 3.1 JSON Lines, "
        "oldest first: to a file with --output, or to stdout. --since/--until choose a "
        "date range (YYYY-MM-DD in the newsroom's time zone, both days included, or ISO "
        "8601 times), --section one or more sections by slug. With --media-dir, each "
        "story's picture is copied there and the item points to the copy, so that "
        "`import_stories` on another newsroom brings the pictures too."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="File to write (default: stdout).")
        parser.add_argument("--since", help="First day or time, e.g. 2026-11-01.")
        parser.add_argument("--until", help="Last day (included) or time, e.g. 2026-11-30.")
        parser.add_argument(
            "--section", action="append", default=[], help="A section's slug; repeatable."
        )
        parser.add_argument(
            "--media-dir",
            help="Copy pictures into this folder (relative links when it lies next to --output).",
        )
        parser.add_argument(
            "--base-url",
            default=settings.NEWSROOM_BASE_URL,
            help="The site's address for the items' links (default: NEWSROOM_BASE_URL, "
            f"now {settings.NEWSROOM_BASE_URL}).",
        )

    def handle(self, *args, output, since, until, section, media_dir, base_url, **options):
        stories = Story.objects.published()
        if since:
            stories = stories.filter(published_at__gte=_moment(since, "--since", end=False))
        if until:
            stories = stories.filter(published_at__lte=_moment(until, "--until", end=True))
        if section:
            known = dict(Section.objects.filter(slug__in=section).values_list("slug", "pk"))
            unknown = sorted(set(section) - set(known))
            if unknown:
                slugs = ", ".join(Section.objects.values_list("slug", flat=True))
                raise CommandError(f"No section {', '.join(unknown)}; the sections are: {slugs}.")
            stories = stories.filter(section_id__in=known.values())
        stories = (
            stories.select_related("section", "theme", "lead_image")
            .prefetch_related("tags", "sources", "authors")
            .order_by("published_at", "id")
        )
        base_url = base_url.rstrip("/")

        def absolute(path):
            return path if "://" in path else f"{base_url}{path}"

        target = Path(output) if output else None
        media = Path(media_dir) if media_dir else None
        try:
            if target:
                target.parent.mkdir(parents=True, exist_ok=True)
            stream = target.open("w", encoding="utf-8") if target else self.stdout
        except OSError as error:
            raise CommandError(f"Cannot write {target}: {error.strerror}.") from None
        count = 0
        encoder = DjangoJSONEncoder(ensure_ascii=False)
        try:
            bar = progress_bar(stories.count(), "story")
            for story in stories.iterator(chunk_size=CHUNK):
                item = story_to_ninjs(story, absolute, wire_ids=True)
                if media is not None:
                    _point_to_copies(item, _pictures_by_name(story), media, target)
                stream.write(encoder.encode(item) + "\n")
                count += 1
                bar.update()
            bar.close()
        finally:
            if target:
                stream.close()
        where = f" to {target}" if target else ""
        self.stderr.write(f"Exported {count} {'story' if count == 1 else 'stories'}{where}.")


def _moment(value, option, *, end):
    """A day (its start, or its end for --until) in the newsroom's zone, or a time."""
    try:
        # A bare date first: parse_datetime would read it as its midnight.
        day = parse_date(value)
        moment = None if day else parse_datetime(value)
    except ValueError:
        day = moment = None
    if day is not None:
        moment = datetime.combine(day, time.max if end else time.min)
    if moment is None:
        raise CommandError(f"{option} {value!r} is not a date (YYYY-MM-DD) or an ISO 8601 time.")
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _pictures_by_name(story) -> dict:
    """The story's pictures and video files by the names their associations have in its
    ninjs item."""
    named = {f"picture-{pk}": image for pk, image in elements.pictures(story.body).items()}
    named |= {f"video-{pk}": video for pk, video in elements.videos(story.body).items()}
    if story.lead_image:
        named["leadimage"] = story.lead_image
    return named


def _point_to_copies(item, images: dict, media: Path, target: Path | None):
    """Copy each picture's original into the media folder; its association's original
    rendition then links the copy: relative to the output file when it can, else as a
    file: URI."""
    for association in item.get("associations", []):
        image = images.get(association.get("name"))
        if image is None:
            continue
        href = _copy(image, media, target)
        for rendition in association.get("renditions", []):
            if rendition["name"] == "original":
                rendition["href"] = href


def _copy(image, media: Path, target: Path | None) -> str:
    copy = media / image.file.name
    copy.parent.mkdir(parents=True, exist_ok=True)
    with image.file.open("rb") as original, copy.open("wb") as out:
        shutil.copyfileobj(original, out)
    try:
        href = copy.resolve().relative_to(target.resolve().parent).as_posix() if target else None
    except ValueError:
        href = None
    return href or copy.resolve().as_uri()
