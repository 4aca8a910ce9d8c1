"""gunicorn settings for production (`make serve`, and what bench/run.py measures).

Every value can be overridden on the command line or by GUNICORN_CMD_ARGS.
"""

import os

# PORT/WEB_CONCURRENCY are the names platforms (Heroku, Dokku, Render…) already set.
# Loopback unless told otherwise: the app server sits behind a web server or load
# balancer on the same machine; GUNICORN_BIND=0.0.0.0:8000 where it must face a network.
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Sync workers: pages are CPU-bound rendering with short database calls. Two per core
# keeps a core busy while the other waits on PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1))))
worker_class = "sync"
# A request slower than this is killed and logged rather than holding a worker forever.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Load the app once in the master: workers start fast and share its memory pages.
preload_app = True
# Logs go to stdout/stderr for the process manager to collect; Django logs requests.
accesslog = None
errorlog = "-"
# Proxy headers (X-Forwarded-Proto…) are trusted only from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
