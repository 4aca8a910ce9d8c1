"""Whole pages come from the cache for readers, and no reader sees a stale page after a
publication, an edit, a withdrawal, a deletion or a scheduled story's time."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Story
from articles.services import Action, story_act
from tests.factories import SectionFactory, StoryFactory, user_with_role
from tests.html import text
from tests.support.pagecache import changed_on_another_server

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def queries(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    return response, len(captured)


@pytest.mark.parametrize("url", ["/", "/news/", "/news/rss/", "/api/feed/", "ARTICLE"])
def test_a_second_reader_gets_the_same_page_without_a_query(reader, url):
    story = StoryFactory(headline="Cached headline")
    url = story.get_absolute_url() if url == "ARTICLE" else url
    first, _ = queries(reader, url)
    second, count = queries(reader, url)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["ETag"] == first["ETag"]
    assert count == 0


def test_a_cached_page_answers_a_conditional_get_with_304(reader):
    StoryFactory()
    etag = reader.get("/").headers["ETag"]
    response, count = queries(reader, "/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert count == 0


def test_an_editor_publishing_shows_the_story_at_once(reader, committed):
    StoryFactory(headline="Older news")
    draft = StoryFactory(headline="Fresh from the desk", draft=True)
    assert "Fresh from the desk" not in text(reader.get("/"))
    assert reader.get("/news/rss/").status_code == 200

    with committed():
        story_act(story=draft, user=user_with_role("Editor"), action=Action.PUBLISH)

    assert "Fresh from the desk" in text(reader.get("/"))
    assert "Fresh from the desk" in reader.get("/news/rss/").content.decode()
    assert reader.get(Story.objects.get(pk=draft.pk).get_absolute_url()).status_code == 200


def test_a_withdrawn_story_disappears_at_once(reader, committed):
    story = StoryFactory(headline="Soon withdrawn")
    url = story.get_absolute_url()
    assert reader.get(url).status_code == 200
    assert "Soon withdrawn" in text(reader.get("/news/"))

    with committed():
        story_act(story=story, user=user_with_role("Editor"), action=Action.WITHDRAW)

    assert reader.get(url).status_code == 404
    assert "Soon withdrawn" not in text(reader.get("/news/"))


def test_an_edit_shows_at_once(reader):
    story = StoryFactory(headline="First wording")
    assert "First wording" in text(reader.get(story.get_absolute_url()))
    Story.objects.filter(pk=story.pk).update(headline="Second wording")  # no signal…
    story.refresh_from_db()
    story.headline = "Third wording"
    story.save()  # …but a save is a change
    assert "Third wording" in text(reader.get(story.get_absolute_url()))


def test_a_deleted_story_disappears_at_once(reader, committed):
    older = StoryFactory(
        headline="Older, then deleted", published_at=timezone.now() - timedelta(days=1)
    )
    StoryFactory(headline="Newest story")  # the newest edit and publication
    assert "Older, then deleted" in text(reader.get("/news/"))
    with committed():
        older.delete()  # moves neither the newest edit nor the newest publication time
    assert "Older, then deleted" not in text(reader.get("/news/"))


def test_a_renamed_section_shows_at_once(reader):
    section = SectionFactory(name="Economy", slug="economy")
    StoryFactory(section=section)
    assert "Economy" in text(reader.get("/"))
    section.name = "Business"
    section.save()
    page = text(reader.get("/"))
    assert "Business" in page
    assert "Economy" not in page


def test_a_scheduled_story_appears_within_the_freshness_bound(reader, settings):
    StoryFactory(headline="Already out")
    due = timezone.now() + timedelta(minutes=5)
    StoryFactory(headline="Scheduled story", published_at=due)
    assert "Scheduled story" not in text(reader.get("/"))
    with time_machine.travel(due + timedelta(seconds=settings.NEWSROOM_FRESHNESS_SECONDS + 1)):
        assert "Scheduled story" in text(reader.get("/"))


def test_someone_signed_in_always_gets_a_fresh_page(client):
    StoryFactory()
    client.force_login(user_with_role("Editor"))
    client.get("/")
    _, count = queries(client, "/")
    assert count > 0


def test_pages_that_are_not_public_are_not_stored(reader):
    missing, _ = queries(reader, "/news/999999/no-such-story/")
    again, count = queries(reader, "/news/999999/no-such-story/")
    assert missing.status_code == again.status_code == 404
    assert count > 0


def test_a_disallowed_host_still_gets_400(reader):
    assert reader.get("/", HTTP_HOST="evil.example").status_code == 400


@pytest.mark.parametrize("bound", [0, 2])
def test_a_change_on_another_server_shows_within_the_version_check_bound(reader, settings, bound):
    settings.NEWSROOM_VERSION_CHECK_SECONDS = bound
    story = StoryFactory(headline="First version")
    url = story.get_absolute_url()
    assert "First version" in text(reader.get(url))

    changed_on_another_server(story, headline="Second version", modified_at=timezone.now())

    if bound:
        # Within the bound this server may still serve its copy; after it, never.
        assert "First version" in text(reader.get(url))
        with time_machine.travel(timezone.now() + timedelta(seconds=bound + 1)):
            assert "Second version" in text(reader.get(url))
    else:
        assert "Second version" in text(reader.get(url))


def test_each_process_keeps_only_the_most_asked_for_pages(reader, settings):
    settings.NEWSROOM_PAGE_CACHE_LOCAL_PAGES = 2
    stories = [StoryFactory() for _ in range(4)]
    for story in stories:
        reader.get(story.get_absolute_url())
    # The older copies left this process's memory; the shared cache still answers.
    _, count = queries(reader, stories[0].get_absolute_url())
    assert count == 0


def _stored_pages():
    """The pages in the shared cache (the local-memory backend's keys)."""
    from django.core.cache import cache

    return [key for key in cache._cache if ":page:" in key]


def test_tracking_parameters_are_one_stored_page_and_the_canonical_one(reader):
    import secrets

    StoryFactory(headline="One page for everyone")
    canonical = reader.get("/news/")
    assert len(_stored_pages()) == 1

    for _ in range(25):
        token = secrets.token_hex(8)
        response, count = queries(
            reader, f"/news/?utm_source={token}&fbclid={token}&gclid=x&anything={token}"
        )
        assert response.status_code == 200 and count == 0
        assert response.content == canonical.content
        assert token not in response.content.decode()
    assert len(_stored_pages()) == 1


def test_a_miss_with_tracking_parameters_renders_the_canonical_page(reader):
    StoryFactory()
    first = reader.get("/news/?utm_campaign=secret-campaign")
    assert "secret-campaign" not in first.content.decode()
    assert reader.get("/news/").content == first.content


def test_the_parameters_a_view_reads_still_make_their_own_pages(reader):
    from articles import search

    story = StoryFactory(headline="About ferries", section=SectionFactory(slug="world", name="W"))
    search.index_story(story)
    assert "About ferries" in text(reader.get("/search/?q=ferries&utm_source=x"))
    assert "About ferries" not in text(reader.get("/search/?q=trains"))
    assert reader.get("/api/feed/?limit=1&ref=abc").json()["items"][0]["title"] == "About ferries"
    # Their order and repeats do not make new pages either.
    reader.get("/search/?section=world&q=ferries")
    before = len(_stored_pages())
    reader.get("/search/?q=ferries&section=world&q=ferries")
    assert len(_stored_pages()) == before


def test_every_host_name_of_the_site_shares_one_stored_page(reader, settings):
    settings.ALLOWED_HOSTS = ["news.example", "www.news.example"]
    StoryFactory()
    reader.get("/news/", HTTP_HOST="news.example")
    _response, count = queries(reader, "/news/", HTTP_HOST="www.news.example")
    assert count == 0 and len(_stored_pages()) == 1
    assert reader.get("/news/", HTTP_HOST="evil.example").status_code == 400
