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

PORT = 8431
WORKERS = 2


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
    deep = published[min(10_000, published.count() - 1)]
    deepest = published.order_by("published_at", "id").first()
    section = Section.objects.filter(stories__status="published").first()
    tag = Tag.objects.filter(slug__startswith="bench-").first() or Tag.objects.first()
    theme = Theme.objects.filter(stories__status="published").first()
    return [
        ("hello world (floor)", "/bench/hello/", False),
        ("home", "/", False),
        ("article", article.get_absolute_url(), False),
        ("All news, page 1", "/news/", False),
        ("All news, 10,000 deep", f"/news/?before={encode_cursor(deep)}", False),
        ("All news, at the oldest end", f"/news/?after={encode_cursor(deepest)}", False),
        ("section", section.get_absolute_url(), False),
        ("tag", f"/tags/{tag.slug}/", False),
        ("theme", theme.get_absolute_url(), False),
        ("search, ordinary term", "/search/?q=pipeline+sanctions", False),
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


def wrk(path, duration, connections, cookie=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: sessionid={cookie}"]
    out = subprocess.run(
        [*command, f"http://127.0.0.1:{PORT}{path}"], capture_output=True, text=True, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(percent):
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = 0
    for pattern in (r"Non-2xx or 3xx responses: (\d+)", r"Socket errors: .*?(\d+)"):
        match = re.search(pattern, out)
        errors += int(match.group(1)) if match else 0
    return {"rate": rate, "p50": latency(50), "p99": latency(99), "errors": errors}


def serve(env):
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "bench.wsgi",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/bench/hello/", timeout=1)
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
    env = environment(database_url)
    manage(env, "migrate", "--no-input", "-v0")
    setup_django(env)
    from articles.models import Story

    missing = args.stories - Story.objects.count()
    if missing > 0:
        manage(env, "generate_stories", str(missing))
    manage(env, "collectstatic", "--no-input", "-v0")
    cookie = login_cookie()
    pages = targets()
    queries = queries_per_request(pages, cookie)

    server = serve(env)
    results = {}
    try:
        for name, path, needs_login in pages:
            wrk(path, 2, args.connections, cookie if needs_login else None)  # warm up
            results[name] = wrk(
                path, args.duration, args.connections, cookie if needs_login else None
            )
            print(
                f"{name:28} {results[name]['rate']:9.1f} req/s  p99 {results[name]['p99']:7.1f} ms"
            )
        memory = worker_memory(server)
    finally:
        os.killpg(server.pid, signal.SIGTERM)

    write_report(args, database_url, pages, results, queries, memory)


def write_report(args, database_url, pages, results, queries, memory):
    from django.db import connection

    floor = results["hello world (floor)"]["rate"]
    total_memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**30
    lines = [
        f"### {datetime.date.today()} — {args.stories:,} stories on {connection.vendor}",
        "",
        f"Machine: {os.cpu_count()} cores, {total_memory} GiB RAM, {platform.platform()}, "
        f"Python {platform.python_version()}. gunicorn {WORKERS} sync workers, production "
        f"settings, wrk -t2 -c{args.connections} -d{args.duration}s. Worker memory after "
        f"the run: {', '.join(f'{m} MB' for m in memory)}.",
        "",
        f"Command: `DATABASE_URL={re.sub(r'//[^@/]*@', '//…@', database_url)} make bench "
        f"N={args.stories} DURATION={args.duration}`",
        "",
        "| page | req/s | × floor | p50 ms | p99 ms | SQL queries | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, _path, _login in pages:
        r = results[name]
        lines.append(
            f"| {name} | {r['rate']:,.0f} | {r['rate'] / floor:.2f} | {r['p50']:.1f} | "
            f"{r['p99']:.1f} | {queries[name]} | {r['errors']} |"
        )
    output = Path(args.output)
    existing = output.read_text() if output.exists() else "# Benchmarks\n\nNewest run first.\n"
    head, _, rest = existing.partition("\n### ")
    body = "\n".join(lines) + "\n"
    output.write_text(f"{head.rstrip()}\n\n{body}" + (f"\n### {rest}" if rest else ""))
    print(f"Written to {output}")


if __name__ == "__main__":
    main()
