"""When did what readers can see last change? For Last-Modified and ETag headers.

Two facts bound it: the latest edit of any story (an edit, a publication or a withdrawal
always saves the story), and the latest publication time that has already come (a
scheduled story goes live without any save). Both are read through an index.
"""

from django.db.models import F
from django.utils import timezone

from .models import Story


def last_change():
    """The time of the latest change readers could notice, or None for an empty newsroom."""
    edited = (
        Story.objects.order_by(F("modified_at").desc(), F("id").desc())
        .values_list("modified_at", flat=True)
        .first()
    )
    went_live = (
        Story.objects.published().newest_first().values_list("published_at", flat=True).first()
    )
    times = [t for t in (edited, went_live) if t is not None]
    return max(times) if times else None


def last_modified(request, *args, **kwargs):
    """For django.views.decorators.http.condition: never later than now."""
    changed = last_change()
    return min(changed, timezone.now()) if changed else None
