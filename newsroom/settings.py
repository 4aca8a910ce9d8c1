"""
Settings for newsroom.

Everything that differs between a laptop and production is read from the environment
in the block below, and only there. The defaults are safe for local use: SQLite under
var/, local-memory cache, debug off. Debug off needs DJANGO_SECRET_KEY; `make run` turns
debug on for the local demo.
"""

import json
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def env_str(name: str, default: str = "") -> str:
    """The variable's value; unset and empty both mean the default."""
    return os.environ.get(name, "").strip() or default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number < float("inf"):
        raise ImproperlyConfigured(f"{name} must be a number of seconds, not {value!r}.")
    return number


# --- The environment, read in one place --------------------------------------------
DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'newsroom.sqlite3'}")
REDIS_URL = env_str("REDIS_URL", "")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploads on S3-compatible object storage (AWS S3, MinIO, Ceph, Cloudflare R2…) when a
# bucket is named, so that every app server sees every upload; MEDIA_ROOT otherwise.
# Credentials come the way boto3 looks for them: AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY in the environment, an instance role, ~/.aws/credentials.
MEDIA_BUCKET = env_str("NEWSROOM_MEDIA_BUCKET", "")
MEDIA_ENDPOINT_URL = env_str("NEWSROOM_MEDIA_ENDPOINT_URL", "")  # not AWS: MinIO, R2…
MEDIA_REGION = env_str("NEWSROOM_MEDIA_REGION", "")
MEDIA_DOMAIN = env_str("NEWSROOM_MEDIA_DOMAIN", "")  # a CDN or public host for the bucket
MEDIA_PREFIX = env_str("NEWSROOM_MEDIA_PREFIX", "media")  # folder inside the bucket
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
# The newsroom's identity: its name on the masthead and the agency tag that closes
# every dateline ("ATHENS, December 9. /TASS/.").
NEWSROOM_NAME = env_str("NEWSROOM_NAME", "Newsroom")
NEWSROOM_AGENCY = env_str("NEWSROOM_AGENCY", "NEWSROOM")
# The site's public address, for absolute links made outside a request (exports).
NEWSROOM_BASE_URL = env_str("NEWSROOM_BASE_URL", "http://localhost:8000").rstrip("/")
# Stories are stored in UTC and shown in the newsroom's local time: day headings, times
# in the feed and the date in a dateline all follow it.
TIME_ZONE = env_str("NEWSROOM_TIME_ZONE", "Europe/Moscow")
LANGUAGE_CODE = env_str("NEWSROOM_LANGUAGE", "en")
LOG_LEVEL = env_str("DJANGO_LOG_LEVEL", "INFO").upper()
# json: one JSON object a line for a log collector (production); plain: for people.
LOG_FORMAT = env_str("DJANGO_LOG_FORMAT", "plain" if DEBUG else "json").lower()
if LOG_FORMAT not in {"json", "plain"}:
    raise ImproperlyConfigured(f"DJANGO_LOG_FORMAT must be json or plain, not {LOG_FORMAT!r}.")
