"""The progress bar of long commands: tqdm on stderr, shown only on a terminal, so that
stdout stays the command's report and logs and pipes get no bar."""

import sys

from tqdm import tqdm


def progress_bar(total: int, unit: str) -> tqdm:
    return tqdm(total=total, unit=unit, file=sys.stderr, disable=None, leave=False)


def above_the_bar():
    """A context in which messages print above the bar instead of through it."""
    return tqdm.external_write_mode(file=sys.stderr)
