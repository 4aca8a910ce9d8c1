"""The workflow's rules, per role, at the service layer that every door goes through."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from articles import search, services
from articles.models import Story
from articles.roles import CHIEF_EDITOR, EDITOR, REPORTER
from articles.services import Action, StoryConflict
from tests.factories import ImageFactory, SectionFactory, StoryFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter():
    return user_with_role(REPORTER)


@pytest.fixture
def editor():
    return user_with_role(EDITOR)


@pytest.fixture
def section():
    return SectionFactory(slug="world", name="World")


def draft_by(user, section, **fields):
    story = Story(headline="Ferry resumes service", section=section, **fields)
    return services.story_write(story=story, user=user)


# --- Roles ------------------------------------------------------------------------


def test_roles_exist_after_migrations_and_resync_restores_them():
    assert set(Group.objects.values_list("name", flat=True)) >= {REPORTER, EDITOR, CHIEF_EDITOR}
    editors = Group.objects.get(name=EDITOR)
    editors.permissions.clear()

    call_command("setup_roles", verbosity=0)

    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"publish_story", "edit_any_story", "curate_home"} <= codenames
    assert "delete_story" not in codenames
    chief = set(Group.objects.get(name=CHIEF_EDITOR).permissions.values_list("codename", flat=True))
    assert {"delete_story", "add_section", "change_user"} <= chief
    reporter = set(Group.objects.get(name=REPORTER).permissions.values_list("codename", flat=True))
    assert "publish_story" not in reporter and "add_story" in reporter


# --- Reporters ----------------------------------------------------------------------


def test_reporter_writes_edits_and_submits_their_own_draft(reporter, section):
    story = draft_by(reporter, section)
    assert story.status == Story.Status.DRAFT and story.created_by == reporter

    story.headline = "Ferry resumes service after storm"
    services.story_write(story=story, user=reporter, expected_version=story.version)
    services.story_submit(story=story, user=reporter)

    story.refresh_from_db()
    assert story.status == Story.Status.IN_REVIEW
    assert story.headline == "Ferry resumes service after storm"


def test_reporter_cannot_publish_schedule_withdraw_or_mark(reporter, editor, section):
    story = draft_by(reporter, section)
    with pytest.raises(PermissionDenied):
        services.story_publish(story=story, user=reporter)
    story.refresh_from_db()
    story.published_at = timezone.now() + timedelta(hours=1)
    with pytest.raises(PermissionDenied):
        services.story_write(story=story, user=reporter)
    story.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.story_set_mark(story=story, user=reporter, mark=Story.Mark.BREAKING)
    live = StoryFactory(section=section)
    with pytest.raises(PermissionDenied):
        services.story_withdraw(story=live, user=reporter)
    assert Story.objects.get(pk=story.pk).status == Story.Status.DRAFT
    assert Story.objects.get(pk=live.pk).is_published


def test_reporter_cannot_edit_others_stories_or_their_own_after_submitting(reporter, section):
    colleague = user_with_role(REPORTER, username="colleague")
    theirs = draft_by(colleague, section)
    theirs.headline = "Hijacked"
    with pytest.raises(PermissionDenied):
        services.story_write(story=theirs, user=reporter)

    mine = draft_by(reporter, section)
    services.story_submit(story=mine, user=reporter)
    mine.refresh_from_db()
    mine.headline = "Changed after submitting"
    with pytest.raises(PermissionDenied):
        services.story_write(story=mine, user=reporter)


def test_nobody_changes_status_by_hand(editor, section):
    story = draft_by(editor, section)
    story.status = Story.Status.PUBLISHED
    story.published_at = timezone.now()
    with pytest.raises(ValidationError, match="workflow"):
        services.story_write(story=story, user=editor)


# --- Editors ------------------------------------------------------------------------


def test_editor_publishes_now_and_the_story_is_live(editor, section):
    story = draft_by(editor, section)
    services.story_publish(story=story, user=editor)
    story.refresh_from_db()
    assert story.is_published
    assert story.first_published_at == story.published_at
    assert Story.objects.published().get() == story


def test_editor_schedules_and_the_story_appears_by_itself(editor, section):
    at = timezone.now() + timedelta(hours=3)
    story = draft_by(editor, section)
    services.story_publish(story=story, user=editor, publish_at=at)
    story.refresh_from_db()
    assert story.state == Story.State.SCHEDULED
    assert not Story.objects.published().exists()
    with time_machine.travel(at + timedelta(seconds=1)):
        assert Story.objects.published().get() == story


def test_an_embargo_holds_a_published_story_back_until_it_lifts(editor, section):
    embargo = timezone.now() + timedelta(hours=2)
    story = draft_by(editor, section)
    story.embargo_until = embargo
    services.story_publish(story=story, user=editor)
    story.refresh_from_db()

    assert story.state == Story.State.EMBARGOED
    assert story.published_at == embargo  # placed in the feed when it goes live
    assert not Story.objects.published().exists()
    with time_machine.travel(embargo + timedelta(seconds=1)):
        assert Story.objects.published().get() == story


def test_embargo_is_enforced_by_the_publication_rule_itself(section):
    # Even a story stored as published with a past time stays hidden under embargo.
    StoryFactory(section=section, embargo_until=timezone.now() + timedelta(hours=1))
    assert not Story.objects.published().exists()


def test_editor_withdraws_and_republishes_keeping_the_original_time(editor, section):
    story = draft_by(editor, section)
    services.story_publish(story=story, user=editor)
    story.refresh_from_db()
    first_time = story.published_at

    services.story_withdraw(story=story, user=editor)
    assert not Story.objects.published().exists()
    with time_machine.travel(timezone.now() + timedelta(hours=5)):
        services.story_publish(story=story, user=editor)
    story.refresh_from_db()
    assert story.is_published and story.published_at == first_time


def test_editor_sends_a_story_back_to_draft(reporter, editor, section):
    story = draft_by(reporter, section)
    services.story_submit(story=story, user=reporter)
    services.story_send_back(story=story, user=editor)
    assert Story.objects.get(pk=story.pk).status == Story.Status.DRAFT


def test_a_picture_without_alt_text_blocks_publication(editor, section):
    story = draft_by(editor, section, lead_image=ImageFactory(alt_text=""))
    with pytest.raises(ValidationError, match="alt text"):
        services.story_publish(story=story, user=editor)
    assert not Story.objects.get(pk=story.pk).is_published


def test_marking_a_story_updated_shows_the_update_time(editor, section):
    story = StoryFactory(section=section)
    with time_machine.travel(timezone.now() + timedelta(minutes=30), tick=False):
        services.story_set_mark(story=story, user=editor, mark=Story.Mark.UPDATED)
        story.refresh_from_db()
        assert story.updated_at == timezone.now()
    assert story.was_updated


# --- Revisions and lost updates -------------------------------------------------------


def test_every_save_records_who_when_and_what_changed(reporter, section):
    story = draft_by(reporter, section)
    story.headline, story.standfirst = "New headline", "New lead"
    services.story_write(story=story, user=reporter)

    latest, first = story.revisions.all()[:2]
    assert (first.number, latest.number) == (1, 2)
    assert (first.comment, latest.comment) == ("Created", "Edited")
    assert latest.user == reporter
    # The slug stays: the story's URL does not move with its headline.
    assert set(latest.changed_fields) == {"headline", "standfirst"}
    assert latest.content["headline"] == "New headline"
    assert first.content["headline"] == "Ferry resumes service"


def test_a_save_based_on_an_old_version_is_refused_and_changes_nothing(editor, section):
    other_editor = user_with_role(EDITOR, username="other-editor")
    story = draft_by(editor, section)
    # Both open version 1.
    mine, theirs = Story.objects.get(pk=story.pk), Story.objects.get(pk=story.pk)
    opened_at = mine.version

    theirs.headline = "Their headline"
    services.story_write(story=theirs, user=other_editor, expected_version=opened_at)

    mine.standfirst = "My lead"
    with pytest.raises(StoryConflict) as conflict:
        services.story_write(story=mine, user=editor, expected_version=opened_at)

    stored = Story.objects.get(pk=story.pk)
    assert stored.headline == "Their headline" and stored.standfirst == ""
    assert "other-editor" in str(conflict.value)
    assert "headline" in str(conflict.value)


def test_restoring_a_revision_brings_its_content_back_as_a_new_revision(editor, section):
    story = draft_by(editor, section)
    services.story_write(story=story, user=editor, tags=["ferries"])
    first = story.revisions.first()
    story.headline = "Second headline"
    services.story_write(story=story, user=editor, tags=["storms"])

    services.story_restore(story=story, revision=first, user=editor)

    story.refresh_from_db()
    assert story.headline == "Ferry resumes service"
    assert list(story.tags.names()) == ["ferries"]
    assert [(r.number, r.comment) for r in story.revisions.all()] == [
        (4, "Restored revision 2"),
        (3, "Edited"),
        (2, "Edited"),
        (1, "Created"),
    ]


# --- Slugs ----------------------------------------------------------------------------


def test_cyrillic_headlines_get_readable_latin_slugs(editor, section):
    story = services.story_write(
        story=Story(headline="Путин и Щукин в Хабаровске", section=section), user=editor
    )
    assert story.slug == "putin-i-shhukin-v-xabarovske"


def test_slugs_are_unique(editor, section):
    slugs = [draft_by(editor, section).slug for _ in range(3)]
    assert slugs == ["ferry-resumes-service", "ferry-resumes-service-2", "ferry-resumes-service-3"]


def test_a_conflict_names_the_fields_even_for_a_story_without_history(editor, section):
    other_editor = user_with_role(EDITOR, username="other-editor")
    story = StoryFactory(section=section)  # written before revisions were kept
    mine, theirs = Story.objects.get(pk=story.pk), Story.objects.get(pk=story.pk)
    theirs.headline = "Their headline"
    services.story_write(story=theirs, user=other_editor, expected_version=story.version)

    mine.standfirst = "Mine"
    with pytest.raises(StoryConflict, match=r"changed: headline"):
        services.story_write(story=mine, user=editor, expected_version=story.version)
    assert [r.comment for r in story.revisions.all()] == [
        "Edited",
        "As it was before the first edit",
    ]


# --- One service per unit of work ---------------------------------------------------------


def test_the_desk_offers_exactly_the_transitions_the_services_accept(reporter, editor, section):
    draft = draft_by(reporter, section)
    names = lambda user, story: [t.name for t in services.allowed_actions(user, story)]  # noqa: E731
    assert names(reporter, None) == [Action.SUBMIT]
    assert names(editor, None) == [Action.SUBMIT, Action.PUBLISH]
    assert names(reporter, draft) == [Action.SUBMIT]
    services.story_submit(story=draft, user=reporter)
    assert names(reporter, draft) == []
    assert names(editor, draft) == [Action.SEND_BACK, Action.PUBLISH]
    services.story_publish(story=draft, user=editor)
    assert names(editor, draft) == [Action.WITHDRAW]
    # Every transition not offered is refused by the service itself.
    with pytest.raises(ValidationError):
        services.story_send_back(story=draft, user=editor)
    with pytest.raises(PermissionDenied):
        services.story_withdraw(story=draft, user=reporter)


def test_one_call_writes_fields_relations_tags_revision_and_search_entry(editor, section):
    related = StoryFactory(section=section)
    story = Story(headline="Icebreaker frees tanker", section=section)
    services.story_publish(
        story=story, user=editor, relations={"related": [related]}, tags=["arctic", "shipping"]
    )
    stored = Story.objects.get(pk=story.pk)
    assert stored.is_published and list(stored.related.all()) == [related]
    revision = stored.revisions.get()
    assert revision.comment == "Published"
    assert revision.content["tags"] == ["arctic", "shipping"]
    assert revision.content["related"] == [related.pk]
    hits, _more = search.search("icebreaker")
    assert [hit.story.pk for hit in hits] == [stored.pk]


def test_a_stale_instance_cannot_write_over_a_newer_save(editor, section):
    story = draft_by(editor, section)
    stale = Story.objects.get(pk=story.pk)
    story.headline = "Newer headline"
    services.story_write(story=story, user=editor)

    stale.standfirst = "From a copy read before that save"
    with pytest.raises(StoryConflict):
        services.story_publish(story=stale, user=editor)
    stored = Story.objects.get(pk=story.pk)
    assert stored.headline == "Newer headline" and stored.standfirst == ""
    assert stored.status == Story.Status.DRAFT


def test_publishing_a_published_story_again_is_a_plain_save(editor, section):
    story = draft_by(editor, section)
    services.story_publish(story=story, user=editor)
    services.story_publish(story=story, user=editor)  # an import or the demo, run again
    assert [r.comment for r in story.revisions.all()] == ["Published", "Created"]
