"""A change purges what shows it, after it commits, once — and nothing else."""

import hashlib
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import services
from articles.models import Story
from articles.services import Action, story_act
from articles.signals import content_changed
from tests.factories import SectionFactory, StoryFactory, user_with_role
from tests.html import text
from tests.support.pagecache import changed_on_another_server

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def sent():
    """The content_changed signals sent, as the sets of keys they carried."""
    found = []

    def receiver(sender, keys, **kwargs):
        found.append(set(keys))

    content_changed.connect(receiver, dispatch_uid="test-sent")
    yield found
    content_changed.disconnect(dispatch_uid="test-sent")


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, len(captured)


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


def newsroom(count=15):
    """Stories an hour apart, the newest first in the list returned."""
    return [StoryFactory(published_at=hours_ago(n + 1)) for n in range(count)]


def edit(story, headline, editor=None):
    story = Story.objects.get(pk=story.pk)
    story.headline = headline
    return services.story_act(
        story=story,
        user=editor or user_with_role("Editor"),
        relations={},
        tags=list(story.tags.names()),
    )


def test_a_draft_saved_all_day_purges_nothing(sent, committed, reader):
    stories = newsroom(3)
    draft = StoryFactory(draft=True, headline="Working title")
    for url in ("/", "/news/", stories[0].get_absolute_url()):
        reader.get(url)
    sent.clear()
    editor = user_with_role("Editor")
    for n in range(5):
        with committed():
            edit(draft, f"Working title {n}", editor)
    assert sent == []
    for url in ("/", "/news/", stories[0].get_absolute_url()):
        assert queries(reader, url)[1] == 0


def test_a_change_is_sent_once_after_the_commit(sent, committed):
    story = newsroom(1)[0]
    editor = user_with_role("Editor")
    sent.clear()
    with committed(), transaction.atomic():
        edit(story, "New wording", editor)  # fields, relations, tags: several saves
        edit(story, "Newer wording", editor)
        assert sent == []  # nothing before the commit
    assert len(sent) == 1
    assert f"story:{story.pk}" in sent[0]


def test_a_rolled_back_change_sends_nothing(sent, committed):
    story = newsroom(1)[0]
    sent.clear()
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        edit(story, "Never committed")
        raise RuntimeError
    assert sent == []


def test_an_edit_leaves_other_articles_cached(reader, committed):
    stories = newsroom(15)
    old, other = stories[-1], stories[-2]  # neither is among the newest that More news lists
    reader.get(old.get_absolute_url())
    reader.get(other.get_absolute_url())

    with committed():
        edit(old, "An old story, corrected")

    assert queries(reader, other.get_absolute_url())[1] == 0
    response, count = queries(reader, old.get_absolute_url())
    assert count > 0 and "An old story, corrected" in text(response)


def test_an_edit_purges_the_articles_that_show_it(reader, committed):
    stories = newsroom(15)
    newest, old = stories[0], stories[-1]
    reader.get(old.get_absolute_url())  # its More news lists the newest story

    with committed():
        edit(newest, "The newest, reworded")

    assert "The newest, reworded" in text(reader.get(old.get_absolute_url()))


def test_a_publication_purges_the_lists_it_enters_and_no_other(reader, committed):
    world, sport = SectionFactory(slug="world"), SectionFactory(slug="sport")
    StoryFactory(section=world, published_at=hours_ago(2))
    StoryFactory(section=sport, published_at=hours_ago(3))
    draft = StoryFactory(section=world, draft=True, headline="Just in")
    for url in ("/", "/news/", "/sections/world/", "/sections/sport/"):
        reader.get(url)

    with committed():
        story_act(story=draft, user=user_with_role("Editor"), action=Action.PUBLISH)

    for url in ("/", "/news/", "/sections/world/"):
        response, count = queries(reader, url)
        assert count > 0 and "Just in" in text(response), url
    assert queries(reader, "/sections/sport/")[1] == 0


def test_a_new_tag_on_a_story_purges_that_tag_page(reader, committed):
    story = StoryFactory(headline="Ferry news")
    story.tags.add("ferries")
    other = StoryFactory(headline="Rail news")
    other.tags.add("trains")
    reader.get("/tags/trains/")
    reader.get("/tags/ferries/")

    with committed():
        services.story_act(
            story=Story.objects.get(pk=story.pk),
            user=user_with_role("Editor"),
            relations={},
            tags=["ferries", "trains"],
        )

    assert "Ferry news" in text(reader.get("/tags/trains/"))


def test_answers_say_what_they_show_in_surrogate_key(reader):
    stories = newsroom(3)
    keys = reader.get(stories[1].get_absolute_url())["Surrogate-Key"].split()
    assert {f"story:{stories[1].pk}", f"story:{stories[0].pk}", "list:all", "site"} <= set(keys)
    assert "any" in reader.get("/search/?q=word")["Surrogate-Key"].split()


def test_a_page_rendered_while_its_story_changes_is_not_kept(reader, monkeypatch):
    """A render that read the story before a commit and is stored after the purge must
    not be kept under the new versions."""
    from articles import selectors
    from pagecache import dependencies

    story = newsroom(3)[-1]
    url = story.get_absolute_url()
    real = selectors.related_for_article

    def purged_meanwhile(item, *args, **kwargs):
        dependencies.purge({f"story:{item.pk}"})  # another server's edit commits now
        return real(item, *args, **kwargs)

    monkeypatch.setattr(selectors, "related_for_article", purged_meanwhile)
    reader.get(url)
    monkeypatch.setattr(selectors, "related_for_article", real)
    assert queries(reader, url)[1] > 0  # rendered again: nothing was stored


