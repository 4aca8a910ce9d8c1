"""The answer when something fails on our side: a database that does not answer (a
restart, a failover) is a temporary state, said as 503 with Retry-After, not a 500."""

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def database_unavailable(error) -> bool:
    """A failure to reach the database, rather than a wrong query (those stay 500s)."""
    return isinstance(error, (OperationalError, InterfaceError)) or (
        isinstance(error, DatabaseError) and "connection" in str(error).lower()
    )


def server_error(request):
    """handler500. Renders without a request context: whatever failed (the database, the
    cache) must not be needed again to say so."""
    error = sys.exc_info()[1]
    if error is None or not database_unavailable(error):
        return django_server_error(request)
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
