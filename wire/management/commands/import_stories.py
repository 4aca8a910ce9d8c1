"""Import wire copy: ninjs (1.x–3.x) files, folders and JSON Lines, RSS/Atom feeds, URLs."""

from django.core.management.base import BaseCommand, CommandError

from articles.management.progress import above_the_bar, progress_bar
from wire.importer import Options, Outcome, import_entries
from wire.sources import entries


class Command(BaseCommand):
    help = (
        "Import stories from the wire. Each SOURCE is a file, a folder (every .json, "
        ".jsonl, .ndjson, .xml, .rss and .atom file in it) or an http(s) URL. ninjs items "
        "of versions 1.x, 2.x and 3.x are read, one per .json file (or a JSON array of "
        "them) or one per line of JSON Lines; RSS and Atom feeds give one story per entry. "
        "An item is known by its channel (--source, else the URL; the operator's own files "
        "share one) and its GUID (its ninjs uri, or the feed entry's id): importing it "
        "again updates that channel's story if the item changed and leaves it alone if "
        "not; an update to a story the desk has edited or published waits for an editor "
        "to accept it. Items canceled or withheld at the source withdraw the channel's "
        "story. Pictures given by a path inside the folder imported are validated like an "
        "upload in the desk; pictures by URL are downloaded with --fetch-pictures (public "
        "addresses only, NEWSROOM_WIRE_ALLOWED_HOSTS). Sources, sections, themes, "
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
            help="Download pictures given by http(s) URL (NEWSROOM_WIRE_FETCH_SECONDS, at "
            "most NEWSROOM_IMAGE_MAX_BYTES, public addresses only) and check them like "
            "uploads. Without it, only pictures inside the folder imported are attached.",
        )
        parser.add_argument(
            "--picture-host",
            action="append",
            default=[],
            metavar="HOST",
            help="With --fetch-pictures: download pictures from this host only "
            "(repeatable; '.example.com' allows its subdomains too).",
        )
        parser.add_argument(
            "--source",
            default="",
            help="A source to credit on every item, e.g. the agency of the feed; also the "
            "channel that owns the stories imported (two feeds of one agency given the same "
            "name share them). RSS and Atom items are credited to the feed's title when "
            "this is not given.",
        )

    def handle(
        self, *args, sources, status, section, source, fetch_pictures, picture_host, **options
    ):
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
                picture_hosts=tuple(picture_host),
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
        if counts[Outcome.HELD]:
            summary += f", {counts[Outcome.HELD]} held for the desk (edited or published there)"
        if counts[Outcome.SKIPPED]:
            summary += f", {counts[Outcome.SKIPPED]} skipped (canceled or withheld at the source)"
        self.stdout.write(summary + ".")
        if failed:
            raise CommandError(f"{failed} of {len(found)} failed; see the messages above.")
