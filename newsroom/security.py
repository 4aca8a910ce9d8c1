"""The desk's sessions and the Content-Security-Policy's one exception."""

import base64
import hashlib
import ipaddress
import re
import time
from functools import cache

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.db.models import Sum
from django.dispatch import receiver

SEEN_AT = "newsroom:seen_at"
SIGNED_IN_AT = "newsroom:signed_in_at"
# The last activity is written to the session at most this often, not on every request.
SEEN_RESOLUTION = 60


@receiver(user_logged_in)
def _start_the_clocks(sender, request, user, **kwargs):
    # Written with the login itself, so the requests that follow write nothing.
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = request.session[SEEN_AT] = time.time()


class SessionLimitsMiddleware:
    """Ends a signed-in session after NEWSROOM_SESSION_IDLE_MINUTES without activity and
    NEWSROOM_SESSION_MAX_HOURS after signing in, whatever the activity. The desk's editor
    counts typing as activity (desk.js pings while someone types), so nobody is signed out
    in the middle of writing a story."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Readers without a session cookie are not looked at: touching their (empty)
        # session would add "Vary: Cookie" and keep their pages out of the page cache.
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        if has_session and request.user.is_authenticated:
            now = time.time()
            session = request.session
            signed_in_at = session.setdefault(SIGNED_IN_AT, now)
            seen_at = session.get(SEEN_AT, now)
            idle = now - seen_at > settings.SESSION_IDLE_MINUTES * 60
            if idle or now - signed_in_at > settings.SESSION_MAX_HOURS * 3600:
                logout(request)
                messages.info(
                    request,
                    "You were signed out after "
                    + (
                        f"{settings.SESSION_IDLE_MINUTES} minutes without activity."
                        if idle
                        else f"{settings.SESSION_MAX_HOURS} hours."
                    )
                    + " Sign in again to go on.",
                )
            elif now - seen_at >= SEEN_RESOLUTION or SEEN_AT not in session:
                session[SEEN_AT] = now
        return self.get_response(request)


@cache
def desk_script_hashes() -> tuple[str, ...]:
    """CSP hashes of the inline import map django-prose-editor puts on the story form:
    its modules load only through it. Computed from the editor's own media (so from the
    deployed static file names), once per process."""
    from django_prose_editor.widgets import AdminProseEditorWidget

    media = str(AdminProseEditorWidget().media)
    inline = re.findall(r'<script type="importmap"[^>]*>(.*?)</script>', media, re.S)
    return tuple(f"'sha256-{_sha256(content)}'" for content in inline)


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


# The base CSS that Tiptap (inside django-prose-editor 0.28's editor.js) injects as a
# <style> element when an editor starts. A new version of the bundle may change it:
# tests/browser/test_hostile_content.py then reports the violation and its new hash.
DESK_STYLE_HASHES = ("'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='",)


class DeskScriptHashesMiddleware:
    """Adds the rich text editor's two inline pieces, by hash, to the desk's pages only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            response._csp_update = {
                "script-src": list(desk_script_hashes()),
                "style-src": list(DESK_STYLE_HASHES),
            }
        return response


def _trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(n, strict=False) for n in settings.TRUSTED_PROXIES)


def client_ip(request) -> str | None:
    """The reader's address: REMOTE_ADDR; behind the load balancer (DJANGO_BEHIND_TLS_PROXY,
    the request coming from one of NEWSROOM_TRUSTED_PROXIES), the last address in
    X-Forwarded-For that is not one of those proxies. Entries a client wrote itself come
    before that and are never believed; a request from anywhere else is its own address."""
    remote = request.META.get("REMOTE_ADDR")
    if not settings.BEHIND_TLS_PROXY or not remote or not _trusted_proxy(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([h.strip() for h in forwarded.split(",") if h.strip()]):
        if _trusted_proxy(hop):
            continue
        try:
            return str(ipaddress.ip_address(hop))
        except ValueError:
            return remote  # garbage where an address should be: count the proxy's own
    return remote


def failure_limit(request, credentials) -> int:
    """django-axes' limit for the attempt at hand: LOGIN_FAILURE_LIMIT for one user name
    from one address; LOGIN_ACCOUNT_FAILURE_LIMIT for one user name from any addresses
    together, so that guessing from many addresses still ends (axes compares the larger
    of the two counts with what this returns)."""
    from axes.helpers import get_client_username
    from axes.models import AccessAttempt

    address = getattr(request, "axes_ip_address", None) or client_ip(request)
    pair = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials), ip_address=address
    ).aggregate(failures=Sum("failures_since_start"))["failures"]
    if (pair or 0) >= settings.LOGIN_FAILURE_LIMIT:
        return settings.LOGIN_FAILURE_LIMIT
    return max(settings.LOGIN_ACCOUNT_FAILURE_LIMIT, settings.LOGIN_FAILURE_LIMIT)
