"""The desk in the admin, per role: what each may do, and that the server enforces it."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import services
from articles.models import Story
from articles.roles import CHIEF_EDITOR, EDITOR, REPORTER
from articles.services import Action
from tests.factories import SectionFactory, StoryFactory, user_with_role
from tests.forms import form_data
from tests.html import parse, text

pytestmark = pytest.mark.django_db

ADD = "/admin/articles/story/add/"
LIST = "/admin/articles/story/"


def change_url(story):
    return f"/admin/articles/story/{story.pk}/change/"


def login(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def section():
    return SectionFactory(slug="world", name="World")


@pytest.fixture
def reporter():
    return user_with_role(REPORTER)


@pytest.fixture
def editor():
    return user_with_role(EDITOR)


def new_story_form(client, section, **values):
    data = form_data(client.get(ADD))
    data.update(
        {
            "headline": "Baltic ferry resumes service after storm",
            "standfirst": "The ferry left port at dawn",
            "dateline_place": "Tallinn",
            "body": "<p>The ferry left port.</p><script>alert(1)</script>",
            "section": str(section.pk),
            "tags": "ferry, Baltic Sea",
        }
    )
    data.update(values)
    return data


def buttons(response):
    return [a for a in parse(response).text.split() if a]  # visible words, for membership


# --- Reporter -----------------------------------------------------------------------


def test_reporter_writes_and_submits_a_story(reporter, section):
    client = login(reporter)
    response = client.post(ADD, new_story_form(client, section, _action=Action.SUBMIT))

    assert response.status_code == 302
    story = Story.objects.get()
    assert story.status == Story.Status.IN_REVIEW
    assert story.created_by == reporter and story.last_edited_by == reporter
    assert story.slug == "baltic-ferry-resumes-service-after-storm"
    assert "<script>" not in story.body
    assert set(story.tags.names()) == {"ferry", "Baltic Sea"}
    assert story.revisions.get().comment == "Submitted for review"


def test_reporter_is_shown_no_publishing_controls(reporter, section):
    client = login(reporter)
    page = client.get(ADD)
    page_text = text(page)
    assert "Save and submit for review" in page_text
    assert "Publish" not in page_text.replace("Publication", "")
    fields = form_data(page)
    for editor_field in ("published_at_0", "mark", "home_priority", "embargo_until_0"):
        assert editor_field not in fields


def test_a_reporters_crafted_publish_post_is_refused(reporter, section):
    client = login(reporter)
    client.post(ADD, new_story_form(client, section))
    story = Story.objects.get()
    data = form_data(client.get(change_url(story)))
    now = timezone.localtime()
    data.update(
        {
            "_action": Action.PUBLISH,
            "published_at_0": now.strftime("%Y-%m-%d"),
            "published_at_1": now.strftime("%H:%M:%S"),
            "mark": Story.Mark.BREAKING,
        }
    )

    response = client.post(change_url(story), data)

    assert response.status_code == 403
    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT and story.mark == "" and story.published_at is None
    assert not Story.objects.published().exists()


def test_a_reporter_cannot_edit_a_colleagues_story(reporter, section):
    colleague = user_with_role(REPORTER, username="colleague")
    theirs = services.story_write(story=Story(headline="Theirs", section=section), user=colleague)
    client = login(reporter)
    data = form_data(login(colleague).get(change_url(theirs)))
    data["headline"] = "Hijacked"

    assert client.post(change_url(theirs), data).status_code == 403
    assert Story.objects.get(pk=theirs.pk).headline == "Theirs"


def test_a_reporter_cannot_delete(reporter, section):
    client = login(reporter)
    client.post(ADD, new_story_form(client, section))
    story = Story.objects.get()
    response = client.post(f"/admin/articles/story/{story.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Story.objects.filter(pk=story.pk).exists()


# --- Editor -------------------------------------------------------------------------


def test_editor_publishes_a_submitted_story_and_readers_see_it(reporter, editor, section):
    writer = login(reporter)
    writer.post(ADD, new_story_form(writer, section, _action=Action.SUBMIT))
    story = Story.objects.get()

    desk = login(editor)
    data = form_data(desk.get(change_url(story)))
    data["_action"] = Action.PUBLISH
    response = desk.post(change_url(story), data)

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.is_published and story.last_edited_by == editor
    reader = Client()
    assert "Baltic ferry resumes service after storm" in text(reader.get("/"))
    assert "TALLINN" in text(reader.get(story.get_absolute_url()))
    assert [r.comment for r in story.revisions.all()] == ["Published", "Submitted for review"]


def test_editor_schedules_a_story_in_the_admin(editor, section):
    desk = login(editor)
    later = timezone.localtime() + timedelta(hours=3)
    data = new_story_form(
        desk,
        section,
        published_at_0=later.strftime("%Y-%m-%d"),
        published_at_1=later.strftime("%H:%M:%S"),
        _action=Action.PUBLISH,
    )

    response = desk.post(ADD, data, follow=True)

    assert "is scheduled: it goes live on" in text(response)
    assert f"Scheduled for {later:%Y-%m-%d %H:%M}" in text(desk.get(LIST))
    assert "Baltic ferry" not in text(Client().get("/"))
    scheduled = text(desk.get(LIST + "?state=scheduled"))
    assert "Baltic ferry" in scheduled


def test_embargoed_story_is_shown_as_embargoed(editor, section):
    desk = login(editor)
    embargo = timezone.localtime() + timedelta(hours=2)
    data = new_story_form(
        desk,
        section,
        embargo_until_0=embargo.strftime("%Y-%m-%d"),
        embargo_until_1=embargo.strftime("%H:%M:%S"),
        _action=Action.PUBLISH,
    )
    desk.post(ADD, data)
    assert f"Embargoed until {embargo:%Y-%m-%d %H:%M}" in text(desk.get(LIST))
    assert not Story.objects.published().exists()


def test_editor_withdraws_a_story(editor, section):
    story = StoryFactory(section=section)
    desk = login(editor)
    data = form_data(desk.get(change_url(story)))
    data["_action"] = Action.WITHDRAW
    desk.post(change_url(story), data)
    assert Story.objects.get(pk=story.pk).status == Story.Status.WITHDRAWN
    assert Client().get(story.get_absolute_url()).status_code == 404


def test_publishing_without_alt_text_is_a_form_error(editor, section):
    from tests.factories import ImageFactory

    image = ImageFactory(alt_text="")
    desk = login(editor)
    response = desk.post(
        ADD, new_story_form(desk, section, lead_image=str(image.pk), _action=Action.PUBLISH)
    )
    assert response.status_code == 200
    assert "alt text on the lead picture" in text(response)
    assert not Story.objects.exists()


def test_bulk_actions_publish_withdraw_and_mark(editor, section):
    drafts = [StoryFactory(section=section, draft=True) for _ in range(2)]
    desk = login(editor)
    ids = [str(s.pk) for s in drafts]

    desk.post(LIST, {"action": "publish_now", "_selected_action": ids})
    assert Story.objects.published().count() == 2
    desk.post(LIST, {"action": "mark_breaking", "_selected_action": ids})
    assert set(Story.objects.values_list("mark", flat=True)) == {Story.Mark.BREAKING}
    desk.post(LIST, {"action": "withdraw", "_selected_action": ids[:1]})
    assert Story.objects.published().count() == 1


def test_reporters_get_no_bulk_publishing(reporter, section):
    draft = StoryFactory(section=section, draft=True, created_by=reporter)
    client = login(reporter)
    assert "publish_now" not in client.get(LIST).content.decode()
    client.post(LIST, {"action": "publish_now", "_selected_action": [str(draft.pk)]})
    assert not Story.objects.published().exists()


def test_home_page_curation_is_for_editors(editor, reporter, section):
    StoryFactory(section=section, home_priority=3)
    assert login(editor).get("/admin/articles/homepagestory/").status_code == 200
    assert login(reporter).get("/admin/articles/homepagestory/").status_code == 403


# --- Two editors, one story ------------------------------------------------------------


def test_the_second_of_two_concurrent_saves_is_refused_and_loses_nothing(editor, section):
    other = user_with_role(EDITOR, username="other-editor")
    story = StoryFactory(section=section, standfirst="Original lead")
    first, second = login(editor), login(other)
    first_form = form_data(first.get(change_url(story)))
    second_form = form_data(second.get(change_url(story)))

    first_form["headline"] = "Headline by the first editor"
    assert first.post(change_url(story), first_form).status_code == 302

    second_form["standfirst"] = "Lead by the second editor"
    response = second.post(change_url(story), second_form)

    assert response.status_code == 200
    page = text(response)
    assert "editor saved this story while you were editing it" in page
    assert "Headline" in page  # what the other editor changed is named
    assert "Lead by the second editor" in response.content.decode()  # input kept
    stored = Story.objects.get(pk=story.pk)
    assert stored.headline == "Headline by the first editor"
    assert stored.standfirst == "Original lead"

    # Saving again from the re-shown form is deliberate and goes through.
    retry = form_data(response)
    retry["headline"] = "Headline by the first editor"
    assert second.post(change_url(story), retry).status_code == 302
    stored.refresh_from_db()
    assert stored.standfirst == "Lead by the second editor"
    assert stored.headline == "Headline by the first editor"


# --- History ------------------------------------------------------------------------


def test_history_compares_two_revisions_and_restores_one(editor, section):
    desk = login(editor)
    desk.post(ADD, new_story_form(desk, section))
    story = Story.objects.get()
    data = form_data(desk.get(change_url(story)))
    data["headline"] = "Baltic ferry returns to port"
    desk.post(change_url(story), data)

    history = text(desk.get(f"/admin/articles/story/{story.pk}/history/"))
    assert "Created" in history and "Edited" in history and "headline" in history

    compare = desk.get(f"/admin/articles/story/{story.pk}/history/compare/?a=1&b=2")
    html = compare.content.decode()
    assert "<del>resumes service after storm</del>" in html
    assert "<ins>returns to port</ins>" in html

    story.refresh_from_db()  # the History page, read now
    desk.post(
        f"/admin/articles/story/{story.pk}/history/1/restore/", {"base_version": story.version}
    )
    story.refresh_from_db()
    assert story.headline == "Baltic ferry resumes service after storm"
    assert story.revisions.first().comment == "Restored revision 1"


def test_restoring_from_a_stale_history_page_is_refused(editor, section):
    desk = login(editor)
    desk.post(ADD, new_story_form(desk, section))
    story = Story.objects.get()
    read_at = story.version  # the History page is open at this version
    data = form_data(desk.get(change_url(story)))
    data["headline"] = "A colleague's newer headline"
    desk.post(change_url(story), data)

    answer = desk.post(
        f"/admin/articles/story/{story.pk}/history/1/restore/",
        {"base_version": read_at},
        follow=True,
    )
    story.refresh_from_db()
    assert story.headline == "A colleague's newer headline"
    assert "saved this story while you were editing it" in text(answer)


def test_bad_history_requests_are_not_errors(editor, section):
    story = StoryFactory(section=section)
    desk = login(editor)
    base = f"/admin/articles/story/{story.pk}/history"
    assert desk.get(f"{base}/compare/?a=x&b=2").status_code == 302
    assert desk.get(f"{base}/compare/?a=1&b=99").status_code == 404
    assert desk.post(f"{base}/99/restore/").status_code == 404


# --- The list -----------------------------------------------------------------------------


def test_story_list_shows_the_desks_columns_and_filters(editor, section):
    StoryFactory(section=section, headline="Live story", created_by=editor)
    StoryFactory(section=section, headline="Draft story", draft=True)
    desk = login(editor)

    page = text(desk.get(LIST))
    for column in ("Headline", "State", "Section", "Mark", "Created by", "Last edited by"):
        assert column in page
    assert "Draft story" in text(desk.get(LIST + "?state=draft"))
    assert "Live story" not in text(desk.get(LIST + "?state=draft"))
    assert "Live story" in text(desk.get(LIST + "?q=Live"))


def test_the_desk_finds_wire_copy_and_sees_where_it_came_from(editor, section):
    wire = StoryFactory(section=section, headline="Agency flash", guid="urn:agency:1", draft=True)
    StoryFactory(section=section, headline="Own reporting", draft=True)
    desk = login(editor)

    from_wire = text(desk.get(LIST + "?origin=wire"))
    assert "Agency flash" in from_wire and "Own reporting" not in from_wire
    own = text(desk.get(LIST + "?origin=desk"))
    assert "Own reporting" in own and "Agency flash" not in own
    form = text(desk.get(change_url(wire)))
    assert "urn:agency:1" in form


def list_queries(desk):
    """How many SQL queries one load of the story list runs."""
    with CaptureQueriesContext(connection) as queries:
        assert desk.get(LIST).status_code == 200
    return len(queries)


def test_story_list_runs_a_fixed_number_of_queries(editor, section):
    desk = login(editor)

    for _ in range(5):
        StoryFactory(section=section, created_by=editor, last_edited_by=editor)
    few = list_queries(desk)
    for _ in range(45):
        StoryFactory(section=section, created_by=editor, last_edited_by=editor)
    assert list_queries(desk) == few <= 10


def _date_links(response):
    """The date hierarchy's links above the list, without "back": {title: href}."""
    nav = re.search(r'<nav class="toplinks">.*?</nav>', response.content.decode(), re.S)
    anchors = parse(HttpResponse(nav.group(0))).anchors if nav else []
    return {a["text"]: a["href"] for a in anchors if "date-back" not in a["class"]}


