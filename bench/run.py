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
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PORT = 8431
WORKERS = 2
FLOOR = "hello world (floor)"
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


def environment(database_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "bench-only-" + "k" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
        "PYTHONPATH": str(ROOT),
    }


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def setup_django(env):
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings

    settings.ROOT_URLCONF = "bench.urls"  # the floor's hello view, as gunicorn serves it


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


def wrk(path, duration, connections, headers=()):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "-s", str(PERCENTILES)]
    for header in headers:
        command += ["-H", header]
    out = subprocess.run(
        [*command, f"http://127.0.0.1:{PORT}{path}"], capture_output=True, text=True, check=True
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


def start_gunicorn(env, app, port, probe, *args):
    """gunicorn with gunicorn.conf.py on 127.0.0.1:port, once `probe` answers."""
    process = subprocess.Popen(
        [
            *(str(Path(sys.executable).parent / "gunicorn"), app),
            *("--config", str(ROOT / "gunicorn.conf.py"), *args),
            *("--bind", f"127.0.0.1:{port}", "--log-level", "warning"),
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{probe}", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    os.killpg(process.pid, signal.SIGTERM)
    raise SystemExit("gunicorn did not start")


def worker_memory(server):
    """Resident memory (MB) of each gunicorn worker."""
    children = subprocess.run(
        ["ps", "-o", "rss=", "--ppid", str(server.pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    return [int(kb) // 1024 for kb in children]


def current_etag():
    return urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=5).headers["ETag"]


def redis_url():
    """Production shares a Redis cache; use the local one when it answers."""
    if "REDIS_URL" in os.environ:
        return os.environ["REDIS_URL"]
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return ""
    return "redis://127.0.0.1:6379/15"


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=int(os.environ.get("N", 100_000)))
    parser.add_argument("--duration", type=int, default=int(os.environ.get("DURATION", 10)))
    parser.add_argument("--connections", type=int, default=8)
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
    print("Latency with one connection per worker (no queueing):")
    timed_pages = [page for page in pages if page[0] in LATENCY_PAGES]
    latency, _ = run_pass(
        env | {"NEWSROOM_PAGE_CACHE_SECONDS": "0"}, timed_pages, args, cookie, connections=WORKERS
    )
    write_report(args, database_url, env, pages, rendered, cached, latency, queries, memory, plans)


def _row(name, r, floor, queries=None):
    count = "" if queries is None else f" {queries} |"
    return (
        f"| {name} | {r['rate']:,.0f} | {r['rate'] / floor:.2f} | {r['p50']:.1f} | "
        f"{r['p95']:.1f} | {r['p99']:.1f} |{count} {r['errors']} |"
    )


def write_report(args, database_url, env, pages, rendered, cached, latency, queries, memory, plans):
    from django.db import connection

    floor = rendered[FLOOR]["rate"]
    total_memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**30
    served = sum(r["requests"] for r in rendered.values())
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
        f"N={args.stories} DURATION={args.duration}`",
        "",
        "Rendering every request (NEWSROOM_PAGE_CACHE_SECONDS=0); SQL queries per request "
        "with warm caches:",
        "",
        "| page | req/s | × floor | p50 ms | p95 ms | p99 ms | SQL queries | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *(_row(name, rendered[name], floor, queries[name]) for name, _p, _l in pages),
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
