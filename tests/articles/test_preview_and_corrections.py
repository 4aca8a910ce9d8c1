"""Corrections readers and machines see; previews of drafts for staff and by share link."""

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from articles import preview, services
from articles.models import Correction, Story
from articles.roles import EDITOR, REPORTER
from tests.factories import StoryFactory, user_with_role
from tests.html import text

pytestmark = pytest.mark.django_db


def json_ld(response):
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(match.group(1))


# --- Corrections ----------------------------------------------------------------------


def test_corrections_show_at_the_end_of_the_article_and_in_json_ld(reader):
    story = StoryFactory(headline="Ferry resumes service")
    Correction.objects.create(
        story=story,
        kind=Correction.Kind.CORRECTION,
        text="An earlier version misstated the ferry's name.",
        created_at=timezone.now() - timedelta(minutes=5),
    )
    Correction.objects.create(story=story, kind=Correction.Kind.UPDATE, text="Adds the timetable.")

    response = reader.get(story.get_absolute_url())

    page = text(response)
    corrections = page.split("Corrections and updates", 1)[1]
    assert corrections.index("misstated the ferry's name") < corrections.index("Adds the timetable")
    data = json_ld(response)
    assert data["@type"] == "NewsArticle" and data["headline"] == "Ferry resumes service"
    assert [c["text"] for c in data["correction"]] == [
        "Correction: An earlier version misstated the ferry's name.",
        "Update: Adds the timetable.",
    ]


def test_story_text_cannot_break_out_of_the_json_ld_block(reader):
    story = StoryFactory(
        headline='Hostile </script><script>alert("x")</script> headline',
        standfirst="<!-- & --> </SCRIPT>",
    )
    response = reader.get(story.get_absolute_url())
    html = response.content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block
    assert json_ld(response)["headline"].startswith('Hostile </script><script>alert("x")')
    assert "<script>alert" not in html


def test_editors_add_corrections_in_the_admin(reader):
    editor = user_with_role(EDITOR)
    story = StoryFactory()
    client = Client()
    client.force_login(editor)
    from tests.forms import form_data

    data = form_data(client.get(f"/admin/articles/story/{story.pk}/change/"))
    now = timezone.localtime()
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "correction",
            "corrections-0-text": "The ferry left at 06:00, not 07:00.",
            "corrections-0-created_at_0": now.strftime("%Y-%m-%d"),
            "corrections-0-created_at_1": now.strftime("%H:%M:%S"),
        }
    )
    response = client.post(f"/admin/articles/story/{story.pk}/change/", data)
    assert response.status_code == 302
    assert "The ferry left at 06:00, not 07:00." in text(reader.get(story.get_absolute_url()))


# --- Preview -------------------------------------------------------------------------


@pytest.fixture
def draft():
    return StoryFactory(headline="Draft about the merger", draft=True)


def test_staff_preview_a_draft_as_readers_will_see_it(draft):
    reporter = user_with_role(REPORTER)
    client = Client()
    client.force_login(reporter)

    response = client.get(f"/preview/{draft.pk}/")

    assert response.status_code == 200
    page = text(response)
    assert "Preview — Draft: readers cannot see this page." in page
    assert "Draft about the merger" in page and "MOSCOW" in page
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_preview_needs_an_account(draft, reader):
    response = reader.get(f"/preview/{draft.pk}/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert reader.get(draft.get_absolute_url()).status_code == 404


def test_a_share_link_opens_one_draft_without_an_account(draft, reader):
    link = preview.share_url(draft)

    response = reader.get(link)

    assert response.status_code == 200
    assert "shared with you for review" in text(response)
    assert "Draft about the merger" in text(response)
    assert "no-store" in response["Cache-Control"]


def test_a_share_link_stops_working_when_it_expires(draft, reader, settings):
    settings.PREVIEW_LINK_DAYS = 2
    link = preview.share_url(draft)
    with time_machine.travel(timezone.now() + timedelta(days=2, minutes=1)):
        response = reader.get(link)
    assert response.status_code == 410
    assert "Draft about the merger" not in text(response)


def test_a_share_link_stops_working_when_revoked(draft, reader):
    link = preview.share_url(draft)
    preview.revoke_share_links(draft)
    assert reader.get(link).status_code == 410
    assert reader.get(preview.share_url(Story.objects.get(pk=draft.pk))).status_code == 200


def test_a_share_link_stops_working_when_the_story_is_published(draft, reader):
    link = preview.share_url(draft)
    services.story_publish(story=draft, user=services.SYSTEM)
    response = reader.get(link)
    assert response.status_code == 410
    assert "This story has been published" in text(response)


@pytest.mark.parametrize("token", ["garbage", "a" * 5000, "eyJzdG9yeSI6MX0:abc:def"])
def test_a_forged_share_link_reveals_nothing(draft, reader, token):
    response = reader.get(f"/preview/shared/{token}/")
    assert response.status_code == 410
    assert "merger" not in text(response)


def test_editors_make_and_revoke_share_links_in_the_admin(draft):
    editor = user_with_role(EDITOR)
    client = Client()
    client.force_login(editor)
    url = f"/admin/articles/story/{draft.pk}/share-link/"

    page = text(client.post(url, follow=True))
    link = re.search(r"http://testserver(/preview/shared/\S+/)", page).group(1)
    assert Client().get(link).status_code == 200

    client.post(url, {"revoke": "1"})
    assert Client().get(link).status_code == 410
