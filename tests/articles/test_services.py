"""The workflow's rules, per role, at the service layer that every door goes through."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from articles import services
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
    return services.story_save(story=story, user=user)


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
    services.story_save(story=story, user=reporter, expected_version=story.version)
    services.story_save(story=story, user=reporter, action=Action.SUBMIT)

    story.refresh_from_db()
    assert story.status == Story.Status.IN_REVIEW
    assert story.headline == "Ferry resumes service after storm"


def test_reporter_cannot_publish_schedule_withdraw_or_mark(reporter, editor, section):
    story = draft_by(reporter, section)
    with pytest.raises(PermissionDenied):
        services.story_save(story=story, user=reporter, action=Action.PUBLISH)
    story.refresh_from_db()
    story.published_at = timezone.now() + timedelta(hours=1)
    with pytest.raises(PermissionDenied):
        services.story_save(story=story, user=reporter)
    story.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.story_set_mark(story=story, user=reporter, mark=Story.Mark.BREAKING)
    live = StoryFactory(section=section)
    with pytest.raises(PermissionDenied):
        services.story_transition(story=live, user=reporter, action=Action.WITHDRAW)
    assert Story.objects.get(pk=story.pk).status == Story.Status.DRAFT
    assert Story.objects.get(pk=live.pk).is_published


def test_reporter_cannot_edit_others_stories_or_their_own_after_submitting(reporter, section):
    colleague = user_with_role(REPORTER, username="colleague")
    theirs = draft_by(colleague, section)
    theirs.headline = "Hijacked"
    with pytest.raises(PermissionDenied):
        services.story_save(story=theirs, user=reporter)

    mine = draft_by(reporter, section)
    services.story_save(story=mine, user=reporter, action=Action.SUBMIT)
    mine.refresh_from_db()
    mine.headline = "Changed after submitting"
    with pytest.raises(PermissionDenied):
        services.story_save(story=mine, user=reporter)


def test_nobody_changes_status_by_hand(editor, section):
    story = draft_by(editor, section)
    story.status = Story.Status.PUBLISHED
    story.published_at = timezone.now()
    with pytest.raises(ValidationError, match="workflow"):
        services.story_save(story=story, user=editor)


# --- Editors ------------------------------------------------------------------------


def test_editor_publishes_now_and_the_story_is_live(editor, section):
    story = draft_by(editor, section)
    services.story_save(story=story, user=editor, action=Action.PUBLISH)
    story.refresh_from_db()
    assert story.is_published
    assert story.first_published_at == story.published_at
    assert Story.objects.published().get() == story


def test_editor_schedules_and_the_story_appears_by_itself(editor, section):
    at = timezone.now() + timedelta(hours=3)
    story = draft_by(editor, section)
    services.story_save(story=story, user=editor, action=Action.PUBLISH, publish_at=at)
    story.refresh_from_db()
    assert story.state == Story.State.SCHEDULED
    assert not Story.objects.published().exists()
    with time_machine.travel(at + timedelta(seconds=1)):
        assert Story.objects.published().get() == story


def test_an_embargo_holds_a_published_story_back_until_it_lifts(editor, section):
    embargo = timezone.now() + timedelta(hours=2)
    story = draft_by(editor, section)
    story.embargo_until = embargo
    services.story_save(story=story, user=editor, action=Action.PUBLISH)
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
    services.story_save(story=story, user=editor, action=Action.PUBLISH)
    story.refresh_from_db()
    first_time = story.published_at

    services.story_transition(story=story, user=editor, action=Action.WITHDRAW)
    assert not Story.objects.published().exists()
    with time_machine.travel(timezone.now() + timedelta(hours=5)):
        services.story_transition(story=story, user=editor, action=Action.PUBLISH)
    story.refresh_from_db()
    assert story.is_published and story.published_at == first_time


def test_editor_sends_a_story_back_to_draft(reporter, editor, section):
    story = draft_by(reporter, section)
    services.story_transition(story=story, user=reporter, action=Action.SUBMIT)
    services.story_transition(story=story, user=editor, action=Action.SEND_BACK)
    assert Story.objects.get(pk=story.pk).status == Story.Status.DRAFT


def test_a_picture_without_alt_text_blocks_publication(editor, section):
    story = draft_by(editor, section, lead_image=ImageFactory(alt_text=""))
    with pytest.raises(ValidationError, match="alt text"):
        services.story_save(story=story, user=editor, action=Action.PUBLISH)
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
    services.revision_record(story=story, user=reporter)
    story.headline, story.standfirst = "New headline", "New lead"
    services.story_save(story=story, user=reporter)
    services.revision_record(story=story, user=reporter)

    latest, first = story.revisions.all()[:2]
    assert (first.number, latest.number) == (1, 2)
    assert latest.user == reporter
    # The slug stays: the story's URL does not move with its headline.
    assert set(latest.changed_fields) == {"headline", "standfirst"}
    assert latest.content["headline"] == "New headline"
    assert first.content["headline"] == "Ferry resumes service"


def test_a_save_based_on_an_old_version_is_refused_and_changes_nothing(editor, section):
    other_editor = user_with_role(EDITOR, username="other-editor")
    story = draft_by(editor, section)
    services.revision_record(story=story, user=editor)
    # Both open version 1.
    mine, theirs = Story.objects.get(pk=story.pk), Story.objects.get(pk=story.pk)
    opened_at = mine.version

    theirs.headline = "Their headline"
    services.story_save(story=theirs, user=other_editor, expected_version=opened_at)
    services.revision_record(story=theirs, user=other_editor)

    mine.standfirst = "My lead"
    with pytest.raises(StoryConflict) as conflict:
        services.story_save(story=mine, user=editor, expected_version=opened_at)

    stored = Story.objects.get(pk=story.pk)
    assert stored.headline == "Their headline" and stored.standfirst == ""
    assert "other-editor" in str(conflict.value)
    assert "headline" in str(conflict.value)


def test_restoring_a_revision_brings_its_content_back_as_a_new_revision(editor, section):
    story = draft_by(editor, section)
    story.tags.set(["ferries"])
    first = services.revision_record(story=story, user=editor)
    story.headline = "Second headline"
    services.story_save(story=story, user=editor)
    story.tags.set(["storms"])
    services.revision_record(story=story, user=editor)

    services.story_restore(story=story, revision=first, user=editor)

    story.refresh_from_db()
    assert story.headline == "Ferry resumes service"
    assert list(story.tags.names()) == ["ferries"]
    newest = story.revisions.first()
    assert newest.number == 3 and newest.comment == "Restored revision 1"


# --- Slugs ----------------------------------------------------------------------------


def test_cyrillic_headlines_get_readable_latin_slugs(editor, section):
    story = services.story_save(
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
    services.story_save(story=theirs, user=other_editor, expected_version=story.version)
    services.revision_record(story=theirs, user=other_editor)

    mine.standfirst = "Mine"
    with pytest.raises(StoryConflict, match=r"changed: headline"):
        services.story_save(story=mine, user=editor, expected_version=story.version)
    assert [r.comment for r in story.revisions.all()] == [
        "Edited",
        "As it was before the first edit",
    ]
