"""What public answers show, as dependency keys: the names, and the call views make
while they render to say what they show (`shows`). signals.py purges the same names when
things change; the page cache (pagecache/) keeps each answer until one of its keys is
purged, and sends them in the Surrogate-Key header to a cache in front.

A name is a story ("story:12"), a list ("list:section:3", "list:all"), the home page's
choice ("home"), or one of:
- SITE, which every answer depends on: names and pieces shown everywhere (the masthead's
  sections, a tag's name);
- ANY, for answers that name nothing finer (search results, sitemaps): purged by every
  change readers can see.
A scheduled story going live changes pages without any save: the page cache keeps no
page past the next such time (freshness.next_going_live), so no key stands for it.
"""

import contextvars

SITE = "site"
ANY = "any"

_collected = contextvars.ContextVar("public_answer_dependencies", default=None)


class keys:
    SITE = SITE
    ANY = ANY
    HOME = "home"  # the home page's choice: pins, top stories, section blocks
    ALL = "list:all"  # which stories are public, newest first: All news, feeds, More news

    @staticmethod
    def story(pk):
        return f"story:{pk}"

    @staticmethod
    def listing(kind, pk):
        return f"list:{kind}:{pk}"


def depends_on(*names):
    """Record that the answer being rendered shows these things (no-op outside one)."""
    found = _collected.get()
    if found is not None:
        found.update(names)


class collecting:
    """`with collecting() as names:` — the dependency keys recorded while rendering."""

    def __enter__(self):
        self.names = {SITE}
        self.token = _collected.set(self.names)
        return self.names

    def __exit__(self, *exc):
        _collected.reset(self.token)


def shows(stories=(), *lists):
    """The answer being rendered shows these stories, and depends on these lists."""
    depends_on(*lists, *(keys.story(story.pk) for story in stories))


def list_key(subject):
    """The key of the list of stories about `subject` (a section, theme, source or tag;
    None for all news)."""
    if subject is None:
        return keys.ALL
    return keys.listing(subject._meta.model_name, subject.pk)
