"""Where a purge goes: this layer's own versions in the shared cache always, and any
shared cache in front (Varnish with xkey, a CDN) configured in NEWSROOM_PURGE_URLS.

A purger in front is told the same dependency keys the answers carried in their
Surrogate-Key header. Varnish (docs/deploy/varnish.vcl) takes `PURGE /` with the keys in
an `xkey-purge` header. A purge that cannot be delivered is logged, never raised: the
change is committed, and what Varnish holds expires within its TTL
(NEWSROOM_PUBLIC_MAX_AGE)."""

import http.client
import logging
from urllib.parse import urlsplit

from django.conf import settings

from . import dependencies

log = logging.getLogger(__name__)


def on_content_changed(sender, keys, **kwargs):
    dependencies.purge(keys)
    for url in settings.NEWSROOM_PURGE_URLS:
        varnish_purge(url, keys)


def varnish_purge(url, keys, timeout=2.0):
    parts = urlsplit(url)
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(parts.hostname, parts.port, timeout=timeout)
    try:
        headers = {"xkey-purge": " ".join(sorted(keys))}
        connection.request("PURGE", parts.path or "/", headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status >= 400:
            log.warning("Purge at %s answered %s", url, response.status)
    except OSError as error:
        log.warning("Purge at %s failed: %s", url, error)
    finally:
        connection.close()
