"""Load and fault run: many readers on the public pages while an editor publishes and
edits stories through the desk; optionally PostgreSQL restarts or Redis stops meanwhile.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_load \\
        .venv/bin/python bench/load.py [--connections 200] [--duration 60] \\
        [--fault none|postgres-restart|redis-stop]

Serves the newsroom with gunicorn and the production settings (PostgreSQL from
DATABASE_URL, the local Redis), seeds --stories stories when there are fewer, loads the
public pages with wrk (random paths, every answer counted by status), and meanwhile signs
an editor in to the desk who publishes a new story and edits the one before, again and
again. Afterwards every story the editor published must be on its page with its last
headline (no lost write). Appends the figures to docs/reliability.md.
"""

import argparse
import datetime
import os
import platform
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server import (  # noqa: E402
    environment,
    manage,
    redis_url,
    setup_django,
    start_gunicorn,
)
from tests.forms import form_data  # noqa: E402

PORT = 8432
BASE = f"http://127.0.0.1:{PORT}"
EDITOR, PASSWORD = "load-editor", "load-editor-password-" + "x" * 12
FAULT_AFTER = 1 / 3  # of the run: when the fault starts
POSTGRES_DOWN_SECONDS = 8
REDIS_DOWN_SECONDS = 15


def serve(env):
    return start_gunicorn(env | {"DJANGO_LOG_LEVEL": "ERROR"}, "newsroom.wsgi", PORT, "/healthz")


def reader_paths():
    """What readers ask for: the home page, lists, many articles, search, feeds, API."""
    from taggit.models import Tag

    from articles.models import Section, Story

    stories = Story.objects.published().order_by("-published_at")[:300]
    fixed = ["/", "/", "/", "/news/", "/news/", "/news/rss/", "/api/feed/", "/search/?q=minister"]
    return (
        fixed * 10
        + [story.get_absolute_url() for story in stories]
        + [section.get_absolute_url() for section in Section.objects.all()]
        + [f"/tags/{tag.slug}/" for tag in Tag.objects.all()[:30]]
    )