# Production is served over HTTPS: redirects, HSTS and secure cookies follow from this.
# Turn it off only for a local production-like run on plain HTTP.
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 3600)
HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
# Behind a load balancer that terminates TLS and sets X-Forwarded-Proto.
BEHIND_TLS_PROXY = env_bool("DJANGO_BEHIND_TLS_PROXY", default=False)
# The load balancers' own addresses (networks): X-Forwarded-For is believed only from
# them, so nobody else can choose the address sign-in throttling counts against.
TRUSTED_PROXIES = env_list("NEWSROOM_TRUSTED_PROXIES", "127.0.0.1/32,::1/128")
IMAGE_MAX_BYTES = env_int("NEWSROOM_IMAGE_MAX_BYTES", 20 * 1024 * 1024)
IMAGE_MAX_PIXELS = env_int("NEWSROOM_IMAGE_MAX_PIXELS", 40_000_000)
# Video uploads: the largest file and the longest video accepted.
VIDEO_MAX_BYTES = env_int("NEWSROOM_VIDEO_MAX_BYTES", 1024 * 1024 * 1024)
VIDEO_MAX_SECONDS = env_int("NEWSROOM_VIDEO_MAX_SECONDS", 3 * 3600)
# Wire copy from outside. Downloads (feeds, pictures) never reach loopback, private,
# link-local, multicast or cloud-metadata addresses, unless an operator names a network
# here (an agency's server on the intranet), e.g. 10.20.0.0/16.
WIRE_ALLOWED_NETWORKS = env_list("NEWSROOM_WIRE_ALLOWED_NETWORKS")
# When set, the only hosts downloads may reach (feeds and their pictures), e.g.
# "feeds.agency.example,photos.agency.example"; a leading dot allows subdomains too.
WIRE_ALLOWED_HOSTS = env_list("NEWSROOM_WIRE_ALLOWED_HOSTS")
# The most a feed or item file may weigh, read or downloaded, and how long one download
# may take in all (connecting, redirects and reading together).
WIRE_MAX_BYTES = env_int("NEWSROOM_WIRE_MAX_BYTES", 20 * 1024 * 1024)
WIRE_FETCH_SECONDS = env_float("NEWSROOM_WIRE_FETCH_SECONDS", 30.0)
# How often an open live story's page asks for newer entries.
LIVE_POLL_SECONDS = env_int("NEWSROOM_LIVE_POLL_SECONDS", 15)
# Embeds: asking the provider (oEmbed) for a title, text and thumbnail when an editor
# pastes a link, under the same address rules as the wire's downloads, within this many
# seconds. Off, or with no network, an embed still saves and shows as a link card.
EMBED_FETCH = env_bool("NEWSROOM_EMBED_FETCH", default=True)
EMBED_FETCH_SECONDS = env_float("NEWSROOM_EMBED_FETCH_SECONDS", 5.0)
# Sites beyond embeds/providers.py's table, as oembed.com's providers.json names them,
# with the origins their frames may come from (the only ones a page with one frames).
# JSON in NEWSROOM_OEMBED_PROVIDERS replaces this list.
OEMBED_PROVIDERS = json.loads(os.environ.get("NEWSROOM_OEMBED_PROVIDERS") or "null") or [
    {
        "name": "SoundCloud",
        "kind": "audio",
        "endpoint": "https://soundcloud.com/oembed",
        "schemes": ["https://soundcloud.com/*"],
        "frame_origins": ["https://w.soundcloud.com"],
    },
    {
        "name": "Spotify",
        "kind": "audio",
        "endpoint": "https://open.spotify.com/oembed",
        "schemes": ["https://open.spotify.com/*"],
        "frame_origins": ["https://open.spotify.com"],
    },
    {
        "name": "Datawrapper",
        "kind": "document",
        "endpoint": "https://api.datawrapper.de/v3/oembed/",
        "schemes": ["https://datawrapper.dwcdn.net/*"],
        "frame_origins": ["https://datawrapper.dwcdn.net"],
    },
]
# An agency's drop folder: pictures that items in it name may be read from anywhere
# inside it. Otherwise only from inside the folder (or the file's folder) imported.
WIRE_INBOX = env_str("NEWSROOM_WIRE_INBOX", "")
# PostgreSQL text search configuration for the newsroom's language (english, russian…).
NEWSROOM_SEARCH_CONFIG = env_str("NEWSROOM_SEARCH_CONFIG", "english")
# The longest one search may keep the database busy; past it, the reader is asked for a
# simpler query. 0 lifts the limit.
NEWSROOM_SEARCH_TIMEOUT_MS = env_int("NEWSROOM_SEARCH_TIMEOUT_MS", 1500)
# How long the "last change" behind Last-Modified/ETag may be cached: the longest a
# scheduled story can wait after its time before a conditional GET sees it.
NEWSROOM_FRESHNESS_SECONDS = env_int("NEWSROOM_FRESHNESS_SECONDS", 10)
# How long browsers and shared caches may keep a public page, feed or API answer.
NEWSROOM_PUBLIC_MAX_AGE = env_int("NEWSROOM_PUBLIC_MAX_AGE", 60)
# How long a whole public page may stay in the shared cache. A change purges the pages
# that show what it changed at once, so this bounds memory, not staleness.
# 0 turns the page cache off (the default under DJANGO_DEBUG, where templates change).
NEWSROOM_PAGE_CACHE_SECONDS = env_int("NEWSROOM_PAGE_CACHE_SECONDS", 0 if DEBUG else 600)
# How often each app server process asks the shared cache whether what a page shows was
# purged, so that cached pages are served from the process's memory in between: the
# longest a reader on another server may see a page from before a change. 0: every time.
NEWSROOM_VERSION_CHECK_SECONDS = env_float("NEWSROOM_VERSION_CHECK_SECONDS", 1.0)
# While one request renders a purged page again, others get the copy from before for at
# most this long (served no-store): one render per change, never a stampede. A few
# seconds of the previous version is what a reader refreshing a news page sees anyway.
NEWSROOM_PAGE_CACHE_STALE_SECONDS = env_float("NEWSROOM_PAGE_CACHE_STALE_SECONDS", 5.0)
# How long a story's card, rendered once per version of the story, is kept for every page
# that shows it (pagecache/fragments.py). Its key changes with the story, so this bounds
# memory, not staleness. 0 renders every card every time (the default under DJANGO_DEBUG).
NEWSROOM_FRAGMENT_SECONDS = env_int("NEWSROOM_FRAGMENT_SECONDS", 0 if DEBUG else 86400)
# Reads in full, in one query, the stories whose fragments were not cached (a page reads
# only their ids and versions).
NEWSROOM_FRAGMENT_LOADER = "articles.selectors.cards_by_id"
# How many cached pages each process keeps in its own memory (the most asked-for ones).
NEWSROOM_PAGE_CACHE_LOCAL_PAGES = env_int("NEWSROOM_PAGE_CACHE_LOCAL_PAGES", 1000)
# The domain's answers to "when did what readers see last change" (ETag, Last-Modified)
# and "when does a scheduled story next go live by itself" (no page is kept past it).
NEWSROOM_FRESHNESS = "articles.freshness"
NEWSROOM_PAGE_CACHE_NEXT_CHANGE = "articles.freshness.next_going_live"
# Shared caches in front to purge by dependency key, e.g. Varnish with xkey
# (docs/deploy/varnish.vcl): NEWSROOM_PURGE_URLS=http://127.0.0.1:6081/ (comma-separated).
NEWSROOM_PURGE_URLS = env_list("NEWSROOM_PURGE_URLS")
# Changes every ETag on deploy (e.g. the git commit), so new templates are not 304'd.
NEWSROOM_RELEASE = env_str("NEWSROOM_RELEASE", "")
# How long a draft's share link works (it also stops when the story is published).
PREVIEW_LINK_DAYS = env_int("NEWSROOM_PREVIEW_LINK_DAYS", 3)
# A desk session ends after this long without a request or typing in the editor, and in
# any case this long after signing in (a shift).
SESSION_IDLE_MINUTES = env_int("NEWSROOM_SESSION_IDLE_MINUTES", 60)
SESSION_MAX_HOURS = env_int("NEWSROOM_SESSION_MAX_HOURS", 12)
# Sign-in throttling: after this many failed attempts for one user name from one
# address, that pair is locked out for LOCKOUT_MINUTES.
LOGIN_FAILURE_LIMIT = env_int("NEWSROOM_LOGIN_FAILURE_LIMIT", 5)
# And a ceiling per account, whatever the addresses: many addresses guessing one editor's
# password lock that account for LOCKOUT_MINUTES after this many failures.
LOGIN_ACCOUNT_FAILURE_LIMIT = env_int("NEWSROOM_LOGIN_ACCOUNT_FAILURE_LIMIT", 20)
LOGIN_LOCKOUT_MINUTES = env_int("NEWSROOM_LOGIN_LOCKOUT_MINUTES", 15)
# ------------------------------------------------------------------------------------