def _at(year, month, day):
    return timezone.make_aware(timezone.datetime(year, month, day, 12))


def test_the_date_hierarchy_lists_only_periods_with_stories(editor, section):
    for when in (_at(2019, 3, 5), _at(2021, 7, 1), _at(2021, 12, 9), _at(2021, 12, 10)):
        StoryFactory(section=section, published_at=when)
    desk = login(editor)

    years = _date_links(desk.get(LIST))
    assert list(years) == ["2019", "2021"]  # 2020 had no story
    months = _date_links(desk.get(LIST + years["2021"]))
    assert list(months) == ["July 2021", "December 2021"]
    days = _date_links(desk.get(LIST + months["December 2021"]))
    assert list(days) == ["December 9", "December 10"]
    # A filter narrows the periods too.
    assert list(_date_links(desk.get(LIST + "?state=draft"))) == []


def test_the_date_hierarchy_costs_the_same_for_a_long_archive(editor, section):
    desk = login(editor)

    StoryFactory(section=section, published_at=_at(2024, 1, 1))
    StoryFactory(section=section, published_at=_at(2025, 1, 1))
    short = list_queries(desk)
    for year in range(2010, 2024):
        StoryFactory(section=section, published_at=_at(year, 6, 1))
    assert list_queries(desk) == short
    assert len(_date_links(desk.get(LIST))) == 16


