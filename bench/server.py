"""Serving the newsroom for the benchmarks (bench/run.py, bench/load.py): production
settings from the environment, manage.py commands, gunicorn, the local Redis."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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


def redis_url():
    """Production shares a Redis cache; use the local one when it answers."""
    if "REDIS_URL" in os.environ:
        return os.environ["REDIS_URL"]
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return ""
    return "redis://127.0.0.1:6379/15"
