"""Profile one page as production renders it, before optimising anything.

Runs the request REPEAT times in this process through Django's test client, with
production settings (debug off, cached template loader, page cache off) against the
database in DATABASE_URL, and prints pyinstrument's call tree and the SQL it ran.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
        .venv/bin/python bench/profile.py /news/1/some-slug/ --repeat 200
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="The page, e.g. / or /news/?before=…")
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--html", help="Also write pyinstrument's HTML report here.")
    args = parser.parse_args()

    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="0",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or "profile-only-" + "k" * 40,
        NEWSROOM_PAGE_CACHE_SECONDS="0",
        DJANGO_LOG_LEVEL="WARNING",  # a log line per request would be profiled too
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", "--no-input", verbosity=0)  # production's hashed names
    from django.test import Client
    from pyinstrument import Profiler

    from bench.sqltiming import timed_queries

    client = Client(HTTP_HOST="127.0.0.1")
    response = client.get(args.path)  # warm: templates compiled, caches filled
    if response.status_code != 200:
        raise SystemExit(f"{args.path} answered {response.status_code}")
    with timed_queries() as queries:
        client.get(args.path)

    profiler = Profiler(interval=0.0002)
    start = time.perf_counter()
    with profiler:
        for _ in range(args.repeat):
            client.get(args.path)
    elapsed = time.perf_counter() - start

    print(profiler.output_text(unicode=True, color=False, show_all=False))
    print(f"{args.repeat} requests in {elapsed:.2f} s: {elapsed / args.repeat * 1000:.2f} ms each")
    print(f"{len(queries)} SQL queries per request:")
    for seconds, sql, _params in queries:
        print(f"  {seconds * 1000:6.2f} ms  {sql[:300]}")
    if args.html:
        Path(args.html).write_text(profiler.output_html())


if __name__ == "__main__":
    main()
