"""Key-based fragments (the "Russian doll" pattern): a story's card is rendered once per
version of that story and reused by every page that shows it.

A fragment's cache key carries the version of everything it renders: the story's id and
last modification, the version of the story's dependency key (purged by what changes it
without saving it: a correction, its picture) and of SITE (the section and theme names
every card shows). So nothing is ever deleted: a change makes a new key, and the old
fragment ages out of the cache.

A page collects its fragments while it renders (`{% fragments %}…{% endfragments %}`
around the document, see templatetags/pagecache_tags.py): each card leaves a placeholder,
and when the page is done all of them are read in one round trip, the missing ones
rendered and written in one more, and the placeholders replaced. Outside such a scope
a card is simply rendered.
"""

import contextvars
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

from articles.dependencies import SITE, keys

from . import dependencies

PREFIX = "fragment:"


@dataclass
class Pending:
    variant: str
    story: object  # the story, or a row of it with pk and modified_at (see _full)
    render: object  # (story) -> str, on a miss


_scope = contextvars.ContextVar("fragments", default=None)


class collecting:
    """`with collecting() as scope:` then `scope.fill(html)`."""

    def __enter__(self):
        self.pending = []
        # Not guessable, and the \x00 around it is a character no saved text contains
        # (articles.signals.clean_text keeps only what XML allows).
        self.token = secrets.token_hex(6)
        self.reset = _scope.set(self)
        return self

    def __exit__(self, *exc):
        _scope.reset(self.reset)

    def placeholder(self, number):
        return f"\x00fragment-{self.token}-{number}\x00"

    def add(self, item) -> str:
        self.pending.append(item)
        return self.placeholder(len(self.pending) - 1)

    def fill(self, html: str) -> str:
        """The page with every fragment in place: read from the cache, or made (the
        stories read together) and written there; with NEWSROOM_FRAGMENT_SECONDS=0 all
        made, and nothing kept."""
        if not self.pending:
            return html
        found = dependencies.versions([SITE, *{keys.story(item.story.pk) for item in self.pending}])
        names = [_key(item, found) for item in self.pending]
        keeping = settings.NEWSROOM_FRAGMENT_SECONDS > 0
        stored = cache.get_many(set(names)) if keeping else {}
        missing = {
            name: item for item, name in zip(self.pending, names, strict=True) if name not in stored
        }
        full = _full([item.story for item in missing.values()])
        made = {name: item.render(full[item.story.pk]) for name, item in missing.items()}
        if made and keeping:
            cache.set_many(made, settings.NEWSROOM_FRAGMENT_SECONDS)
        stored |= made
        placeholder = re.compile(f"\x00fragment-{self.token}-(\\d+)\x00")
        return placeholder.sub(lambda found: stored[names[int(found.group(1))]], html)


def _key(item, found):
    story = item.story
    modified = story.modified_at.timestamp() if story.modified_at else 0
    # The release too: a deploy may change the templates.
    return (
        f"{PREFIX}{settings.NEWSROOM_RELEASE}:{item.variant}:{story.pk}:{modified}:"
        f"{found[keys.story(story.pk)]}:{found[SITE]}"
    )


def _full(stories):
    """{pk: story} with every row (a page's light read of what it shows, for_cards) read
    in full, all in one query, through NEWSROOM_FRAGMENT_LOADER."""
    full = {story.pk: story for story in stories if hasattr(story, "_meta")}
    rows = {story.pk for story in stories} - full.keys()
    if rows:
        full |= import_string(settings.NEWSROOM_FRAGMENT_LOADER)(rows)
    return full


def fragment(variant, story, render) -> str:
    """The story's fragment here: a placeholder filled when the page is done, or, outside
    a scope, the fragment rendered now."""
    scope = _scope.get()
    if scope is None:
        return render(_full([story])[story.pk])
    return scope.add(Pending(variant, story, render))
