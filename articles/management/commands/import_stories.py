"""Import wire copy: ninjs (1.x–3.x) files, folders and JSON Lines, RSS/Atom feeds, URLs."""

from django.core.management.base import BaseCommand, CommandError

from articles.ingest import Options, Outcome, entries, import_entries
from articles.management.progress import above_the_bar, progress_bar


class Command(BaseCommand):
    help = (
        "Import stories from the wire. Each SOURCE is a file, a folder (every .json, "
        ".jsonl, .ndjson, .xml, .rss and .atom file in it) or an http(s) URL. ninjs items "
        "of versions 1.x, 2.x and 3.x are read, one per .json file (or a JSON array of "
        "them) or one per line of JSON Lines; RSS and Atom feeds give one story per entry. "
        "An item is known by its GUID (its ninjs uri, or the feed entry's id): importing "
        "it again updates the story if the item changed and leaves it alone if not. Items "
        "canceled or withheld at the source withdraw the story. Pictures given by a local "
        "path (relative to the item's file) are validated like an upload in the desk; "
        "remote pictures are downloaded with --fetch-pictures. Sources, sections, themes, "
        "authors and tags are matched by name and created when new. Each item is imported "
        "on its own: a bad one is reported with its reason and the others go in. The exit "
        "code is 1 when any item failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="SOURCE", help="file, folder or URL")
        parser.add_argument(
            "--status",
            choices=["draft", "published"],
            default="draft",
            help="New stories land as drafts for the desk to review (the default), or are "
            "published at the item's own time. Updates keep a story's status.",
        )
        parser.add_argument(
            "--section",
            default="Wire",
            help="Section (name or slug) for items that name none; created when new. "
            "Default: Wire.",
        )
        parser.add_argument(
            "--fetch-pictures",
            action="store_true",
            help="Download pictures given by http(s) URL (30 s timeout, at most "
            "NEWSROOM_IMAGE_MAX_BYTES) and check them like uploads. Without it, only "
            "pictures given by a local path are attached.",
        )
        parser.add_argument(
            "--source",
            default="",
            help="A source to credit on every item, e.g. the agency of the feed. RSS and "
            "Atom items are credited to the feed's title when this is not given.",
        )

    def handle(self, *args, sources, status, section, source, fetch_pictures, **options):
        found = [entry for name in sources for entry in entries(name, feed_source=source)]
        counts = dict.fromkeys(Outcome, 0)
        failed = 0
        verbose = options["verbosity"] >= 2
        bar = progress_bar(len(found), "item")
        for entry, result in import_entries(
            found,
            options=Options(
                publish=status == "published",
                section=section,
                source=source,
                fetch_pictures=fetch_pictures,
            ),
        ):
            bar.update()
            with above_the_bar():
                if isinstance(result, Exception):
                    failed += 1
                    self.stderr.write(f"Failed: {entry.label}: {result}")
                    continue
                counts[result.outcome] += 1
                for note in result.notes:
                    self.stderr.write(f"Note: {entry.label}: {note}")
                if verbose and result.story is not None:
                    self.stdout.write(
                        f"{result.outcome.capitalize()}: {result.story.headline} "
                        f"(#{result.story.pk}) from {entry.label}"
                    )
        bar.close()

        items = f"{len(found)} item" + ("" if len(found) == 1 else "s")
        summary = (
            f"{items}: {counts[Outcome.CREATED]} created, {counts[Outcome.UPDATED]} updated, "
            f"{counts[Outcome.UNCHANGED]} unchanged, {failed} failed"
        )
        if counts[Outcome.SKIPPED]:
            summary += f", {counts[Outcome.SKIPPED]} skipped (canceled or withheld at the source)"
        self.stdout.write(summary + ".")
        if failed:
            raise CommandError(f"{failed} of {len(found)} failed; see the messages above.")
