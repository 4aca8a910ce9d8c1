"""The progress bar of long commands: tqdm on stderr, shown only on a terminal, so that
stdout stays the command's report and logs and pipes get no bar."""

import sys

from tqdm import tqdm


def progress_bar(total: int, unit: str) -> tqdm:
    return tqdm(total=total, unit=unit, file=sys.stderr, disable=None, leave=False)


def above_the_bar():
    """A context in which messages print above the bar instead of through it."""
    return tqdm.external_write_mode(file=sys.stderr)


def each_picture(command, pictures, work) -> tuple[int, int, int]:
    """work(image) for every picture, with the bar: (done, skipped, failed). work answers
    whether it did something; a picture whose file cannot be read is reported and the
    others go on."""
    done = skipped = failed = 0
    bar = progress_bar(pictures.count(), "picture")
    for image in pictures.iterator():
        try:
            if work(image) is False:
                skipped += 1
            else:
                done += 1
        except OSError as error:
            failed += 1
            with above_the_bar():
                command.stderr.write(f"Image {image.pk} ({image.file.name}): {error}")
        bar.update()
    bar.close()
    return done, skipped, failed
