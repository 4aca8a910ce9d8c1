import http.server
import threading

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from pagecache.middleware import forget_local_copies


@pytest.fixture(autouse=True)
def _isolated_settings(settings, tmp_path):
    """Every test writes uploads to its own folder and serves static files unhashed
    (the hashed manifest exists only after collectstatic)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # A fast hasher: tests create users, they do not test password hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Nothing cached by one test is seen by the next, in the shared cache or the process.
    cache.clear()
    forget_local_copies()


@pytest.fixture
def page_cache_on(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` — the change inside is committed, and what follows a commit
    (the caches' purge) has run, as in production after the desk's request."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def reader():
    """An anonymous reader's browser."""
    return Client()


@pytest.fixture(autouse=True)
def _app_transactions_commit(monkeypatch):
    """In production, leaving the outermost transaction the code opened commits it and
    runs its on_commit callbacks (the caches' purge). In a test that transaction is a
    savepoint inside the test's own, which never commits; here leaving it runs the
    callbacks all the same, so tests see what readers would see after the commit."""
    original = transaction.Atomic.__exit__

    def exit_and_commit(self, exc_type, exc_value, traceback):
        result = original(self, exc_type, exc_value, traceback)
        connection = transaction.get_connection(self.using)
        if (
            exc_type is None
            and not getattr(self, "_from_testcase", False)
            and connection.in_atomic_block
            and all(getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)
        ):
            waiting, connection.run_on_commit = connection.run_on_commit, []
            for _savepoints, callback, _robust in waiting:
                callback()
        return result

    monkeypatch.setattr(transaction.Atomic, "__exit__", exit_and_commit)


@pytest.fixture
def web_server(settings):
    """HTTP servers on this machine standing for agencies, embed providers and internal hosts.

    `serve(files, host=…)` answers each path (with its query or without) with
    (content type, body), or with
    ("redirect", location) a 302; anything else is a 404. Every request is counted in
    `serve.hits`, so a test can tell a refused download from a failed one. 127.0.0.1 is
    allowed for downloads, as an operator allows an agency's intranet host; any other
    loopback address (127.0.0.2…) stands for an internal service and stays refused.
    """
    settings.WIRE_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    servers = []
    hits = []

    def serve(files, host="127.0.0.1"):
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append((host, self.path))
                # A path with its query, else without (an oEmbed endpoint's ?url=…).
                path = self.path if self.path in files else self.path.split("?", 1)[0]
                if path not in files:
                    self.send_error(404)
                    return
                content_type, body = files[path]
                if content_type == "redirect":
                    self.send_response(302)
                    self.send_header("Location", body)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.HTTPServer((host, 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://{host}:{server.server_port}"

    serve.hits = hits
    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()
