"""The desk: an editor writes a story in the admin and readers see it once it is due."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Story
from tests.factories import SectionFactory, StoryFactory
from tests.html import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    editor = get_user_model().objects.create_superuser("desk", password="not-a-real-password")
    client.force_login(editor)
    return client


def story_form(section, **overrides):
    local_now = timezone.localtime()
    form = {
        "headline": "Baltic ferry resumes service after storm",
        "slug": "",
        "standfirst": "The ferry left port at dawn",
        "dateline_place": "Tallinn",
        "body": "<p>The ferry left port.</p><script>alert(1)</script>",
        "status": Story.Status.PUBLISHED,
        "published_at_0": local_now.strftime("%Y-%m-%d"),
        "published_at_1": (local_now - timedelta(minutes=5)).strftime("%H:%M:%S"),
        "mark": "",
        "home_priority": "0",
        "section": section.pk,
        "tags": "ferry, Baltic Sea",
    }
    return form | overrides


def test_editor_publishes_a_story_that_readers_then_see(editor_client, reader):
    section = SectionFactory(slug="world", name="World")

    response = editor_client.post("/admin/articles/story/add/", story_form(section))

    assert response.status_code == 302, response.context["adminform"].form.errors
    story = Story.objects.get()
    assert story.slug == "baltic-ferry-resumes-service-after-storm"
    assert "<script>" not in story.body
    assert set(story.tags.names()) == {"ferry", "Baltic Sea"}
    home = text(reader.get("/"))
    assert "Baltic ferry resumes service after storm" in home
    article = text(reader.get(story.get_absolute_url()))
    assert "TALLINN" in article and "alert(1)" not in article


def test_a_story_scheduled_in_the_admin_waits_for_its_time(editor_client, reader):
    section = SectionFactory(slug="world", name="World")
    later = timezone.localtime() + timedelta(hours=3)
    form = story_form(
        section,
        published_at_0=later.strftime("%Y-%m-%d"),
        published_at_1=later.strftime("%H:%M:%S"),
    )

    editor_client.post("/admin/articles/story/add/", form)

    listing = text(editor_client.get("/admin/articles/story/"))
    assert f"Scheduled for {later:%Y-%m-%d %H:%M}" in listing
    assert "Baltic ferry" not in text(reader.get("/"))


def test_publishing_without_a_time_is_a_form_error_not_a_crash(editor_client):
    section = SectionFactory()
    response = editor_client.post(
        "/admin/articles/story/add/", story_form(section, published_at_0="", published_at_1="")
    )
    assert response.status_code == 200
    assert "A published story needs a publication time." in text(response)
    assert not Story.objects.exists()


def test_admin_pages_open(editor_client):
    story = StoryFactory()
    for url in (
        "/admin/",
        "/admin/articles/story/",
        "/admin/articles/story/?q=story",
        "/admin/articles/story/add/",
        f"/admin/articles/story/{story.pk}/change/",
        "/admin/articles/section/",
        "/admin/articles/image/",
    ):
        assert editor_client.get(url).status_code == 200, url


def test_readers_cannot_open_the_desk(reader):
    response = reader.get("/admin/articles/story/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