if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Production (DJANGO_DEBUG off) refuses to start "
            "without it: set DJANGO_SECRET_KEY to a long random string, or set "
            "DJANGO_DEBUG=1 for local development."
        )
    # Local development only: a key that is useless anywhere else.
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 — debug only

try:
    ZoneInfo(TIME_ZONE)
except (ZoneInfoNotFoundError, ValueError):
    raise ImproperlyConfigured(
        f"NEWSROOM_TIME_ZONE {TIME_ZONE!r} is not an IANA time zone (e.g. Europe/Moscow)."
    ) from None

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles, so that runserver serves static files the way production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "taggit",
    "django_prose_editor",
    "axes",
    "embeds",
    "articles",
    "wire",
    "pagecache",
]

# The story body's elements in the editor: our own Tiptap nodes, loaded as a module
# next to django-prose-editor's (articles/widgets.py names them in the body's config).
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("desk/elements.js")],
        "extensions": {
            "StoryPicture": "articles.widgets.element_allowlist",
            "StoryGallery": "articles.widgets.element_allowlist",
            "StoryLink": "articles.widgets.element_allowlist",
            "FactBox": "articles.widgets.element_allowlist",
            "StoryVideo": "articles.widgets.element_allowlist",
            "StoryEmbed": "articles.widgets.element_allowlist",
        },
    }
]

