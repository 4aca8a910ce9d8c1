"""`make bench`: seed stories, serve them with gunicorn as production does, load every
page type with wrk, and write the figures to docs/benchmarks.md.

Each figure is also given as a ratio to a one-line Django view served by the same
gunicorn in the same run, so results compare across machines.

    python bench/run.py --stories 100000 --duration 15
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench python bench/run.py
"""

import argparse
import datetime
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server import (  # noqa: E402
    environment,
    manage,
    redis_url,
    setup_django,
    start_gunicorn,
)

PORT = 8431
WORKERS = 2
FLOOR = "hello world (floor)"
# Pages with a target when nothing is cached at all (no page, no fragment).
COLD_PAGES = {"home", "article", "All news, page 1", "section", "tag"}
# Pages loaded through Varnish.
VARNISH_PAGES = {"home", "article", "All news, page 1", "tag"}
# Pages whose targets are latencies: measured again without requests queueing for a worker.
LATENCY_PAGES = {
    "article",
    "All news, page 1",
    "All news, 10,000 deep",
    "All news, 900,000 deep",
    "search, ordinary term",
    "search, very common term",
    "admin story list",
}


def targets():
    """(name, path, needs login) for every page type the benchmark loads."""
    from taggit.models import Tag

    from articles.models import Section, Story, Theme
    from articles.pagination import encode_cursor

    published = Story.objects.published().newest_first()
    article = published.first()
    total = published.count()
    deepest = published.order_by("published_at", "id").first()
    section = Section.objects.filter(stories__status="published").first()
    tag = Tag.objects.filter(slug="bench-1234").first() or Tag.objects.first()
    theme = Theme.objects.filter(stories__status="published").first()
    return [
        (FLOOR, "/bench/hello/", False),
        ("home", "/", False),
        ("article", article.get_absolute_url(), False),
        ("All news, page 1", "/news/", False),
        *(
            [("All news, 10,000 deep", f"/news/?before={encode_cursor(published[10_000])}", False)]
            if total > 10_030
            else []
        ),
        *(
            [
                (
                    "All news, 900,000 deep",
                    f"/news/?before={encode_cursor(published[900_000])}",
                    False,
                )
            ]
            if total > 900_030
            else []
        ),
        ("All news, at the oldest end", f"/news/?after={encode_cursor(deepest)}", False),
        ("section", section.get_absolute_url(), False),
        ("tag", f"/tags/{tag.slug}/", False),
        ("theme", theme.get_absolute_url(), False),
        # A tag's number: a term about one story in a thousand carries (generate_stories
        # draws its prose from 80 words, so every word of it is in most stories).
        ("search, ordinary term", f"/search/?q={tag.name.split()[-1]}", False),
        ("search, very common term", "/search/?q=government", False),
        ("RSS", "/news/rss/", False),
        ("JSON feed API", "/api/feed/", False),
        ("ninjs story API", f"/api/stories/{article.pk}/", False),
        ("admin story list", "/admin/articles/story/", True),
    ]


def queries_per_request(paths, session_cookie):
    """SQL queries of one request to each page, warm caches, through Django's test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = session_cookie
    counts = {}
    for name, path, _login in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        counts[name] = len(captured)
    return counts


def explain(pages):
    """EXPLAIN ANALYZE of the slowest SQL query behind each of `pages` (PostgreSQL only):
    {name: (query, plan)}."""
    from django.db import connection
    from django.test import Client

    from bench.sqltiming import timed_queries

    if connection.vendor != "postgresql":
        return {}
    client = Client(HTTP_HOST="127.0.0.1")
    plans = {}
    for name, path in pages:
        client.get(path)  # warm
        with timed_queries() as captured:
            client.get(path)
        _seconds, sql, params = max(captured, key=lambda query: query[0])
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            query = cursor.mogrify(sql, params) if hasattr(cursor, "mogrify") else sql
        plans[name] = (query, plan)
    return plans


def login_cookie():
    """A session for a bench superuser, for the admin list."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user, _ = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"is_staff": True, "is_superuser": True}
    )
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "articles.auth.NewsroomBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return session.session_key


