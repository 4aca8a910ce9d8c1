"""Shared blocks: pieces many pages show (an article's "More news", the home page's live
feed column) kept apart from the pages they sit in, so that a change to what a block
shows makes the block stale, once, and not every page that shows it.

A template places a block with `{% shared_block address %}` (see
templatetags/pagecache_tags.py). The block is a public view of its own at an address of
its own, cached like any page under its own dependency keys. Where the page cache
handles the request, the page is rendered and stored with an Edge Side Include in the
block's place, `<esi:include src="/_blocks/…"/>`, and assembled when it is served:
by Varnish, when it asks with `Surrogate-Capability: …="ESI/1.0"` (docs/deploy/varnish.vcl),
or else by the page cache itself, from the block's own cached copy (rendered on a miss).
Anywhere else (the page cache off, an editor's signed-in view, a preview) the block's
view is called in place and its answer written into the page.

A block's address carries what it needs in its path, so the include needs no `&` (which
an ESI processor would have to unescape).
"""

import copy
import logging
import re

from django.http import QueryDict
from django.urls import get_script_prefix, resolve
from django.utils.html import escape

from articles.dependencies import depends_on

log = logging.getLogger(__name__)

# An include the page cache itself wrote: our own addresses only, never text from a story
# (the sanitiser keeps no esi: element, and templates escape every `<` of a headline).
INCLUDE = re.compile(rb'<esi:include src="(/_blocks/[A-Za-z0-9_/-]*/)"/>')

# What a block must not see from the page's request: it would answer 304 to a reader's
# conditional GET for the page, or read another view's form.
_NOT_FOR_BLOCKS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "CONTENT_LENGTH", "CONTENT_TYPE")

# Whether the request is the page cache's to assemble (set by the middleware).
ASSEMBLED = "pagecache_assembles"


def include(address) -> str:
    return f'<esi:include src="{escape(address)}"/>'


def subrequest(request, address):
    """A GET for the block at `address`, made from the page's request (its scheme, host,
    headers) as Varnish makes one for an include."""
    path, _, query = address.partition("?")
    sub = copy.copy(request)
    for cached in ("GET", "resolver_match", "_cached_user", "user", "session"):
        sub.__dict__.pop(cached, None)
    sub.META = {k: v for k, v in request.META.items() if k not in _NOT_FOR_BLOCKS}
    prefix = get_script_prefix()
    path_info = "/" + path[len(prefix) :] if path.startswith(prefix) else path
    sub.META.update(REQUEST_METHOD="GET", PATH_INFO=path_info, QUERY_STRING=query)
    sub.GET = QueryDict(query)
    if hasattr(sub, "environ"):
        sub.environ = sub.META
    sub.method = "GET"
    sub.path, sub.path_info = path, path_info
    sub.pagecache_depth = getattr(request, "pagecache_depth", 0) + 1
    return sub


def render_in_place(request, address) -> str:
    """The block's view called directly, its answer's text for the page (the page then
    depends on what the block shows as well)."""
    sub = subrequest(request, address)
    match = resolve(sub.path_info)
    response = match.func(sub, *match.args, **match.kwargs)
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    depends_on(*response.get("Surrogate-Key", "").split())
    if response.status_code != 200:
        log.warning("Block %s answered %s", address, response.status_code)
        return ""
    return response.content.decode(response.charset)


def assemble(content: bytes, fetch) -> bytes:
    """The page with each include replaced by `fetch(address)` (bytes; empty when the
    block cannot be had, as ESI's onerror="continue" leaves it out)."""
    return INCLUDE.sub(lambda found: fetch(found.group(1).decode()), content)


def needs_assembly(response) -> bool:
    return not response.streaming and b"<esi:include " in response.content
