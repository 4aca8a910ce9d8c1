from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from pagecache import blocks

register = template.Library()


@register.simple_tag(takes_context=True)
def shared_block(context, url_name, **param):
    """A shared block (pagecache/blocks.py) at this place in the page: an include the page
    cache assembles when it serves the page, or the block itself where nothing will."""
    if len(param) > 1:
        raise template.TemplateSyntaxError("A shared block takes one parameter at most.")
    address = reverse(url_name)
    if param:
        ((name, value),) = param.items()
        address = f"{address}?{name}={value}"
    request = context.get("request")
    if request is None:
        return ""
    if getattr(request, blocks.ASSEMBLED, False):
        return mark_safe(blocks.include(address))  # noqa: S308 - our own address, escaped
    return mark_safe(blocks.render_in_place(request, address))  # noqa: S308 - rendered HTML