PERCENTILES = ROOT / "bench" / "percentiles.lua"


def wrk(path, duration, connections, headers=(), port=PORT):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "-s", str(PERCENTILES)]
    for header in headers:
        command += ["-H", header]
    out = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    # percentiles.lua prints "p50 <microseconds>" lines.
    latency = {p: int(us) / 1000 for p, us in re.findall(r"^(p\d+) (\d+)$", out, re.M)}
    errors = 0
    for pattern in (r"Non-2xx or 3xx responses: (\d+)", r"Socket errors: .*?(\d+)"):
        match = re.search(pattern, out)
        errors += int(match.group(1)) if match else 0
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    return {"rate": rate, **latency, "errors": errors, "requests": requests}


def serve(env):
    return start_gunicorn(env, "bench.wsgi", PORT, "/bench/hello/", "--workers", str(WORKERS))


def worker_memory(server):
    """Resident memory (MB) of each gunicorn worker."""
    children = subprocess.run(
        ["ps", "-o", "rss=", "--ppid", str(server.pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    return [int(kb) // 1024 for kb in children]


def current_etag():
    return urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=5).headers["ETag"]


def run_pass(env, pages, args, cookie, headers_for=None, connections=None):
    """Serve with `env`, load each page with wrk; returns results and worker memory."""
    connections = connections or args.connections
    server = serve(env)
    results = {}
    try:
        for name, path, needs_login in pages:
            headers = [f"Cookie: sessionid={cookie}"] if needs_login else []
            headers += (headers_for or {}).get(name, list)()
            wrk(path, 2, connections, headers)  # warm up
            results[name] = wrk(path, args.duration, connections, headers)
            r = results[name]
            print(f"{name:30} {r['rate']:9.1f} req/s  p95 {r['p95']:7.1f} ms  errors {r['errors']}")
        memory = worker_memory(server)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
    return results, memory


MIX_CONNECTIONS = 64
SAVE_EVERY, PUBLISH_EVERY = 5, 30  # seconds: the editor of the busy pass
VARNISH_PORT = 8433
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def mix_file():
    """The readers' mix (bench/load.py's: home, lists, feeds, search, 300 articles, tags)
    in a file for wrk's load.lua; returns (path, the mix)."""
    from bench.load import reader_paths

    paths = reader_paths()
    target = ROOT / "var" / "bench-mix.txt"
    target.parent.mkdir(exist_ok=True)
    target.write_text("\n".join(paths))
    return target, paths


def newsroom_at_work(env, args):
    """The readers' mix at MIX_CONNECTIONS from the page cache, first with nobody in the
    desk, then with an editor saving one of the newest stories every SAVE_EVERY seconds
    and publishing a new one every PUBLISH_EVERY; then every story the editor touched is
    checked on its page (no lost write)."""
    from articles.models import Story
    from bench.load import Editor, desk_editor, verify
    from bench.load import wrk as wrk_mix

    manage(env, "setup_roles")
    section_id = desk_editor()
    paths_file, _paths = mix_file()
    base = f"http://127.0.0.1:{PORT}"
    server = serve(env)
    try:
        wrk_mix(str(paths_file), MIX_CONNECTIONS, 5, base)  # readers fill the cache
        idle = wrk_mix(str(paths_file), MIX_CONNECTIONS, args.mix_duration, base)
        newest = dict(Story.objects.published().newest_first().values_list("pk", "headline")[:5])
        editor = Editor(section_id, base, SAVE_EVERY, PUBLISH_EVERY, edits=newest)
        editor.start()
        busy = wrk_mix(str(paths_file), MIX_CONNECTIONS, args.mix_duration, base)
        editor.stop.set()
        editor.join(60)
        time.sleep(2)
        lost = verify(editor.expected, base)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
    for name, r in (("idle", idle), ("editor working", busy)):
        print(f"mix, {name:16} {r['rate']:9.1f} req/s  p99 {r['latency']['p99']:7.1f} ms")
    return idle, busy, editor, lost


def purged_by_an_edit():
    """In this process, through the page cache: the readers' mix and the shared blocks
    its pages include are all stored; one edit of the second-newest story (the one
    every article's More news lists); how many of them are stale afterwards."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles import services
    from articles.models import Story
    from pagecache import blocks

    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    # Asked as Varnish asks: the page alone, its blocks as includes (counted apart).
    client = Client(HTTP_HOST="127.0.0.1", HTTP_SURROGATE_CAPABILITY="bench=ESI/1.0")

    def rendered(path):
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        return len(captured) > 0

    _file, mix = mix_file()
    pages = sorted(set(mix))
    included = set()
    for path in pages:
        found = blocks.INCLUDE.findall(client.get(path).content)
        included.update(address.decode() for address in found)
    for address in included:
        client.get(address)
    story = Story.objects.published().newest_first()[1]
    story.headline = f"{story.headline.split(' (bench edit')[0]} (bench edit)"
    editor = get_user_model().objects.get(username="bench-editor")
    services.story_write(story=story, user=editor, relations={}, tags=list(story.tags.names()))
    stale_pages = [path for path in pages if rendered(path)]
    stale_blocks = [address for address in included if rendered(address)]
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    print(
        f"one edit: {len(stale_pages)} of {len(pages)} pages, "
        f"{len(stale_blocks)} of {len(included)} blocks stale"
    )
    return {
        "pages": len(pages),
        "stale_pages": stale_pages,
        "blocks": len(included),
        "stale_blocks": len(stale_blocks),
    }


def through_varnish(env, pages, args):
    """Varnish (docs/deploy/varnish.vcl) in front of the same gunicorn: each page asked
    of Varnish, which answers hits without Python. None when varnishd is missing."""
    if not Path(VARNISHD).exists():
        print("varnishd is not installed (apt-get install varnish varnish-modules): skipped")
        return None
    work = ROOT / "var" / "bench-varnish"
    work.mkdir(parents=True, exist_ok=True)
    vcl = (ROOT / "docs/deploy/varnish.vcl").read_text()
    (work / "bench.vcl").write_text(
        vcl.replace('"8001"', f'"{PORT}"').replace('"8002"', f'"{PORT}"')
    )
    server = serve(env | {"NEWSROOM_PURGE_URLS": f"http://127.0.0.1:{VARNISH_PORT}/"})
    varnish = subprocess.Popen(
        [
            *(VARNISHD, "-F", "-n", str(work / "state"), "-T", "none"),
            *("-a", f"127.0.0.1:{VARNISH_PORT}", "-f", str(work / "bench.vcl")),
            *("-s", "malloc,256m"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    results = {}
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{VARNISH_PORT}/robots.txt", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        for name, path, _login in pages:
            wrk(path, 2, args.connections, port=VARNISH_PORT)
            results[name] = wrk(path, args.duration, args.connections, port=VARNISH_PORT)
            r = results[name]
            print(f"{name:30} {r['rate']:9.1f} req/s through Varnish  errors {r['errors']}")
    finally:
        os.killpg(varnish.pid, signal.SIGTERM)
        varnish.wait()
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=int(os.environ.get("N", 100_000)))
    parser.add_argument("--duration", type=int, default=int(os.environ.get("DURATION", 10)))
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--mix-duration", type=int, default=int(os.environ.get("MIX_DURATION", 30)))
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk).")

    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
    env = environment(database_url) | {"REDIS_URL": redis_url()}
    manage(env, "migrate", "--no-input", "-v0")
    setup_django(env | {"NEWSROOM_PAGE_CACHE_SECONDS": "0"})
    from articles.models import Story

    missing = args.stories - Story.objects.count()
    if missing > 0:
        manage(env, "generate_stories", str(missing))
    manage(env, "collectstatic", "--no-input", "-v0")
    cookie = login_cookie()
    pages = targets()
    queries = queries_per_request(pages, cookie)
    plans = explain(
        [
            (name, path)
            for name, path, _login in pages
            if name.startswith(("All news", "search", "tag"))
        ]
    )

    print("Rendering every request (page cache off):")
    rendered, memory = run_pass(env | {"NEWSROOM_PAGE_CACHE_SECONDS": "0"}, pages, args, cookie)
    print("From the page cache:")
    public = [page for page in pages if not page[2]]
    cached_pages = [*public, ("home, conditional GET (304)", "/", False)]
    cached_env = env | {"NEWSROOM_PAGE_CACHE_SECONDS": "600"}
    cached, _ = run_pass(
        cached_env,
        cached_pages,
        args,
        cookie,
        headers_for={"home, conditional GET (304)": lambda: [f"If-None-Match: {current_etag()}"]},
    )
    print("Fully cold: no page cache, no fragments:")
    cold_pages = [page for page in pages if page[0] in COLD_PAGES]
    cold, _ = run_pass(
        env | {"NEWSROOM_PAGE_CACHE_SECONDS": "0", "NEWSROOM_FRAGMENT_SECONDS": "0"},
        cold_pages,
        args,
        cookie,
    )
    print("Latency with one connection per worker (no queueing):")
    timed_pages = [page for page in pages if page[0] in LATENCY_PAGES]
    latency, _ = run_pass(
        env | {"NEWSROOM_PAGE_CACHE_SECONDS": "0"}, timed_pages, args, cookie, connections=WORKERS
    )
    print("Readers while the newsroom works:")
    at_work = newsroom_at_work(cached_env, args)
    purged = purged_by_an_edit()
    print("Through Varnish:")
    varnish = through_varnish(cached_env, [p for p in public if p[0] in VARNISH_PAGES], args)
    write_report(
        args,
        database_url,
        env,
        pages,
        {
            "rendered": rendered,
            "cached": cached,
            "cold": cold,
            "latency": latency,
            "varnish": varnish,
        },
        queries,
        memory,
        plans,
        at_work,
        purged,
    )


def _row(name, r, floor, queries=None):
    count = "" if queries is None else f" {queries} |"
    return (
        f"| {name} | {r['rate']:,.0f} | {r['rate'] / floor:.2f} | {r['p50']:.1f} | "
        f"{r['p95']:.1f} | {r['p99']:.1f} |{count} {r['errors']} |"
    )


def write_report(args, database_url, env, pages, passes, queries, memory, plans, at_work, purged):
    from django.db import connection

    rendered, cached, latency = passes["rendered"], passes["cached"], passes["latency"]
    floor = rendered[FLOOR]["rate"]
    total_memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**30
    served = sum(r["requests"] for r in rendered.values())
    idle, busy, editor, lost = at_work
    lines = [
        f"### {datetime.date.today()} — {args.stories:,} stories on {connection.vendor}",
        "",
        f"Machine: {os.cpu_count()} cores, {total_memory} GiB RAM, {platform.platform()}, "
        f"Python {platform.python_version()}. gunicorn {WORKERS} sync workers "
        f"(gunicorn.conf.py), production settings, cache: "
        f"{'Redis' if env.get('REDIS_URL') else 'local memory'}, "
        f"wrk -t2 -c{args.connections} -d{args.duration}s per page. Worker memory after "
        f"{served:,} requests: {', '.join(f'{m} MB' for m in memory)}.",
        "",
        f"Command: `DATABASE_URL={re.sub(r'//[^@/]*@', '//…@', database_url)} make bench "
        f"N={args.stories} DURATION={args.duration} MIX_DURATION={args.mix_duration}`",
        "",
        "Readers while the newsroom works: the readers' mix (bench/load.py: home, lists, "
        f"feeds, search, 300 articles, tags; {MIX_CONNECTIONS} connections, "
        f"{args.mix_duration} s each) from the page cache, with nobody in the desk, then "
        f"with an editor saving one of the newest stories every {SAVE_EVERY} s and "
        f"publishing one every {PUBLISH_EVERY} s through the desk:",
        "",
        "| pass | req/s | × idle | × floor | p50 ms | p90 ms | p99 ms | non-2xx/3xx |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *(
            f"| {name} | {r['rate']:,.0f} | {r['rate'] / idle['rate']:.2f} | "
            f"{r['rate'] / floor:.2f} | {r['latency']['p50']:.1f} | {r['latency']['p90']:.1f} | "
            f"{r['latency']['p99']:.1f} | "
            f"{sum(n for code, n in r['statuses'].items() if code >= 400) + r['socket_errors']} |"
            for name, r in (("nobody editing", idle), ("editor working", busy))
        ),
        "",
        f"The editor: {editor.saves} saves, {editor.publications} publications, "
        f"{len(editor.failures)} refused or failed"
        + (f" ({editor.failures[:3]})" if editor.failures else "")
        + f"; lost writes afterwards: {len(lost)}.",
        "",
        f"One edit of the second-newest story (in every article's More news) makes "
        f"{len(purged['stale_pages'])} of the mix's {purged['pages']} distinct pages stale "
        f"({', '.join(purged['stale_pages'][:12])}"
        f"{', …' if len(purged['stale_pages']) > 12 else ''}), and "
        f"{purged['stale_blocks']} of the {purged['blocks']} shared blocks they include "
        "(the live feed and the More news blocks: one per number of related stories, and "
        "one for each of the newest articles; each one query to render again).",
        "",
        "Rendering every request (NEWSROOM_PAGE_CACHE_SECONDS=0: page and shared blocks "
        "rendered, story fragments warm); SQL queries per request with warm caches:",
        "",
        "| page | req/s | × floor | p50 ms | p95 ms | p99 ms | SQL queries | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *(_row(name, rendered[name], floor, queries[name]) for name, _p, _l in pages),
        "",
        "Fully cold (no page cache, no fragments: NEWSROOM_FRAGMENT_SECONDS=0):",
        "",
        "| page | req/s | × floor | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *(_row(name, r, floor) for name, r in passes["cold"].items()),
        "",
        "Readers without a session, from the page cache (NEWSROOM_PAGE_CACHE_SECONDS=600). "
        "The ratio is to the floor above, the hello view with the page cache off; the first "
        "row is that view with the page cache on (a miss on every request: the cache's "
        "round trip included):",
        "",
        "| page | req/s | × floor | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *(
            _row("hello world, page cache on (a miss)" if r is cached[FLOOR] else name, r, floor)
            for name, r in cached.items()
        ),
        "",
    ]
    if passes["varnish"]:
        lines += [
            "Through Varnish (docs/deploy/varnish.vcl, ESI for the shared blocks) in front of "
            "the same gunicorn; the ratio is to the same floor:",
            "",
            "| page | req/s | × floor | p50 ms | p95 ms | p99 ms | errors |",
            "|---|---:|---:|---:|---:|---:|---:|",
            *(_row(name, r, floor) for name, r in passes["varnish"].items()),
            "",
        ]
    lines += [
        f"Latency of the pages with latency targets, page cache off, wrk -c{WORKERS} (one "
        "connection per worker, so no request waits for another):",
        "",
        "| page | req/s | × floor | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *(_row(name, r, floor) for name, r in latency.items()),
    ]
    if plans:
        lines += ["", "Query plans: the slowest SQL query of each page, EXPLAIN ANALYZE.", ""]
        for name, (query, plan) in plans.items():
            lines += [
                f"<details><summary>{name}</summary>",
                "",
                "```sql",
                query,
                "```",
                "",
                "```",
                plan,
                "```",
                "",
                "</details>",
                "",
            ]
    output = Path(args.output)
    existing = output.read_text() if output.exists() else "# Benchmarks\n\nNewest run first.\n"
    head, _, rest = existing.partition("\n### ")
    body = "\n".join(lines) + "\n"
    output.write_text(f"{head.rstrip()}\n\n{body}" + (f"\n### {rest}" if rest else ""))
    print(f"Written to {output}")


if __name__ == "__main__":
    main()
