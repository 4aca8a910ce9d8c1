"""Pictures in the text across the wire: ninjs out (associations the body places), the
round trip through export and import, agencies' own ways of placing pictures (Superdesk's
EMBED comments), and a body from outside that tries to name pictures of ours."""

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Image, Section, Story
from tests.factories import ImageFactory, StoryFactory
from tests.ninjs_schema import errors
from tests.support.wire import run_import
from wire.ninjs import story_to_ninjs

pytestmark = pytest.mark.django_db

IMAGES = Path(__file__).parents[1] / "data" / "wire" / "images"


def absolute(path):
    return path if "://" in path else f"https://news.example{path}"


def rich_story():
    lead = ImageFactory(caption="Lead", alt_text="The lead picture")
    inset = ImageFactory(caption="Harbour at dawn", alt_text="Boats in a harbour", credit="AP")
    one = ImageFactory(caption="Gallery one", alt_text="First of the gallery")
    two = ImageFactory(caption="Gallery two", alt_text="Second of the gallery")
    return StoryFactory(
        headline="Port reopens",
        lead_image=lead,
        body=(
            f'<p>First.</p><figure data-picture="{inset.pk}" data-placement="inset"></figure>'
            f'<p>Second.</p><figure data-gallery="{two.pk},{one.pk}"></figure>'
            '<blockquote class="pull-quote"><p>We waited three days.</p></blockquote>'
            '<aside class="fact-box"><h3>Facts</h3><ul><li>72 hours closed</li></ul></aside>'
        ),
    )


def test_ninjs_places_each_picture_in_the_body_by_its_association():
    story = rich_story()
    item = story_to_ninjs(story, absolute)
    assert errors(item) == []
    names = [a["name"] for a in item["associations"]]
    inset, one, two = (
        Image.objects.get(caption=c) for c in ("Harbour at dawn", "Gallery one", "Gallery two")
    )
    assert names == ["leadimage", f"picture-{inset.pk}", f"picture-{two.pk}", f"picture-{one.pk}"]
    assert {a["rel"] for a in item["associations"][1:]} == {"inline"}
    html = item["bodies"][0]["value"]
    assert "data-picture" not in html and "data-gallery=" not in html
    assert f'<figure class="picture inset" data-association="picture-{inset.pk}">' in html
    assert f'data-associations="picture-{two.pk} picture-{one.pk}"' in html
    assert 'src="https://news.example/media/images/' in html and 'alt="Boats in a harbour"' in html


def shape(story):
    """The body with each picture named by its words instead of its id."""

    def words(match):
        ids = [int(i) for i in match.group(2).split(",")]
        return f"{match.group(1)}[{' | '.join(Image.objects.get(pk=i).caption for i in ids)}]"

    return re.sub(r'(data-picture|data-gallery)="([\d,]+)"', words, story.body)


def test_export_then_import_keeps_every_picture_in_its_place(tmp_path, settings):
    story = rich_story()
    before = shape(story)
    folder = tmp_path / "export"
    call_command(
        "export_stories",
        output=str(folder / "stories.jsonl"),
        media_dir=str(folder / "media"),
        stderr=io.StringIO(),
    )
    for model in (Story, Image, Section):
        model.objects.all().delete()
    shutil.rmtree(settings.MEDIA_ROOT)

    out, err, code = run_import(folder, status="published")
    assert code == 0, err
    copy = Story.objects.get()
    assert shape(copy) == before
    assert copy.lead_image.caption == "Lead"
    assert Image.objects.count() == 4  # each picture stored once
    assert copy.inline_images.count() == 3
    inset = Image.objects.get(caption="Harbour at dawn")
    assert (inset.alt_text, inset.credit) == ("Boats in a harbour", "AP")

    # The same export again changes nothing.
    out, _err, _code = run_import(folder, status="published")
    assert "1 unchanged" in out


def write(folder, item):
    (folder / "ninjs").mkdir(exist_ok=True)
    path = folder / "ninjs" / f"{item.get('guid') or item['uri'].rsplit(':', 1)[-1]}.json"
    path.write_text(json.dumps(item))
    return path


@pytest.fixture
def inbox(tmp_path, settings):
    settings.WIRE_INBOX = str(tmp_path)
    shutil.copytree(IMAGES, tmp_path / "images")
    return tmp_path


def test_superdesk_embeds_become_pictures_in_the_text(inbox):
    item = {  # ninjs 1.x as Superdesk sends it: associations keyed by name
        "guid": "urn:superdesk:port-1",
        "uri": "urn:superdesk:port-1",
        "type": "text",
        "headline": "Port reopens",
        "body_html": (
            "<p>First.</p>"
            '<!-- EMBED START Image {id: "editor_0"} -->'
            '<figure><img src="https://cdn.example/x.jpg" alt="x"><figcaption>Harbour</figcaption>'
            "</figure>"
            '<!-- EMBED END Image {id: "editor_0"} -->'
            "<p>Second.</p>"
        ),
        "associations": {
            "featuremedia": {
                "type": "picture",
                "description_text": "The summit",
                "renditions": {"original": {"href": "../images/summit.jpg"}},
            },
            "editor_0": {
                "type": "picture",
                "description_text": "The harbour at dawn",
                "byline": "Port authority",
                "renditions": {"original": {"href": "../images/harbour.jpg"}},
            },
        },
    }
    _out, err, code = run_import(write(inbox, item))
    assert code == 0, err
    story = Story.objects.get()
    assert story.lead_image.caption == "The summit"
    harbour = Image.objects.get(caption="The harbour at dawn")
    assert harbour.credit == "Port authority"
    assert story.body == f'<p>First.</p><figure data-picture="{harbour.pk}"></figure><p>Second.</p>'
    assert "cdn.example" not in story.body  # the agency's own markup is not kept


def hostile_item(uri, body_html, associations=()):
    return {
        "uri": uri,
        "type": "text",
        "headlines": [{"value": "Harmless"}],
        "bodies": [{"contentType": "text/html", "value": body_html}],
        **({"associations": list(associations)} if associations else {}),
    }


def test_a_wire_body_cannot_name_pictures_of_ours(inbox):
    ours = ImageFactory(caption="An unpublished picture of ours")
    body_html = (
        f'<p>x</p><figure data-picture="{ours.pk}"></figure>'
        f'<figure data-gallery="{ours.pk}"></figure>'
        '<figure data-association="nowhere"><img src="/etc/passwd"></figure>'
        '<figure data-associations="nowhere either"></figure><p>y</p>'
    )
    _out, err, code = run_import(write(inbox, hostile_item("urn:test:hostile-1", body_html)))
    assert code == 0, err
    story = Story.objects.get()
    assert story.body == "<p>x</p><figure></figure><figure></figure><p>y</p>"
    assert story.inline_images.count() == 0
    assert Image.objects.count() == 1


def test_a_placed_picture_whose_file_is_missing_refuses_the_item_saying_so(inbox):
    item = hostile_item(
        "urn:test:missing-1",
        '<p>x</p><figure data-association="gone"></figure>',
        [
            {
                "name": "gone",
                "uri": "urn:test:gone.jpg",
                "type": "picture",
                "renditions": [{"name": "original", "href": "../images/gone.jpg"}],
            }
        ],
    )
    _out, err, code = run_import(write(inbox, item))
    assert code == 1
    assert "picture ../images/gone.jpg: no such file" in err
    assert not Story.objects.exists() and not Image.objects.exists()
