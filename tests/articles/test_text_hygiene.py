"""One bad character must not take a channel down: the characters XML 1.0 forbids are
taken out of every text field when it is saved or imported, and feeds and sitemaps
never fail on content, even on rows saved before that rule."""

import io
import json

import pytest
from lxml import etree
from taggit.models import Tag

from articles.models import Image, Section, Story
from tests.factories import ImageFactory, SectionFactory, StoryFactory

pytestmark = pytest.mark.django_db

FORBIDDEN = "".join(chr(c) for c in [*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20)]) + "\ufffe\uffff"
FEEDS = ["/news/rss/", "/news/atom/"]


def test_every_text_field_is_saved_without_forbidden_characters():
    section = SectionFactory(name=f"Wo{FORBIDDEN}rld")
    image = ImageFactory(credit=f"AP{FORBIDDEN}", caption=f"Cap{FORBIDDEN}tion")
    story = StoryFactory(
        headline=f"Head{FORBIDDEN}line",
        standfirst="Stand\u0001first\ttab\nline",
        section=section,
        lead_image=image,
    )
    story.tags.add(f"Ta{FORBIDDEN}g")

    story.refresh_from_db()
    assert story.headline == "Headline"
    assert story.standfirst == "Standfirst\ttab\nline"  # tab and newline are fine in XML
    assert Section.objects.get(pk=section.pk).name == "World"
    assert Image.objects.get(pk=image.pk).credit == "AP"
    assert Tag.objects.get().name == "Tag"


@pytest.fixture
def dirty_story():
    """A published story whose text holds every forbidden character, written past the
    save-time cleaner (as rows from before it were)."""
    story = StoryFactory(lead_image=ImageFactory(alt_text="A harbour"))
    story.tags.add("clean")
    Story.objects.filter(pk=story.pk).update(
        headline=f"Ferry{FORBIDDEN} crosses", standfirst=f"Calm{FORBIDDEN} sea"
    )
    Image.objects.filter(pk=story.lead_image_id).update(credit=f"Photo{FORBIDDEN}")
    Tag.objects.update(name=f"clean{FORBIDDEN}")
    return story


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_stay_up_and_well_formed_with_dirty_rows(reader, dirty_story, url):
    answer = reader.get(url)
    assert answer.status_code == 200
    document = etree.fromstring(answer.content)
    assert "Ferry crosses" in etree.tostring(document, encoding="unicode")


def test_the_google_news_sitemap_stays_well_formed(reader, dirty_story):
    answer = reader.get("/sitemap-news.xml")
    assert answer.status_code == 200
    titles = etree.fromstring(answer.content).findall(
        ".//{http://www.google.com/schemas/sitemap-news/0.9}title"
    )
    assert [t.text for t in titles] == ["Ferry crosses"]


def test_the_api_answers_valid_json(reader, dirty_story):
    answer = reader.get(f"/api/stories/{dirty_story.pk}/")
    assert answer.status_code == 200 and json.loads(answer.content)["uri"]


def test_the_atom_summary_is_text_not_html(reader):
    StoryFactory(standfirst="Tags like <b> stay text")
    entry = etree.fromstring(reader.get("/news/atom/").content).find(
        ".//{http://www.w3.org/2005/Atom}summary"
    )
    assert entry.get("type") == "text" and entry.text == "Tags like <b> stay text"


def test_an_imported_item_with_control_characters_goes_in_clean(tmp_path):
    from django.core.management import call_command

    item = {
        "uri": "urn:test:ctrl",
        "headlines": [{"value": f"Port\u0002 reopens{FORBIDDEN}"}],
        "subjects": [{"name": "Ship\u0007ping"}],
        "by": "Jane\u000b Roe",
    }
    path = tmp_path / "item.json"
    path.write_text(json.dumps(item))
    call_command("import_stories", str(path), stdout=io.StringIO())
    call_command("import_stories", str(path), stdout=io.StringIO())
    story = Story.objects.get()
    assert story.headline == "Port reopens" and story.tags.names().get() == "Shipping"
    assert story.authors.get().name == "Jane Roe" and story.revisions.count() == 1
