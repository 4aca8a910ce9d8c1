"""The desk's story list at a million stories: a date hierarchy that reads the index.

Django's date hierarchy lists the years (or a year's months) with SELECT DISTINCT over
every matching row: a full scan of a ten-year archive on each load of the list. Here the
years and months come from the first and last dates (two index lookups) and one EXISTS
probe per period (an index range check each), all in a single statement. A chosen month
lists its days the usual way: a month is a few thousand rows at most.
"""

import datetime

from django import template
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.db import connection
from django.db.models import Max, Min
from django.utils import timezone

register = template.Library()


def _periods(first, last, kind):
    """Start of every year or month from `first` to `last` (local, aware), and the next."""
    start = first.replace(month=1 if kind == "year" else first.month, day=1)
    start = start.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    while start <= last.replace(tzinfo=None):
        if kind == "year":
            following = start.replace(year=start.year + 1)
        else:
            following = (start + datetime.timedelta(days=32)).replace(day=1)
        yield start, following
        start = following


def periods_with_rows(queryset, field, kind, bounds=None):
    """What `queryset.datetimes(field, kind)` returns for "year" and "month", in two
    queries whatever the size of the table (one when the caller has the bounds)."""
    bounds = bounds or queryset.aggregate(first=Min(field), last=Max(field))
    if bounds["first"] is None:
        return []
    zone = timezone.get_current_timezone()
    first, last = (timezone.localtime(bounds[k], zone) for k in ("first", "last"))
    periods = list(_periods(first, last, kind))
    probes = []
    for start, following in periods:
        probe = queryset.filter(
            **{
                f"{field}__gte": timezone.make_aware(start, zone),
                f"{field}__lt": timezone.make_aware(following, zone),
            }
        ).order_by()
        probes.append(probe.values("pk")[:1].query.sql_with_params())
    sql = ", ".join(f"EXISTS ({probe_sql})" for probe_sql, _params in probes)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql}", [p for _sql, params in probes for p in params])
        found = cursor.fetchone()
    return [
        timezone.make_aware(start, zone)
        for (start, _following), hit in zip(periods, found, strict=True)
        if hit
    ]


class _FastDates:
    """The change list's queryset, with datetimes() for years and months as above."""

    def __init__(self, queryset):
        self._queryset = queryset
        self._bounds = None

    def __getattr__(self, name):
        return getattr(self._queryset, name)

    def aggregate(self, **aggregates):
        # Django's hierarchy asks for the first and last dates before the periods: keep
        # them, so the periods do not ask again.
        result = self._queryset.aggregate(**aggregates)
        if set(result) == {"first", "last"}:
            self._bounds = result
        return result

    def datetimes(self, field, kind, *args, **kwargs):
        if kind in ("year", "month"):
            return periods_with_rows(self._queryset, field, kind, self._bounds)
        return self._queryset.datetimes(field, kind, *args, **kwargs)

    dates = datetimes


class _ChangeList:
    def __init__(self, cl):
        self._cl = cl
        self.queryset = _FastDates(cl.queryset)

    def __getattr__(self, name):
        return getattr(self._cl, name)


@register.inclusion_tag("admin/date_hierarchy.html")
def desk_date_hierarchy(cl):
    """Django's date hierarchy, fed by periods_with_rows."""
    return date_hierarchy(_ChangeList(cl))
