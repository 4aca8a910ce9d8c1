"""The names of what public answers show (their dependency keys), and the call views
make to say what they show. signals.py purges the same names when things change.

A name is a story ("story:12"), a list ("list:section:3", "list:all"), the home page's
choice ("home"), or one of the page cache's own (SITE, ANY). See
pagecache/dependencies.py for what the page cache does with them."""

from pagecache import dependencies


class keys:
    SITE = dependencies.SITE  # every page: names shown everywhere, the masthead
    ANY = dependencies.ANY  # answers that name nothing finer: search, sitemaps
    SCHEDULE = dependencies.SCHEDULE  # when the next scheduled story goes live
    HOME = "home"  # the home page's choice: pins, top stories, section blocks
    ALL = "list:all"  # which stories are public, newest first: All news, feeds, More news

    @staticmethod
    def story(pk):
        return f"story:{pk}"

    @staticmethod
    def listing(kind, pk):
        return f"list:{kind}:{pk}"


def shows(stories=(), *lists):
    """The answer being rendered shows these stories, and depends on these lists."""
    dependencies.depends_on(*lists, *(keys.story(story.pk) for story in stories))


def list_key(subject):
    """The key of the list of stories about `subject` (a section, theme, source or tag;
    None for all news)."""
    if subject is None:
        return keys.ALL
    return keys.listing(subject._meta.model_name, subject.pk)
