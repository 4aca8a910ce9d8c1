from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from pagecache import blocks, fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def shared_block(context, address):
    """The shared block at `address` (pagecache/blocks.py) in this place of the page: an
    include the page cache assembles when it serves the page, or the block itself where
    nothing will."""
    request = context.get("request")
    if not address or request is None:
        return ""
    if getattr(request, blocks.ASSEMBLED, False):
        return mark_safe(blocks.include(address))  # noqa: S308 - our own address, escaped
    return mark_safe(blocks.render_in_place(request, address))  # noqa: S308 - rendered HTML


class FragmentsNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        with fragments.collecting() as scope:
            html = self.nodelist.render(context)
        return mark_safe(scope.fill(html))  # noqa: S308 - rendered templates


@register.tag("fragments")
def do_fragments(parser, token):
    """`{% fragments %}…{% endfragments %}`: the story fragments inside are read from the
    cache together, once the enclosed template is rendered (pagecache/fragments.py)."""
    nodelist = parser.parse(("endfragments",))
    parser.delete_first_token()
    return FragmentsNode(nodelist)


@register.simple_tag
def story_fragment(template_name, story, **flags):
    """A story rendered with `template_name` (a card, a feed item) and these flags, from
    the cache while the story is unchanged."""
    variant = template_name + "".join(f":{k}={v}" for k, v in sorted(flags.items()) if v)

    def render(full):
        return get_template(template_name).render({"story": full, **flags})

    return mark_safe(fragments.fragment(variant, story, render))  # noqa: S308 - rendered


class StoryFragmentNode(template.Node):
    def __init__(self, story, name, nodelist):
        self.story, self.name, self.nodelist = story, name, nodelist

    def render(self, context):
        story = self.story.resolve(context)
        request = context.get("request")
        # What it shows may hold absolute addresses (JSON-LD, Open Graph): per site name.
        site = f"{request.scheme}://{request.get_host()}" if request is not None else ""
        variant = f"{self.name.resolve(context)}:{site}"
        frozen = context.__copy__()  # rendered later, on a miss, with the context of now
        return mark_safe(  # noqa: S308 - a rendered template
            fragments.fragment(variant, story, lambda _full: self.nodelist.render(frozen))
        )


@register.tag("story_fragment_block")
def do_story_fragment_block(parser, token):
    """`{% story_fragment_block story "name" %}…{% endstory_fragment_block %}`: what is
    inside, rendered once per version of the story (queries it makes run only then)."""
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a story and a name.")
    nodelist = parser.parse(("endstory_fragment_block",))
    parser.delete_first_token()
    return StoryFragmentNode(
        parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), nodelist
    )
