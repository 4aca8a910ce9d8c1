"""Two app servers behind one load balancer share PostgreSQL and Redis: a story an editor
publishes through one is served by the other within NEWSROOM_VERSION_CHECK_SECONDS, and
a withdrawn story disappears from both.

Real gunicorn processes with the production settings, on two ports of this machine.
Runs where PostgreSQL is the test database and Redis answers on 127.0.0.1:6379 (as in
.ci/run's PostgreSQL pass); skipped elsewhere.
"""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.db import connection

from articles.models import Story
from articles.roles import EDITOR
from tests.factories import SectionFactory, StoryFactory, user_with_role

ROOT = Path(__file__).resolve().parents[2]
REDIS = ("127.0.0.1", 6379)
# Longer than NEWSROOM_VERSION_CHECK_SECONDS (1) plus a request's time.
BOUND = 5.0
# The publishing server: the worker process that made the change sees it at once, its
# other workers within NEWSROOM_VERSION_CHECK_SECONDS, which a reader cannot tell apart.
SAME_SERVER_BOUND = 2.0


def _redis_answers():
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        return False
    return True


pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.skipif(not _redis_answers(), reason="needs Redis on 127.0.0.1:6379"),
    pytest.mark.django_db(transaction=True),  # the servers must see what the test writes
]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url():
    db = connection.settings_dict
    user = db["USER"] or "postgres"
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def servers(tmp_path):
    with app_servers(tmp_path) as urls:
        yield urls


@contextlib.contextmanager
def app_servers(tmp_path, ports=(None, None), **extra_env):
    """Two gunicorn servers with production settings, sharing the test database and a
    Redis database of their own; yields their base URLs."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": "two-servers-test-" + "k" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": f"redis://{REDIS[0]}:{REDIS[1]}/11",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PYTHONPATH": str(ROOT),
        **extra_env,
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], env=env, check=True)
    subprocess.run(
        [*manage, "shell", "-c", "from django.core.cache import cache; cache.clear()"],
        env=env,
        check=True,
        capture_output=True,
    )
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    processes, urls = [], []
    try:
        for port in ports:
            port = port or _free_port()
            processes.append(
                subprocess.Popen(
                    [
                        *(gunicorn, "newsroom.wsgi", "-c", str(ROOT / "gunicorn.conf.py")),
                        *("--workers", "2", "--bind", f"127.0.0.1:{port}"),
                    ],
                    cwd=ROOT,
                    env=env,
                    start_new_session=True,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            _wait_until(lambda url=url: requests.get(url + "/robots.txt", timeout=2).ok, 30)
        yield urls
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def _wait_until(check, seconds):
    """True as soon as check() is; False when `seconds` pass first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except requests.RequestException:
            pass
        time.sleep(0.1)
    return False


def _home_shows(url, headline):
    return headline in requests.get(url + "/", timeout=5).text


def _desk_action(base, username, password, action, story):
    """An editor signs in on one server and runs a bulk action on the story list there."""
    desk = requests.Session()
    login = desk.get(base + "/admin/login/", timeout=5)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    desk.post(
        base + "/admin/login/?next=/admin/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": password},
        timeout=10,
    ).raise_for_status()
    listing = desk.get(base + "/admin/articles/story/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', listing.text).group(1)
    answer = desk.post(
        base + "/admin/articles/story/",
        data={
            "csrfmiddlewaretoken": token,
            "action": action,
            "_selected_action": str(story.pk),
            "index": "0",
        },
        timeout=10,
    )
    assert answer.url.endswith("/admin/articles/story/"), answer.url  # back on the list


def test_a_story_published_on_one_server_is_served_by_the_other(servers, settings):
    # The servers check passwords with production's hashers, not the tests' fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    one, other = servers
    section = SectionFactory(slug="world", name="World")
    StoryFactory(section=section, headline="Yesterday's news")
    story = StoryFactory(section=section, headline="Ferry resumes service", draft=True)
    editor = user_with_role(EDITOR, username="desk-editor")
    editor.set_password("a long desk password")
    editor.save()

    # Both servers have the home page in their caches, without the draft.
    for base in servers:
        for _ in range(3):
            assert not _home_shows(base, "Ferry resumes service")
            assert _home_shows(base, "Yesterday&#x27;s news")

    _desk_action(one, "desk-editor", "a long desk password", "publish_now", story)
    assert Story.objects.get(pk=story.pk).status == Story.Status.PUBLISHED

    assert _wait_until(lambda: _home_shows(one, "Ferry resumes service"), SAME_SERVER_BOUND)
    assert _wait_until(lambda: _home_shows(other, "Ferry resumes service"), BOUND)
    article = Story.objects.get(pk=story.pk).get_absolute_url()
    assert requests.get(other + article, timeout=5).status_code == 200

    _desk_action(one, "desk-editor", "a long desk password", "withdraw", story)

    assert _wait_until(lambda: not _home_shows(one, "Ferry resumes service"), SAME_SERVER_BOUND)
    assert _wait_until(
        lambda: requests.get(one + article, timeout=5).status_code == 404, SAME_SERVER_BOUND
    )
    assert _wait_until(lambda: not _home_shows(other, "Ferry resumes service"), BOUND)
    assert _wait_until(lambda: requests.get(other + article, timeout=5).status_code == 404, BOUND)