def test_a_story_edit_purges_at_most_twenty_stored_pages(reader, committed):
    """A reader mix of 60 pages (home, lists, feeds, tags, 40 articles); editing one story
    in the middle of the archive makes stale only the pages that show it."""
    sections = [SectionFactory(slug=f"s{n}") for n in range(4)]
    stories = []
    for n in range(40):
        story = StoryFactory(section=sections[n % 4], published_at=hours_ago(n + 1))
        story.tags.add(f"tag-{n % 6}")
        stories.append(story)
    mix = ["/", "/news/", "/news/rss/", "/news/atom/", "/api/feed/"]
    mix += [f"/sections/s{n}/" for n in range(4)] + [f"/tags/tag-{n}/" for n in range(6)]
    mix += [story.get_absolute_url() for story in stories]
    for url in mix:
        reader.get(url)
    assert all(queries(reader, url)[1] == 0 for url in mix)

    with committed():
        edit(stories[20], "Corrected in the middle of the archive")

    stale = [url for url in mix if queries(reader, url)[1] > 0]
    assert stories[20].get_absolute_url() in stale
    assert len(stale) <= 20, stale


class _PurgeReceiver(BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):
        self.received.append(self.headers.get("xkey-purge", ""))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def varnish_stub():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PurgeReceiver)
    _PurgeReceiver.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/", _PurgeReceiver.received
    server.shutdown()
    server.server_close()


def test_a_shared_cache_in_front_is_told_the_same_keys(varnish_stub, settings, committed):
    url, received = varnish_stub
    settings.NEWSROOM_PURGE_URLS = [url]
    story = newsroom(1)[0]
    received.clear()
    with committed():
        edit(story, "Purged in front too")
    assert len(received) == 1
    assert f"story:{story.pk}" in received[0].split()


def test_a_shared_cache_in_front_that_is_down_does_not_fail_the_edit(settings, committed):
    settings.NEWSROOM_PURGE_URLS = ["http://127.0.0.1:1/"]  # nothing listens
    story = newsroom(1)[0]
    with committed():
        edit(story, "Saved all the same")
    assert Story.objects.get(pk=story.pk).headline == "Saved all the same"


def test_with_a_shared_cache_in_front_no_process_copy_outlives_a_purge(reader, settings):
    """Varnish asks the app again only after a purge: the app must not hand it this
    process's copy from before, even within NEWSROOM_VERSION_CHECK_SECONDS."""
    settings.NEWSROOM_VERSION_CHECK_SECONDS = 60
    settings.NEWSROOM_PURGE_URLS = ["http://127.0.0.1:1/"]
    story = newsroom(1)[0]
    url = story.get_absolute_url()
    reader.get(url)
    changed_on_another_server(story, headline="Changed on another server")
    assert "Changed on another server" in text(reader.get(url))


def test_while_one_request_renders_a_purged_page_others_get_the_one_before(
    reader, committed, settings
):
    from django.core.cache import cache

    story = newsroom(1)[0]
    url = story.get_absolute_url()
    reader.get(url)
    stored = "page:" + hashlib.sha256(f"http|{url}|".encode()).hexdigest()
    assert cache.get(stored) is not None
    with committed():
        edit(story, "Reworded while readers crowd in")

    cache.add(f"{stored}:rendering", 1, settings.NEWSROOM_PAGE_CACHE_STALE_SECONDS)  # taken
    response, count = queries(reader, url)
    assert count == 0 and "Reworded" not in text(response)
    assert response["Cache-Control"] == "no-store"  # nothing downstream keeps it

    cache.delete(f"{stored}:rendering")  # that render is done (or its bound has passed)
    response, count = queries(reader, url)
    assert count > 0 and "Reworded while readers crowd in" in text(response)


def test_an_editor_saving_the_story_form_sends_one_purge(sent, committed, client):
    """Through the desk: the form saves the fields, then the relations and tags, then the
    revision and the search entry — readers' caches hear of it once, after the commit."""
    from tests.forms import form_data

    story = newsroom(1)[0]
    story.tags.add("ferries")
    client.force_login(user_with_role("Editor"))
    url = f"/admin/articles/story/{story.pk}/change/"
    data = form_data(client.get(url))
    data["headline"] = "Edited in the desk"
    data["tags"] = "ferries, harbours"
    sent.clear()
    with committed():
        response = client.post(url, data)
    assert response.status_code == 302
    assert len(sent) == 1
    assert {f"story:{story.pk}", "list:tag:" + str(story.tags.get(slug="harbours").pk)} <= sent[0]


def test_a_version_the_cache_lost_never_makes_an_old_page_current(reader):
    """A page stored before its story's key was ever purged; the story changes; the cache
    then evicts that key's version. The page must not be taken for current."""
    from django.core.cache import cache

    from pagecache import dependencies

    story = newsroom(1)[0]
    url = story.get_absolute_url()
    cache.clear()  # a cache that has never seen this story's key purged
    reader.get(url)
    changed_on_another_server(story, headline="Changed, then its version evicted")
    dependencies.note_local_purge()
    cache.delete(dependencies.VERSION_PREFIX + f"story:{story.pk}")
    assert "Changed, then its version evicted" in text(reader.get(url))