def test_tag_suggestions(editor, section):
    StoryFactory(section=section, tags=["Ukraine", "UK", "Turkey"])
    response = login(editor).get("/admin/articles/story/tag-suggestions/?term=uk")
    assert response.json() == {"results": ["UK", "Ukraine"]}


def test_chief_editor_deletes_and_manages_sections(section):
    chief = login(user_with_role(CHIEF_EDITOR, username="chief"))
    story = StoryFactory(section=section)
    assert (
        chief.post(f"/admin/articles/story/{story.pk}/delete/", {"post": "yes"}).status_code == 302
    )
    # Deleting moves the story to the trash, its history kept (test_guarded_objects.py).
    assert Story.objects.get(pk=story.pk).status == Story.Status.TRASHED
    assert chief.get("/admin/articles/section/add/").status_code == 200


def test_readers_cannot_open_the_desk():
    response = Client().get(LIST)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner estimate")
def test_a_big_unfiltered_list_is_counted_by_estimate(monkeypatch, section):
    from articles.admin import StoryPaginator

    monkeypatch.setattr(StoryPaginator, "ESTIMATE_ABOVE", 3)
    for _ in range(12):
        StoryFactory(section=section)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_story")
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'articles_story'")
        estimate = cursor.fetchone()[0]

    assert StoryPaginator(Story.objects.all(), 50).count == estimate == 12
    assert StoryPaginator(Story.objects.filter(headline="x"), 50).count == 0


