"""Who may see what: for every hidden state (draft, in review, scheduled, embargoed,
withdrawn), every door a reader could try — the article by slug, old slug and id, feeds,
sitemaps, search, the API, previews without a valid signature — opens on nothing."""

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from articles.models import Story
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db

SECRET = "Quetzalcoatlus"
# What only the story says (the search page repeats the word a reader searched for).
ITS_WORDS = "sighted over the harbour"


def hidden_story(state):
    states = {
        "draft": {"status": Story.Status.DRAFT},
        "in_review": {"status": Story.Status.IN_REVIEW},
        "withdrawn": {"status": Story.Status.WITHDRAWN},
        "scheduled": {"published_at": timezone.now() + timedelta(hours=3)},
        "embargoed": {"embargo_until": timezone.now() + timedelta(hours=3)},
    }
    story = StoryFactory(
        headline=f"{SECRET} sighted over the harbour",
        standfirst=f"{SECRET} standfirst",
        tags=["sightings"],
        **states[state],
    )
    old_slug = story.slug
    story.slug = "renamed-" + old_slug
    story.save()
    return story, old_slug


def sitemap_urls(reader):
    index = reader.get("/sitemap.xml").content.decode()
    return [re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", index)]


@pytest.mark.parametrize("state", ["draft", "in_review", "scheduled", "embargoed", "withdrawn"])
def test_a_hidden_story_opens_no_door(reader, state):
    StoryFactory(headline="A visible story", tags=["sightings"])  # lists and feeds exist
    story, old_slug = hidden_story(state)

    for path in [
        story.get_absolute_url(),
        f"/news/{story.pk}/{old_slug}/",
        f"/news/{story.pk}/",
        f"/api/stories/{story.pk}/",
    ]:
        response = reader.get(path)
        assert response.status_code == 404, path
        assert SECRET not in response.content.decode()

    listings = [
        "/",
        "/news/",
        story.section.get_absolute_url(),
        "/tags/sightings/",
        "/news/rss/",
        "/news/atom/",
        story.section.get_absolute_url() + "rss/",
        "/tags/sightings/rss/",
        "/tags/sightings/atom/",
        f"/search/?q={SECRET}",
        "/api/feed/",
        "/api/feed/?tag=sightings",
        "/sitemap.xml",
        *sitemap_urls(reader),
    ]
    for path in listings:
        response = reader.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert ITS_WORDS not in body, path
        assert f"/news/{story.pk}/" not in body, path

    # The desk's preview: a reader is sent to sign in, and sees nothing of the story.
    preview = reader.get(f"/preview/{story.pk}/")
    assert preview.status_code == 302 and "/admin/login/" in preview["Location"]
    # A share link that was never signed, or signed by someone else, opens nothing.
    forged = signing.dumps({"story": story.pk}, key="not-our-secret-key", salt="preview")
    for token in ["forged", forged, f"{story.pk}:{story.preview_nonce}"]:
        response = reader.get(f"/preview/shared/{token}/")
        assert response.status_code in (403, 404, 410)
        assert SECRET not in response.content.decode()
