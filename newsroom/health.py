"""Health checks for load balancers and process managers.

/healthz: the process is up and answering (nothing else is touched).
/readyz: it can serve readers: the database and the cache both answer. 503 otherwise,
naming what failed, so a load balancer takes this server out of rotation until they do.

Answered by the first middleware, before the host check, the HTTPS redirect and the
page cache: a load balancer probes with its own address as the host, over plain HTTP.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse

from .cache import memory_bound_problem

logger = logging.getLogger(__name__)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    key, token = "readyz:probe", uuid.uuid4().hex
    cache.set(key, token, 10)
    if cache.get(key) != token:
        raise RuntimeError("the cache did not return what was just stored")


CHECKS = {"database": _database, "cache": _cache}


def readiness():
    """({check: "ok" or the error}, all ok?). A cache whose memory is not bounded is
    reported as a warning: it serves readers, but the operator must fix its setting."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as error:  # any failure means not ready; say which
            logger.warning("readyz: %s failed: %s", name, error)
            results[name] = f"error: {type(error).__name__}"
    ready = all(value == "ok" for value in results.values())
    if results.get("cache") == "ok":
        problem = memory_bound_problem(cache)
        results["cache_memory"] = f"warning: {problem}" if problem else "bounded"
    return results, ready


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            response = HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
        elif request.path == "/readyz":
            results, ready = readiness()
            response = JsonResponse(results, status=200 if ready else 503)
        else:
            return self.get_response(request)
        response["Cache-Control"] = "no-store"
        return response
