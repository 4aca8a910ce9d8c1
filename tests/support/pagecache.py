"""Another app server's change, as the page cache on this one sees it."""

from articles.models import Story
from pagecache import dependencies


def changed_on_another_server(story, **values):
    """What another app server's change looks like from here: the database and the shared
    cache's versions change; this process purged nothing, so its own copies wait for
    NEWSROOM_VERSION_CHECK_SECONDS as they would."""
    Story.objects.filter(pk=story.pk).update(**values)
    here = dependencies._last_local_purge
    dependencies.purge({f"story:{story.pk}"})
    dependencies._last_local_purge = here
