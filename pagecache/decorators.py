"""HTTP caching for what anyone may read: Cache-Control, ETag, Last-Modified, 304
answers to conditional GETs decided before the view renders anything, and the
Surrogate-Key header that says what the answer shows (articles/dependencies.py).

ETag and Last-Modified come from the functions of the module NEWSROOM_FRESHNESS names
(`etag`, `last_modified`): the domain knows when what readers see last changed."""

from functools import wraps
from importlib import import_module

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition

from articles.dependencies import ANY, SITE, collecting


def public(view, *, params=()):
    """Wrap a public view: shared caches may keep it briefly; a client that has the
    current version gets 304 Not Modified without the page being rendered again.

    `params` are the query parameters the view reads. The page cache keys the answer by
    those alone, and renders it as if nothing else had been asked: `?utm_source=…`,
    `?fbclid=…` or any other parameter is the same page, stored once."""
    freshness = import_module(settings.NEWSROOM_FRESHNESS)
    conditional = condition(etag_func=freshness.etag, last_modified_func=freshness.last_modified)
    wrapped = _with_surrogate_keys(
        _private_for_the_desk(
            cache_control(public=True, max_age=settings.NEWSROOM_PUBLIC_MAX_AGE)(
                conditional(_without_own_last_modified(view))
            )
        )
    )
    wrapped.cache_params = frozenset(params)
    return wrapped


def _private_for_the_desk(view):
    """Someone signed in (an editor reading the site) may get a page with their session
    cookie refreshed, or one that differs for them: no shared cache may keep it."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if settings.SESSION_COOKIE_NAME in request.COOKIES or response.cookies:
            patch_cache_control(response, private=True, no_store=True, max_age=0)
            patch_vary_headers(response, ["Cookie"])
        return response

    return wrapped


def _without_own_last_modified(view):
    """Feeds and sitemaps set Last-Modified from their newest item; the one that decides
    304s must be the one clients see, so theirs gives way to ours."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.has_header("Last-Modified"):
            del response["Last-Modified"]
        return response

    return wrapped


def _with_surrogate_keys(view):
    """What the answer shows, as the keys it depends on (ANY when the view named nothing
    finer), in the header the page cache and a shared cache in front both read."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        with collecting() as keys:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # a template response shows its stories while rendering
        if keys == {SITE}:
            keys.add(ANY)
        response["Surrogate-Key"] = " ".join(sorted(keys))
        return response

    return wrapped
