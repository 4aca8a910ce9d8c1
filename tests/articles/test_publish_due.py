"""publish_due: a scheduled story's going live is put on record once, by whichever
server gets there first, with its time, a line in its history and fresh caches."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from articles import services
from articles.models import Story
from articles.roles import EDITOR
from articles.services import story_publish, story_withdraw
from tests.factories import StoryFactory, user_with_role

pytestmark = pytest.mark.django_db


def publish_due():
    out = io.StringIO()
    call_command("publish_due", stdout=out)
    return out.getvalue()


@pytest.fixture
def editor():
    return user_with_role(EDITOR)


def history(story):
    return list(story.revisions.order_by("number").values_list("comment", flat=True))


def test_a_scheduled_story_goes_on_record_once_its_time_comes(
    editor, reader, settings, django_capture_on_commit_callbacks
):
    settings.TIME_ZONE = "UTC"
    StoryFactory(headline="Already out")
    due = (timezone.now() + timedelta(minutes=10)).replace(second=0, microsecond=0)
    story = StoryFactory(headline="Budget vote tonight", draft=True)
    story = story_publish(story=story, user=editor, publish_at=due)
    assert story.is_scheduled and story.went_live_at is None

    assert publish_due().strip().endswith("0 stories recorded.")  # its time has not come

    with time_machine.travel(due + timedelta(minutes=1)):
        etag = reader.get("/")["ETag"]
        with django_capture_on_commit_callbacks(execute=True):
            out = publish_due()
        assert "Went live: Budget vote tonight" in out and "1 story recorded." in out
        story.refresh_from_db()
        assert story.went_live_at == due
        assert history(story)[-1] == f"Went live at {due:%d %B %Y, %H:%M}"
        assert reader.get("/")["ETag"] != etag  # caches were told at once

        # Again, or on a second server: nothing more is recorded.
        assert publish_due().strip().endswith("0 stories recorded.")
        assert services.story_record_going_live(story_id=story.pk) is None
        assert history(story).count(f"Went live at {due:%d %B %Y, %H:%M}") == 1


def test_an_embargoed_story_goes_on_record_when_the_embargo_lifts(editor):
    lifts = timezone.now() + timedelta(hours=2)
    story = StoryFactory(headline="Quarterly figures", draft=True, embargo_until=lifts)
    story = story_publish(story=story, user=editor)
    assert story.went_live_at is None

    with time_machine.travel(lifts + timedelta(seconds=30)):
        assert "Went live: Quarterly figures" in publish_due()
    story.refresh_from_db()
    assert story.went_live_at == lifts


def test_stories_published_now_are_on_record_at_once_and_withdrawal_clears_it(editor):
    story = StoryFactory(headline="Breaking", draft=True)
    story = story_publish(story=story, user=editor)
    assert story.went_live_at == story.published_at
    assert publish_due().strip().endswith("0 stories recorded.")

    story = story_withdraw(story=story, user=editor)
    assert story.went_live_at is None
    assert not Story.objects.gone_live_unrecorded().exists()  # withdrawn: not live


def test_publish_due_explains_itself(capsys):
    with pytest.raises(SystemExit):
        call_command("publish_due", "--help")
    assert "several servers" in " ".join(capsys.readouterr().out.split())