MIDDLEWARE = [
    # First: load balancers' probes, before the host check and the HTTPS redirect.
    "newsroom.health.HealthCheckMiddleware",
    # Probes above are not logged; every other request is, once, with its id and time.
    "newsroom.requestlog.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Security headers on every answer, cached pages included (they are set outside
    # the page cache, never stored in it).
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # A page's embeds' frame origins, kept with it by the page cache, into the two above.
    "embeds.middleware.FrameOriginsMiddleware",
    # Right after the security headers, as whitenoise's documentation asks.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, CSRF and auth: a cached page for a reader skips all of them.
    # Before the page cache, so that a cached page carries it as a rendered one does.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle and absolute session limits for the desk.
    "newsroom.security.SessionLimitsMiddleware",
    # The desk's rich text editor needs its inline import map: allowed by its hash.
    "newsroom.security.DeskScriptHashesMiddleware",
    # Last, as django-axes asks: answers a locked-out sign-in with its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.newsroom",
            ],
        },
    },
]

if DATABASE_URL.startswith("sqlite:///") and ":memory:" not in DATABASE_URL:
    # The embedded default: make its folder so a fresh checkout needs nothing else.
    Path(DATABASE_URL.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: PostgreSQL compiles a query whose estimated cost is high (one with a
    # never-run subplan over every story, say) before running it; at a million stories
    # that took 215 ms of the sitemap's 240 ms for a query that runs in 3 ms. Pages here
    # are short index reads, which JIT never makes faster.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
            # A Redis that stops answering costs a request half a second at most, once
            # (newsroom.cache then leaves it alone for a while).
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    # One process's memory: room for the pages, blocks and story fragments of a small
    # newsroom (Django's default of 300 entries would cull the page cache at every page).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# Staff sign in through the desk's own page (a preview link sends them there).
LOGIN_URL = "admin:login"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out (user name, address) pair before any password check.
    "axes.backends.AxesStandaloneBackend",
    "articles.auth.NewsroomBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
# Where pictures are served from when not from this site (for the CSP's img-src).
MEDIA_ORIGIN = ""
if MEDIA_BUCKET:
    MEDIA_ORIGIN = (
        f"https://{MEDIA_DOMAIN}"
        if MEDIA_DOMAIN
        else "{0.scheme}://{0.netloc}".format(urlsplit(MEDIA_ENDPOINT_URL))
        if MEDIA_ENDPOINT_URL
        else f"https://{MEDIA_BUCKET}.s3.amazonaws.com"
    )
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": MEDIA_ENDPOINT_URL or None,
            "region_name": MEDIA_REGION or None,
            "custom_domain": MEDIA_DOMAIN or None,
            "location": MEDIA_PREFIX,
            # Pictures are public once their story is; stable URLs cache well. Names are
            # never reused (no overwrite), so browsers may keep a file for good.
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        # Hashed, compressed names in production; plain files while developing so that
        # a CSS edit shows without collectstatic.
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# taggit: tag lookups ignore case, so "Ukraine" and "ukraine" are one tag.
TAGGIT_CASE_INSENSITIVE = True

# Production hardening: `manage.py check --deploy` is clean with HTTPS on.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
# What browsers may do on our pages: scripts, styles, pictures and fonts from this site
# only (pictures also from the media bucket), requests back to it, no plugins, no
# <base>, no framing, forms posting here. No inline script anywhere: public pages
# have none, and the desk's one inline import map is allowed by its hash.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "font-src": [SELF],
        # Videos we serve, from this site or the media bucket.
        "media-src": [SELF, *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
        **({"upgrade-insecure-requests": True} if HTTPS else {}),
    }
}
# Browser features no page uses, off for this site and anything it could embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media",
        "geolocation", "gyroscope", "magnetometer", "microphone", "midi",
        "payment", "publickey-credentials-get", "screen-wake-lock",
        "usb", "xr-spatial-tracking",
    )
} | {
    # Our own video player's buttons; a page with embeds adds their origins
    # (embeds/middleware.py).
    "fullscreen": ["self"],
    "picture-in-picture": ["self"],
}  # fmt: skip
# django-axes: lock out a (user name, address) pair, not a whole office behind one NAT.
AXES_FAILURE_LIMIT = "newsroom.security.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
# Per (user name, address), and per user name alone: the ceiling below picks the limit.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "newsroom.security.client_ip"
AXES_VERBOSE = False
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = HSTS_SECONDS
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = HSTS_PRELOAD
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "newsroom.requestlog.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "newsroom.requestlog.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's own loggers go through the same handler, once.
    "loggers": {"django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False}},
}
