"""HTTP caching for what anyone may read: Cache-Control, ETag, Last-Modified, and 304
answers to conditional GETs, decided before the view renders anything."""

from functools import wraps

from django.conf import settings
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition

from . import freshness


def public(view):
    """Wrap a public view: shared caches may keep it briefly; a client that has the
    current version gets 304 Not Modified without the page being rendered again."""
    conditional = condition(etag_func=freshness.etag, last_modified_func=freshness.last_modified)
    return cache_control(public=True, max_age=settings.NEWSROOM_PUBLIC_MAX_AGE)(
        conditional(_without_own_last_modified(view))
    )


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
