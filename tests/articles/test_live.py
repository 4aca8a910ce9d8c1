"""Live coverage: entries posted, corrected and deleted with their history, several
editors at once with no entry lost, readers paging by cursor and an open page asking for
newer entries, the coverage ended; a page whose queries do not grow with its entries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import live
from articles.models import LiveEntry, Story
from articles.roles import EDITOR, REPORTER
from tests.factories import StoryFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return user_with_role(EDITOR, username="ed", first_name="Ellen", last_name="Editor")


@pytest.fixture
def story():
    return StoryFactory(headline="Storm hits the coast", live_coverage=True)


def post(story, user, words, **flags):
    return live.entry_post(story=story, user=user, html=f"<p>{words}</p>", **flags)


def test_an_editor_posts_and_readers_see_it_newest_first(reader, story, editor, page_cache_on):
    assert "No updates yet" in reader.get(story.get_absolute_url()).content.decode()
    post(story, editor, "Winds reach 120 km/h.")
    post(story, editor, "The harbour is closed.", key_event=True)
    html = reader.get(story.get_absolute_url()).content.decode()
    assert html.index("The harbour is closed.") < html.index("Winds reach 120 km/h.")
    assert "Ellen Editor" in html and "Key event" in html
    key_events = html[html.index("Key events") : html.index("</nav>", html.index("Key events"))]
    assert "The harbour is closed." in key_events and "Winds" not in key_events


def test_a_reporter_posts_a_draft_an_editor_publishes(reader, story, editor):
    reporter = user_with_role(REPORTER, username="rep")
    entry = post(story, reporter, "Trees down on the coast road.", pinned=True)
    assert entry.status == LiveEntry.Status.DRAFT and not entry.pinned
    assert "Trees down" not in reader.get(story.get_absolute_url()).content.decode()
    live.entry_publish(entry=entry, user=editor)
    assert "Trees down" in reader.get(story.get_absolute_url()).content.decode()


def test_two_editors_posting_at_once_lose_nothing_and_a_stale_edit_is_refused(story, editor):
    other = user_with_role(EDITOR, username="ed2")
    first, second = post(story, editor, "One."), post(story, other, "Two.")
    assert live.published(story).count() == 2
    live.entry_edit(entry=first, user=other, html="<p>One, corrected.</p>",
                    key_event=False, pinned=False, version=first.version)  # fmt: skip
    with pytest.raises(live.EntryConflict):
        live.entry_edit(entry=first, user=editor, html="<p>Mine.</p>",
                        key_event=False, pinned=False, version=first.version)  # fmt: skip
    assert LiveEntry.objects.get(pk=first.pk).body == "<p>One, corrected.</p>"
    assert second.body == "<p>Two.</p>"


def test_a_correction_is_shown_and_a_deletion_kept_in_the_history(reader, story, editor):
    entry = post(story, editor, "Three ferries sank.")
    live.entry_edit(entry=entry, user=editor, html="<p>Three ferries ran aground.</p>",
                    key_event=False, pinned=False, version=entry.version)  # fmt: skip
    html = reader.get(story.get_absolute_url()).content.decode()
    assert "Three ferries ran aground." in html and "sank" not in html
    assert "Corrected at" in html
    live.entry_delete(entry=LiveEntry.objects.get(pk=entry.pk), user=editor)
    assert "ferries" not in reader.get(story.get_absolute_url()).content.decode()
    history = [r.comment for r in entry.revisions.order_by("created_at", "id")]
    assert history == ["Posted", "Corrected", "Deleted"]
    assert entry.revisions.filter(body__contains="sank").exists()


def test_entries_are_sanitised_and_may_not_be_empty(story, editor):
    entry = post(
        story, editor, '<a href="javascript:alert(1)" onclick="x()">link</a><script>x</script>'
    )
    assert "javascript" not in entry.body and "script" not in entry.body
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Write the entry"):
        live.entry_post(story=story, user=editor, html="<p> </p><script>x</script>")


def test_only_live_stories_take_entries_and_an_ended_one_takes_none(editor):
    from django.core.exceptions import ValidationError

    plain = StoryFactory()
    with pytest.raises(ValidationError, match="not live coverage"):
        post(plain, editor, "x")
    story = StoryFactory(live_coverage=True)
    live.live_end(story=story, user=editor)
    with pytest.raises(ValidationError, match="has ended"):
        post(story, editor, "x")


def test_the_coverage_ends_on_the_page_and_on_every_list(reader, story, editor, page_cache_on):
    post(story, editor, "First.")
    assert "mark--live" in reader.get("/").content.decode()
    live.live_end(story=Story.objects.get(pk=story.pk), user=editor)
    html = reader.get(story.get_absolute_url()).content.decode()
    assert "This live coverage has ended" in html and "data-live-ended" in html
    assert "mark--live" not in reader.get("/").content.decode()


def test_the_api_pages_entries_by_cursor(reader, story, editor):
    entries = [post(story, editor, f"Update {n}.") for n in range(25)]
    url = reverse("api:story-entries", args=[story.pk])
    first = reader.get(url).json()
    assert len(first["entries"]) == 20 and first["entries"][0]["id"] == entries[-1].pk
    older = reader.get(url, {"before": first["older"]}).json()
    assert [e["id"] for e in older["entries"]] == [e.pk for e in reversed(entries[:5])]
    assert reader.get(url, {"after": first["newest"]}).json()["entries"] == []
    newer = post(story, editor, "Breaking: the storm moves north.")
    answer = reader.get(url, {"after": first["newest"]}).json()
    assert [e["id"] for e in answer["entries"]] == [newer.pk]
    assert "the storm moves north" in answer["entries"][0]["html"]
    for bad in ("x", "2021-01-01_x", "2021-01-01T00:00:00_1", "'; drop table"):
        assert reader.get(url, {"after": bad}).status_code == 400
    assert reader.get(reverse("api:story-entries", args=[StoryFactory().pk])).status_code == 404


def test_the_page_queries_do_not_grow_with_its_entries(reader, story, editor):
    for n in range(3):
        post(story, editor, f"Early {n}.", key_event=n == 0, pinned=n == 1)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert reader.get(story.get_absolute_url()).status_code == 200
        return len(captured)

    queries()  # the cards of More news are cached from here on, as on a busy site
    post(story, editor, "Just posted.")  # each count is taken right after a post
    few = queries()
    for n in range(60):
        post(story, editor, f"Later {n}.", key_event=n % 10 == 0)
    assert queries() == few
    html = reader.get(story.get_absolute_url()).content.decode()
    assert len(re.findall(r'class="live-entry[ "]', html)) == 21  # 20 and the pinned one
    assert "Older updates" in html


def test_json_ld_is_a_live_blog_posting(reader, story, editor):
    import json

    post(story, editor, "Winds reach 120 km/h.")
    live.live_end(story=Story.objects.get(pk=story.pk), user=editor)
    html = reader.get(story.get_absolute_url()).content.decode()
    blocks = [
        json.loads(b)
        for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    [blog] = [b for b in blocks if b.get("@type") == "LiveBlogPosting"]
    assert blog["coverageEndTime"] and blog["coverageStartTime"]
    assert blog["liveBlogUpdate"][0]["articleBody"] == "Winds reach 120 km/h."


def test_the_desk_posts_from_its_compact_form(client, story, editor, settings):
    settings.EMBED_FETCH = False
    client.force_login(editor)
    url = reverse("admin:articles_story_live", args=[story.pk])
    assert "Post an entry" in client.get(url).content.decode()
    answer = client.post(url, {"text": "Line one.\n\nLine two.", "link": "https://t.me/durov/142",
                                "key_event": "on"})  # fmt: skip
    assert answer.status_code == 302
    entry = LiveEntry.objects.get()
    assert re.match(r"<p>Line one\.</p>\s*<p>Line two\.</p><figure data-embed=", entry.body)
    assert entry.key_event and entry.status == "published"
    listing = client.get(url, {"list": 1}).content.decode()
    assert "Line one." in listing and "1 published" in listing
    client.post(url, {"delete_entry": entry.pk})
    assert LiveEntry.objects.get().status == "deleted"


def test_a_live_story_is_found_by_its_entries(reader, story, editor):
    post(story, editor, "The lighthouse keeper was rescued.")
    found = reader.get(reverse("articles:search"), {"q": "lighthouse"}).content.decode()
    assert story.headline in found
