"""One structured log line per request, with a request id and its timing.

The id comes from the load balancer's X-Request-ID when it sends a sane one (so one id
follows a request through every layer), or is made here; it is sent back in the
response's X-Request-ID and stamped on every log record written while the request runs.
With DJANGO_LOG_FORMAT=json (the default in production) each record is one JSON object
on stdout, ready for a log collector.
"""

import contextvars
import json
import logging
import re
import time
import uuid

from django.core.signals import request_finished
from django.dispatch import receiver

logger = logging.getLogger("newsroom.requests")

_request_id = contextvars.ContextVar("request_id", default=None)
_SANE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SANE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        # Kept until the request is finished, not just until this middleware returns:
        # Django logs 4xx/5xx answers after the whole middleware chain.
        _request_id.set(request_id)
        start = time.perf_counter()
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        duration = (time.perf_counter() - start) * 1000
        logger.info(
            "%s %s %s %.1f ms",
            request.method,
            request.path,
            response.status_code,
            duration,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(duration, 1),
            },
        )
        return response


@receiver(request_finished)
def _forget_request_id(**kwargs):
    _request_id.set(None)


class RequestIdFilter(logging.Filter):
    """Stamps the current request's id (or None) on every record."""

    def filter(self, record):
        record.request_id = _request_id.get()
        return True


# Attributes every LogRecord has; anything else on a record came from `extra`.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


class JsonFormatter(logging.Formatter):
    """A record as one line of JSON: time, level, logger, message, request id, the
    `extra` fields and, for an error, the traceback."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        entry.update({key: value for key, value in vars(record).items() if key not in _STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)

    converter = time.gmtime