def desk_editor():
    """The editor who works during the run (created once); returns the section to file in."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from articles.models import Section

    user, _ = get_user_model().objects.get_or_create(username=EDITOR)
    user.is_staff = True
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name="Editor"))
    return Section.objects.order_by("position").first().pk


class Editor(threading.Thread):
    """Signs in to the desk and, until stopped, publishes a new story and then edits the
    one published before it, as fast as the desk answers. Keeps what each story's
    headline must finally be.

    Paced (`save_every`, `publish_every` seconds), it works as a newsroom does instead:
    saves one of the newest stories every few seconds and publishes a new one now and
    then (`edits` starts it with stories to edit: {id: headline})."""

    def __init__(self, section_id, base=BASE, save_every=None, publish_every=None, edits=None):
        super().__init__(daemon=True)
        self.section_id = section_id
        self.base = base
        self.save_every, self.publish_every = save_every, publish_every
        self.stop = threading.Event()
        self.expected = dict(edits or {})  # story id -> its last headline
        self.failures = []  # (what, status or error)
        self.actions = 0
        self.saves = self.publications = 0

    def run(self):
        try:
            self._work()
        except Exception as error:  # reported with the results, not lost with the thread
            self.failures.append(("crashed", repr(error)))

    def _work(self):
        desk = requests.Session()
        # A new connection for each action, as the desk's browser after a pause would
        # have: one kept open across the pause may be closed by the server meanwhile.
        desk.headers["Connection"] = "close"
        self._sign_in(desk)
        if self.save_every:
            self._paced(desk)
            return
        number = 0
        while not self.stop.is_set():
            number += 1
            try:
                self._publish(desk, number)
                if len(self.expected) > 1:
                    self._edit(desk, random.choice(list(self.expected)[:-1]))
            except requests.RequestException as error:
                self.failures.append(("request", str(error)))
                time.sleep(1)
            if self.failures and self.failures[-1][1] == "signed out":
                self._sign_in(desk)

    def _paced(self, desk):
        started = time.monotonic()
        published = 0
        while not self.stop.wait(self.save_every):
            try:
                # One publication at the start, then one every publish_every seconds.
                if (time.monotonic() - started) // self.publish_every + 1 > published:
                    published += 1
                    self._publish(desk, published)
                    self.publications += 1
                else:
                    newest = [pk for pk in self.expected if isinstance(pk, int)][-5:]
                    self._edit(desk, random.choice(newest))
                    self.saves += 1
            except requests.RequestException as error:
                self.failures.append(("request", str(error)))

    def _sign_in(self, desk):
        for _ in range(60):
            try:
                page = desk.get(self.base + "/admin/login/", timeout=10)
                data = {"username": EDITOR, "password": PASSWORD}
                data["csrfmiddlewaretoken"] = form_data(page, "login-form")["csrfmiddlewaretoken"]
                answer = desk.post(self.base + "/admin/login/?next=/admin/", data=data, timeout=10)
                if answer.url.endswith("/admin/"):
                    return
            except (requests.RequestException, AssertionError):
                pass
            time.sleep(1)

    def _post(self, desk, url, data, what):
        answer = desk.post(url, data=list(data.lists()), timeout=30, allow_redirects=False)
        self.actions += 1
        if answer.status_code != 302:
            self.failures.append((what, answer.status_code))
            return None
        return answer

    def _publish(self, desk, number):
        add = desk.get(self.base + "/admin/articles/story/add/", timeout=30)
        if add.status_code != 200 or "story_form" not in add.text:
            self.failures.append(("open form", add.status_code))
            return
        headline = f"Load run story {number} {random.randint(0, 10**9)}"
        data = form_data(add)
        data.update(
            {
                "headline": headline,
                "standfirst": "Filed during the load run.",
                "body": "<p>Written while readers hammered the site.</p>",
                "section": str(self.section_id),
                "tags": "load run",
                "_action": "publish",
            }
        )
        answer = self._post(desk, self.base + "/admin/articles/story/add/", data, "publish")
        if answer is not None:
            # The desk goes back to its list; the new story is found there by its headline.
            listing = desk.get(
                self.base + "/admin/articles/story/", params={"q": headline}, timeout=30
            ).text
            found = re.search(r"/admin/articles/story/(\d+)/change/", listing)
            self.expected[int(found.group(1)) if found else headline] = headline

    def _edit(self, desk, story_id):
        if not isinstance(story_id, int):
            return
        url = f"{self.base}/admin/articles/story/{story_id}/change/"
        page = desk.get(url, timeout=30)
        if page.status_code != 200:
            self.failures.append(("open story", page.status_code))
            return
        data = form_data(page)
        headline = f"{self.expected[story_id].split(' (edit')[0]} (edit {self.actions})"
        data["headline"] = headline
        data["_continue"] = "Save and continue editing"
        if self._post(desk, url, data, "edit") is not None:
            self.expected[story_id] = headline


class Probe(threading.Thread):
    """Asks for one uncached page twice a second: when the site failed, and how."""

    def __init__(self, path):
        super().__init__(daemon=True)
        self.path = path
        self.stop = threading.Event()
        self.timeline = []  # (seconds since start, status or error)

    def run(self):
        started = time.monotonic()
        while not self.stop.is_set():
            try:
                status = requests.get(
                    BASE + self.path, params={"q": random.random()}, timeout=10
                ).status_code
            except requests.RequestException as error:
                status = type(error).__name__
            self.timeline.append((round(time.monotonic() - started, 1), status))
            time.sleep(0.5)


def inject(fault, at, log):
    time.sleep(at)
    started = time.monotonic()
    if fault == "postgres-restart":
        cluster = sorted(os.listdir("/etc/postgresql"))[-1]
        command = ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main"]
        subprocess.run([*command, "stop", "-m", "fast"], check=True)
        log.append(f"PostgreSQL stopped at {at:.0f} s")
        time.sleep(POSTGRES_DOWN_SECONDS)
        subprocess.run([*command, "start"], check=True)
    elif fault == "redis-stop":
        subprocess.run(["service", "redis-server", "stop"], check=True, capture_output=True)
        log.append(f"Redis stopped at {at:.0f} s")
        time.sleep(REDIS_DOWN_SECONDS)
        subprocess.run(["service", "redis-server", "start"], check=True, capture_output=True)
    log.append(f"back after {time.monotonic() - started:.1f} s")


def wrk(paths_file, connections, duration, base=BASE):
    out = subprocess.run(
        [
            *("wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s"),
            *("-s", str(ROOT / "bench" / "load.lua"), base),
        ],
        env=os.environ | {"LOAD_PATHS": paths_file},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    statuses = {int(code): int(n) for code, n in re.findall(r"^status (\d+) (\d+)$", out, re.M)}
    latency = {p: int(us) / 1000 for p, us in re.findall(r"^(p\d+|max) (\d+)$", out, re.M)}
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "statuses": statuses,
        "latency": latency,
        "rate": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "socket_errors": sum(map(int, socket.groups())) if socket else 0,
        "raw": out,
    }


def verify(expected, base=BASE):
    """Every story the editor published answers 200 on its page with its last headline."""
    lost = []
    for story_id, headline in expected.items():
        if isinstance(story_id, int):
            page = requests.get(f"{base}/news/{story_id}/", timeout=30)
        else:  # the desk's list did not answer right after: find it as a reader would
            page = requests.get(f"{base}/search/", params={"q": headline}, timeout=30)
        if page.status_code != 200 or headline not in page.text.replace("&#x27;", "'"):
            lost.append((story_id, page.status_code))
    return lost


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--stories", type=int, default=20_000)
    parser.add_argument(
        "--fault", choices=["none", "postgres-restart", "redis-stop"], default="none"
    )
    parser.add_argument("--output", default=str(ROOT / "docs" / "reliability.md"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk).")
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database: this is a production run.")

    env = environment(database_url) | {"REDIS_URL": redis_url()}
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    manage(env, "setup_roles")
    setup_django(env)  # the ORM in this process, for the setup below
    from django.core.cache import cache

    from articles.models import Story

    missing = args.stories - Story.objects.count()
    if missing > 0:
        manage(env, "generate_stories", str(missing))
    section_id = desk_editor()
    cache.clear()  # the run starts with no cached page
    paths = reader_paths()
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(paths))
    server = serve(env)
    editor, probe, log = Editor(section_id), Probe("/search/"), []
    try:
        editor.start()
        probe.start()
        if args.fault != "none":
            threading.Thread(
                target=inject, args=(args.fault, args.duration * FAULT_AFTER, log), daemon=True
            ).start()
        result = wrk(handle.name, args.connections, args.duration)
        editor.stop.set()
        probe.stop.set()
        editor.join(60)
        time.sleep(2)
        lost = verify(editor.expected)
        after = requests.get(BASE + "/news/", timeout=30).status_code
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
        os.unlink(handle.name)
    report(args, result, editor, probe, log, lost, after)


def _by_code(counts):
    return f"({', '.join(f'{c}: {n:,}' for c, n in sorted(counts.items()))})" if counts else ""


def report(args, result, editor, probe, log, lost, after):
    statuses = result["statuses"]
    total = sum(statuses.values())
    server_errors = {code: n for code, n in statuses.items() if code >= 500}
    failing = [(t, s) for t, s in probe.timeline if s != 200]
    window = f"{failing[0][0]}–{failing[-1][0]} s" if failing else "none"
    kinds = sorted({str(s) for _, s in failing})
    lines = [
        f"\n## {datetime.date.today()} — {args.connections} connections, {args.duration} s,"
        f" fault: {args.fault}\n",
        f"Machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}."
        f" Command: `DATABASE_URL=… .venv/bin/python bench/load.py --connections"
        f" {args.connections} --duration {args.duration} --fault {args.fault}`\n",
        f"- Reader requests: {total:,} ({result['rate']:,.0f}/s); by status:"
        f" {_by_code(statuses)[1:-1]};"
        f" socket errors/timeouts: {result['socket_errors']}",
        f"- 5xx: {sum(server_errors.values())} {_by_code(server_errors)}".rstrip(),
        f"- Latency: p50 {result['latency'].get('p50', 0):.1f} ms, p90"
        f" {result['latency'].get('p90', 0):.1f} ms, p99 {result['latency'].get('p99', 0):.1f}"
        f" ms, max {result['latency'].get('max', 0):.0f} ms",
        f"- Editor: {editor.actions} desk writes ({len(editor.expected)} stories published,"
        f" the rest edits); refused or failed: {len(editor.failures)}"
        + (f" ({editor.failures[:5]})" if editor.failures else ""),
        f"- Lost writes (a published story missing or without its last headline afterwards):"
        f" {len(lost)}" + (f" {lost[:5]}" if lost else ""),
        f"- Uncached probe (/search/ twice a second): failing {window}"
        + (f", answered {', '.join(kinds)}" if failing else "")
        + f"; after the run /news/ answered {after}",
    ]
    if log:
        lines.append(f"- Fault: {'; '.join(log)}")
    text = "\n".join(lines) + "\n"
    print(text)
    output = Path(args.output)
    if not output.exists():
        output.write_text("# Reliability: load, faults and hostile input\n")
    with output.open("a") as out:
        out.write(text)


if __name__ == "__main__":
    main()
