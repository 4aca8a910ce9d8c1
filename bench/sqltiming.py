"""The SQL a block of code runs, each statement with its time (bench/run.py, profile.py)."""

import time
from contextlib import contextmanager

from django.db import connection


@contextmanager
def timed_queries():
    """A list that fills with (seconds, sql, params) for each statement run inside."""
    captured = []

    def timed(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            captured.append((time.perf_counter() - start, sql, params))

    with connection.execute_wrapper(timed):
        yield captured
