"""Downloads from outside (the wire's feeds, items and pictures by URL; embeds' oEmbed
answers and thumbnails) that whoever wrote the address cannot point anywhere they like.

An address in a feed is chosen by whoever wrote the feed, or by a man in the middle of an
http:// one. So every download here:
- goes only to http(s), on the default ports or any other, by host name or address;
- resolves the host itself and connects to an address it checked: never loopback,
  private, link-local (cloud metadata), multicast, reserved or shared ranges, unless
  the operator allowed that network (NEWSROOM_WIRE_ALLOWED_NETWORKS). Connecting to the
  checked address, not the name, means a second DNS answer cannot swap it;
- may be limited to named hosts (NEWSROOM_WIRE_ALLOWED_HOSTS, or the caller's list);
- checks all of that again on every redirect (at most five);
- reads at most `limit` bytes and stops at one overall deadline, however slowly the
  other side drips its answer.

urllib's opener follows redirects and resolves names on its own, which is why this uses
http.client directly.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.template.defaultfilters import filesizeformat

USER_AGENT = "newsroom-import/1 (+https://github.com/newsroom)"
MAX_REDIRECTS = 5
CHUNK = 64 * 1024


class FetchFailed(Exception):
    """A download that did not succeed, or was not allowed; its text says why."""


class TooLarge(FetchFailed):
    """The answer is bigger than the caller allows."""


@dataclass
class Download:
    url: str  # where the answer finally came from, after redirects
    body: bytes
    content_type: str


def allowed_address(address: str) -> bool:
    """Whether the wire may make us connect to this IP address."""
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for network in settings.WIRE_ALLOWED_NETWORKS:
        if ip in ipaddress.ip_network(network, strict=False):
            return True
    # is_global leaves out private, loopback, link-local (169.254.169.254 and the other
    # metadata services), shared (100.64/10), reserved and unspecified ranges.
    return ip.is_global and not ip.is_multicast


def allowed_host(host: str, hosts=(), *, wire=True) -> bool:
    """Whether the host is on the allowlist, when there is one (".example.com" also
    allows its subdomains). `wire=False`: NEWSROOM_WIRE_ALLOWED_HOSTS, the agencies'
    hosts, does not apply (an embed's oEmbed answer comes from its provider)."""
    allowlist = [h.lower() for h in (*(settings.WIRE_ALLOWED_HOSTS if wire else ()), *hosts)]
    if not allowlist:
        return True
    host = host.lower().rstrip(".")
    return any(
        host == entry.lstrip(".") or (entry.startswith(".") and host.endswith(entry))
        for entry in allowlist
    )


def _checked(url: str, hosts, wire=True) -> tuple[str, str, int]:
    """(scheme, host, port) of a URL the wire may make us fetch, else FetchFailed."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchFailed(f"{parts.scheme or 'a relative'} address not fetched: {url}")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        raise FetchFailed(f"not a valid address: {url}") from None
    if not host:
        raise FetchFailed(f"no host in {url}")
    if parts.username or parts.password:
        raise FetchFailed("addresses with a user name or password are not fetched")
    if not allowed_host(host, hosts, wire=wire):
        raise FetchFailed(f"{host} is not one of the hosts downloads are allowed from")
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80)


def _address(host: str, port: int, timeout: float) -> str:
    """The address to connect to: every address the name resolves to must be allowed."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise FetchFailed(f"{host} could not be resolved ({error})") from None
    addresses = [info[4][0] for info in found]
    refused = [a for a in addresses if not allowed_address(a)]
    if refused or not addresses:
        raise FetchFailed(
            f"{host} is an internal address ({', '.join(refused) or 'none'}); "
            "downloads go to public addresses only"
        )
    return addresses[0]


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to a checked address, with the certificate checked against the host name."""

    def __init__(self, address, host, port, timeout):
        super().__init__(address, port, timeout=timeout, context=ssl.create_default_context())
        self.server_name = host

    def connect(self):
        sock = socket.create_connection((self.host, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.server_name)


def fetch(
    url: str, *, limit: int, hosts=(), seconds: float | None = None, wire: bool = True
) -> Download:
    """GET an http(s) URL under the rules above. Raises FetchFailed."""
    deadline = time.monotonic() + (seconds if seconds is not None else settings.WIRE_FETCH_SECONDS)
    for _hop in range(MAX_REDIRECTS + 1):
        scheme, host, port = _checked(url, hosts, wire)
        remaining = _remaining(deadline)
        address = _address(host, port, remaining)
        if scheme == "https":
            connection = _PinnedHTTPS(address, host, port, remaining)
        else:
            connection = http.client.HTTPConnection(address, port, timeout=remaining)
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request(
                "GET",
                target,
                headers={
                    "Host": parts.netloc.rsplit("@", 1)[-1],
                    "User-Agent": USER_AGENT,
                    "Accept-Encoding": "identity",
                },
            )
            sock = connection.sock  # the response takes it over; its timeout still applies
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise FetchFailed(f"HTTP {response.status} without a Location")
                url = urljoin(url, location.strip())
                continue
            if response.status != 200:
                raise FetchFailed(f"HTTP {response.status} {response.reason}".strip())
            body = _read(sock, response, limit, deadline)
            return Download(url, body, response.getheader("Content-Type", "") or "")
        except (OSError, http.client.HTTPException) as error:
            raise FetchFailed(_reason(error, deadline)) from None
        finally:
            connection.close()
    raise FetchFailed(f"more than {MAX_REDIRECTS} redirects")


def _remaining(deadline) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchFailed("took longer than allowed")
    return left


def _read(sock, response, limit, deadline) -> bytes:
    """The whole body, before the deadline; TooLarge past `limit` bytes (refused before
    reading a byte of it when the server says its length)."""
    too_large = TooLarge(f"larger than {filesizeformat(limit)}, the most allowed")
    declared = response.getheader("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks, size = [], 0
    while True:
        sock.settimeout(_remaining(deadline))
        # read1: what has arrived (one recv), so a server dripping bytes meets the deadline.
        chunk = response.read1(min(CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise too_large


def _reason(error, deadline) -> str:
    if isinstance(error, TimeoutError | socket.timeout) or time.monotonic() >= deadline:
        return "took longer than allowed"
    if isinstance(error, ssl.SSLError):
        return f"TLS failed ({error.reason or error})"
    return str(getattr(error, "strerror", None) or error) or error.__class__.__name__