def test_an_editor_reorders_the_home_pages_top_stories(editor, section):
    low = StoryFactory(section=section, headline="Low story", home_priority=1)
    high = StoryFactory(section=section, headline="High story", home_priority=5)
    desk = login(editor)
    data = form_data(desk.get("/admin/articles/homepagestory/"), form_id="changelist-form")
    rows = {data[f"form-{n}-id"]: n for n in range(int(data["form-TOTAL_FORMS"]))}
    data[f"form-{rows[str(low.pk)]}-home_priority"] = "9"
    data["_save"] = "Save"

    assert desk.post("/admin/articles/homepagestory/", data).status_code == 302

    top = text(Client().get("/")).split("Top stories", 1)[1]
    assert top.index("Low story") < top.index("High story")
    assert Story.objects.get(pk=low.pk).revisions.first().comment == "Home page priority: 9"
    assert Story.objects.get(pk=high.pk).home_priority == 5


def test_the_desk_list_shows_the_latest_work_first(editor, section):
    older = StoryFactory(section=section, headline="Older work", draft=True)
    StoryFactory(section=section, headline="Newer work", draft=True)
    services.story_set_mark(story=older, user=editor, mark=Story.Mark.BREAKING)
    listing = text(login(editor).get(LIST))
    assert listing.index("Older work") < listing.index("Newer work")


def test_changing_a_published_storys_slug_keeps_the_old_url_working(editor, section):
    story = StoryFactory(section=section, headline="Ferry resumes service")
    old_url = story.get_absolute_url()
    desk = login(editor)
    data = form_data(desk.get(change_url(story)))
    data["slug"] = "baltic-ferry-back-in-service"
    desk.post(change_url(story), data)

    response = Client().get(old_url)
    assert response.status_code == 301
    assert response["Location"] == f"/news/{story.pk}/baltic-ferry-back-in-service/"


def test_a_slug_someone_else_has_is_a_form_error(editor, section):
    StoryFactory(section=section, slug="taken")
    story = StoryFactory(section=section)
    desk = login(editor)
    data = form_data(desk.get(change_url(story)))
    data["slug"] = "taken"
    response = desk.post(change_url(story), data)
    assert response.status_code == 200
    assert "Story with this Slug already exists." in text(response)
