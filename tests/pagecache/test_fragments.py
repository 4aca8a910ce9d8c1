"""Key-based fragments (pagecache/fragments.py): a story's card is rendered once per
version of the story and reused by every page that shows it; any change to what the
card shows gives it a new key."""

import pytest
from django.template import loader

from articles.models import Section
from tests.factories import ImageFactory, StoryFactory
from tests.html import text

from .test_dependencies import edit, newsroom

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pages_rendered_every_time(settings):
    """No page cache: each request renders its page, so only fragments are reused."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    settings.NEWSROOM_FRAGMENT_SECONDS = 600


@pytest.fixture
def card_renders(monkeypatch):
    """The stories whose card or feed item was rendered, in order."""
    rendered = []
    real = loader.get_template

    def counting(name, *args, **kwargs):
        found = real(name, *args, **kwargs)
        if name not in ("includes/story_card.html", "includes/feed_item.html"):
            return found

        class Counted:
            def render(self, context=None, request=None):
                rendered.append(context["story"].pk)
                return found.render(context, request)

        return Counted()

    monkeypatch.setattr("pagecache.templatetags.pagecache_tags.get_template", counting)
    return rendered


def test_a_card_is_rendered_once_for_every_page_that_shows_it(reader, card_renders):
    stories = newsroom(6)
    first = text(reader.get("/"))
    assert card_renders  # the first render made them
    card_renders.clear()
    assert text(reader.get("/")) == first  # the same page, from cached fragments
    assert card_renders == []
    reader.get(stories[-1].get_absolute_url())  # More news: the five newer stories
    assert len(card_renders) == 5
    card_renders.clear()
    reader.get(stories[-2].get_absolute_url())  # four of them again, and the oldest
    assert card_renders == [stories[-1].pk]


def test_an_edit_gives_the_card_a_new_version(reader, card_renders):
    stories = newsroom(4)
    reader.get("/")
    card_renders.clear()
    edit(stories[1], "A card with a new headline")
    page = text(reader.get("/"))
    assert "A card with a new headline" in page
    assert set(card_renders) == {stories[1].pk}  # only its own fragments made again


def test_a_new_picture_and_a_renamed_section_show_on_cached_cards(reader):
    story = StoryFactory(lead_image=ImageFactory(alt_text="Harbour"))
    assert "renamed-160.jpg" not in reader.get("/").content.decode()
    image = story.lead_image
    # The picture's file replaced (its renditions made again), the story not saved: the
    # story's dependency key is purged, so its card has a new version.
    image.file.name = "images/renamed.jpg"
    image.renditions = []
    image.save()
    assert "renamed-160.jpg" in reader.get("/").content.decode()

    section = Section.objects.get(pk=story.section_id)
    section.name = "Renamed desk"
    section.save()
    assert "Renamed desk" in text(reader.get("/"))


def test_with_fragments_off_every_card_is_rendered(reader, settings, card_renders):
    settings.NEWSROOM_FRAGMENT_SECONDS = 0
    newsroom(3)
    reader.get("/")
    card_renders.clear()
    reader.get("/")
    assert card_renders
