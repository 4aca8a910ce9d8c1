"""Wire ingest: `manage.py import_stories` on real ninjs (1.x–3.x), JSON Lines, RSS and
Atom files under tests/data/wire, as an ops person runs it."""

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.utils import timezone

from articles import services
from articles.models import Image, Section, Source, Story
from tests.support.wire import run_import

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parents[1] / "data"
WIRE = DATA / "wire"


@pytest.fixture(autouse=True)
def sample_inbox(settings):
    """The sample wire is laid out as an agency's drop folder: items in ninjs/, their
    pictures in images/ beside it, so items name them as ../images/…"""
    settings.WIRE_INBOX = str(WIRE)


def story(guid):
    return Story.objects.get(guid=guid)


def media_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_the_sample_wire_goes_in_with_a_summary_and_each_bad_item_named(settings):
    out, err, code = run_import(WIRE)

    assert out.strip() == (
        "20 items: 10 created, 0 updated, 0 unchanged, 9 failed, "
        "1 skipped (canceled or withheld at the source)."
    )
    assert code == 1
    wire = WIRE / "wire.jsonl"
    for expected in [
        f"{wire} line 3 (urn:newsml:balticwire.example:20261125:bw-3402): no headline",
        f"{wire} line 4 (urn:newsml:balticwire.example:20261125:bw-3403): versionCreated "
        "'2026-02-30T10:00:00Z' is not a date and time",
        f"{wire} line 5 (urn:newsml:balticwire.example:20261125:bw-3404): picture "
        "truncated.jpg: This file is not a readable picture",
        f"{wire} line 6 (urn:newsml:balticwire.example:20261125:bw-3405): picture "
        "not-a-picture.jpg: This file is not a picture",
        f"{wire} line 8: not UTF-8 text (byte 0xe9",
        f"{wire} line 9: not valid JSON",
        "'video' items are not imported",
        "not valid ninjs 3.1 at urgency: 12 is greater than the maximum of 9",
        f"{WIRE / 'feed.rss'} entry 3 (hg-bad-date): published 'Someday in November' is not "
        "a date and time",
    ]:
        assert expected in err
    assert err.count("Failed: ") == 9 and "9 of 20 failed" in err
    # Nothing of the failed items was written: no story, no picture, no file.
    assert (
        not Story.objects.filter(guid__contains="bw-340")
        .exclude(guid__endswith=("bw-3401"))
        .exists()
    )
    assert Image.objects.count() == 4
    originals = [p for p in media_files(settings) if "renditions" not in p.parts]
    assert len(originals) == 4


def test_imported_stories_are_drafts_readers_cannot_see(reader):
    run_import(WIRE / "ninjs")
    assert Story.objects.count() == 5
    assert set(Story.objects.values_list("status", flat=True)) == {Story.Status.DRAFT}
    assert Story.objects.published().count() == 0
    riga = story("urn:newsml:balticwire.example:20261124:bw-3318")
    assert reader.get(riga.get_absolute_url()).status_code == 404
    assert "Port of Riga" not in reader.get("/").content.decode()


def test_a_ninjs_3_item_maps_onto_the_story():
    run_import(WIRE / "ninjs" / "v3-text-with-picture.json")
    riga = story("urn:newsml:balticwire.example:20261124:bw-3318")
    assert riga.headline == "Port of Riga reopens after three-day storm closure"
    assert riga.standfirst.startswith("Ships began leaving the harbour at dawn")
    # The HTML body, not the plain one; sanitized like anything the desk saves.
    assert "<strong>by Thursday</strong>" in riga.body and "<script" not in riga.body
    assert riga.dateline_place == "RIGA" and riga.section.name == "Wire"
    assert [a.name for a in riga.authors.order_by("name")] == ["Anna Berzina", "Karlis Liepa"]
    assert [s.name for s in riga.sources.all()] == ["Baltic News Wire"]
    assert riga.sources.get().kind == Source.Kind.AGENCY
    assert sorted(riga.tags.names()) == ["Maritime transport", "Storms"]
    picture = riga.lead_image
    assert (picture.width, picture.height) == (960, 540) and picture.renditions
    assert picture.alt_text == "A ship with a white superstructure in a grey harbour at dawn"
    assert picture.caption == "A cargo ship leaves the Port of Riga after the storm."
    assert picture.credit == "Janis Kalns/BNW"
    assert riga.revisions.get().comment == "Imported from the wire"


def test_ninjs_2_items_in_lower_case_as_agencies_send_them():
    run_import(WIRE / "ninjs" / "v2-dpa-style.json", WIRE / "ninjs" / "v2-tt-style.json")
    referee = story("urn:newsml:nordwire.example:20261124:261124-99-4410")
    # "By Christian Holm, Nordwire": the agency is the source, not a second author.
    assert [a.name for a in referee.authors.all()] == ["Christian Holm"]
    assert [s.name for s in referee.sources.all()] == ["Nordwire"]
    assert sorted(referee.tags.names()) == ["Sport", "VAR", "football", "referees"]
    assert referee.body.startswith("<p>The disputed penalty")

    exercise = story("http://skandiwire.example/media/text/261124-exercise-a0f2d045")
    # A whole HTML document: its <title> and <h1> do not end up in the body.
    assert exercise.body.startswith("<p>The exercise, postponed by the pandemic")
    assert "<blockquote>Planning is under way" in exercise.body
    assert exercise.standfirst.startswith("The exercise postponed by the pandemic")
    # Its picture is only on the agency's server: the story comes in without it.
    assert exercise.lead_image is None


def test_a_ninjs_1_item_with_headline_body_text_and_keyed_associations():
    out, _err, code = run_import(WIRE / "ninjs" / "v1-ap-style.json")
    assert code == 0 and "1 created" in out
    trial = story("http://ninjs.example.com/newsitems/20261124med123")
    assert trial.headline == "Trial of cruise ship captain opens in converted theatre"
    assert trial.body.count("<p>") == 2  # blank-line paragraphs of body_text
    assert trial.standfirst == "Hundreds of survivors and relatives attended the first hearing."
    assert [a.name for a in trial.authors.all()] == ["Paola Santini"]
    assert trial.dateline_place == "Grosseto, Italy"
    assert trial.tags.names().get() == "Justice"
    assert trial.lead_image.caption == "The converted theatre in Grosseto"


def test_a_picture_item_becomes_a_photo_story():
    run_import(WIRE / "ninjs" / "v3-picture-item.json")
    summit = story("urn:newsml:balticwire.example:20261124:bw-3320")
    assert summit.mark == Story.Mark.PHOTO
    assert summit.lead_image.width == 800 and summit.lead_image.credit == "Rasa Petraitis/BNW"
    assert "Delegations arrive at the Vilnius conference centre" in summit.body


def test_iptc_examples_import_and_an_item_sent_twice_updates_one_story():
    examples = DATA / "ninjs"
    out, err, code = run_import(
        examples / "example-001_simple_example.json",
        examples / "example-003_associations_example.json",
        # The same uri as example 001, with an HTML body: an update of that story.
        examples / "example-004_simple_text_article.json",
        examples / "example-005_complex_text_article.json",
    )
    assert code == 0, err
    assert out.strip() == "4 items: 3 created, 1 updated, 0 unchanged, 0 failed."
    captain = story("http://ninjs.example.com/newsitems/20130709simp123")
    assert captain.body.startswith("<p>GROSSETO, Italy (AP)")
    assert captain.revisions.first().comment == "Updated from the wire"
    # A composite item whose pictures name renditions without files: the text comes in.
    dell = story("http://www.businesswire.com/news/home/20130515006361/en")
    assert dell.headline.startswith("Dell Redefines Workstation Computing Boundaries")
    assert dell.lead_image is None


def test_importing_again_changes_nothing_and_a_changed_item_updates_its_story(tmp_path):
    shutil.copytree(WIRE, tmp_path / "wire")
    folder = tmp_path / "wire" / "ninjs"
    run_import(folder)
    stories, images = Story.objects.count(), Image.objects.count()

    out, _, _code = run_import(folder)
    assert out.strip() == "5 items: 0 created, 0 updated, 5 unchanged, 0 failed."
    assert (Story.objects.count(), Image.objects.count()) == (stories, images)

    item_file = folder / "v3-text-with-picture.json"
    item = json.loads(item_file.read_text())
    item["headlines"][0]["value"] = "Port of Riga reopens; backlog to clear by Thursday"
    item["versionCreated"] = "2026-11-24T10:00:00+02:00"
    item_file.write_text(json.dumps(item))
    out, _, _ = run_import(folder)
    assert out.strip() == "5 items: 0 created, 1 updated, 4 unchanged, 0 failed."
    riga = story("urn:newsml:balticwire.example:20261124:bw-3318")
    assert riga.headline == "Port of Riga reopens; backlog to clear by Thursday"
    assert [r.comment for r in riga.revisions.all()] == [
        "Updated from the wire",
        "Imported from the wire",
    ]
    assert Story.objects.count() == stories and Image.objects.count() == images


def test_published_on_import_goes_live_at_the_items_own_time(reader):
    _out, err, _ = run_import(WIRE / "ninjs", WIRE / "feed.rss", status="published")
    riga = story("urn:newsml:balticwire.example:20261124:bw-3318")
    assert riga.status == Story.Status.PUBLISHED
    assert riga.published_at == datetime(2026, 11, 24, 6, 15, tzinfo=UTC)
    page = reader.get(riga.get_absolute_url(), follow=True)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Port of Riga reopens after three-day storm closure" in html
    assert "A ship with a white superstructure" in html  # the picture's alt text
    assert "alert(" not in html
    # A feed picture has no description to serve as alt text: the desk adds one first.
    ferry = story("hg-2026-11-24-ferry")
    assert ferry.status == Story.Status.DRAFT and ferry.lead_image is not None
    assert "kept as a draft: its picture needs alt text" in err


def test_rss_and_atom_entries():
    run_import(WIRE / "feed.rss", WIRE / "feed.atom", status="published")
    festival = story("https://harbourgazette.example/news/festival-record")
    assert festival.body == (
        "<p>More than 40,000 visitors came to the weekend festival, organisers said.</p>"
    )
    assert festival.published_at == datetime(2026, 11, 23, 17, 30, tzinfo=UTC)
    assert [s.name for s in festival.sources.all()] == ["Harbour Gazette"]
    ferry = story("hg-2026-11-24-ferry")
    assert "onerror" not in ferry.body and ferry.standfirst.startswith("Two extra departures")
    assert [a.name for a in ferry.authors.all()] == ["Lena Nyberg"]
    assert sorted(ferry.tags.names()) == ["Gotland", "Transport"]
    salmon = story("urn:uuid:fjordtimes-2026-11-25-salmon")
    assert salmon.headline == "Salmon farms face new environmental rules"
    assert salmon.updated_at == datetime(2026, 11, 25, 9, 15, tzinfo=UTC)
    assert salmon.tags.names().get() == "Aquaculture"


def test_options_name_the_section_and_the_source():
    Section.objects.create(name="World", slug="world")
    run_import(WIRE / "feed.atom", section="world", source="Fjord Times Agency")
    salmon = story("urn:uuid:fjordtimes-2026-11-25-salmon")
    assert salmon.section.slug == "world"
    assert [s.name for s in salmon.sources.all()] == ["Fjord Times Agency"]


def test_a_canceled_item_withdraws_the_published_story(tmp_path, reader):
    item = json.loads((WIRE / "ninjs" / "v2-dpa-style.json").read_text())
    path = tmp_path / "item.json"
    path.write_text(json.dumps(item))
    run_import(path, status="published")
    referee = story(item["uri"])
    assert reader.get(referee.get_absolute_url(), follow=True).status_code == 200

    path.write_text(json.dumps({**item, "pubstatus": "canceled"}))
    out, err, code = run_import(path)
    assert code == 0 and "1 updated" in out and "withdrawn: canceled at the source" in err
    referee.refresh_from_db()
    assert referee.status == Story.Status.WITHDRAWN
    assert reader.get(referee.get_absolute_url()).status_code == 404


def test_an_embargoed_item_waits_for_its_embargo(tmp_path, reader):
    later = timezone.now() + timedelta(hours=3)
    path = tmp_path / "embargoed.json"
    path.write_text(
        json.dumps(
            {
                "uri": "urn:test:embargoed",
                "versionCreated": "2026-11-24T08:00:00Z",
                "embargoedUntil": later.isoformat(),
                "headlines": [{"value": "Results under embargo"}],
            }
        )
    )
    run_import(path, status="published")
    held = story("urn:test:embargoed")
    assert held.state == Story.State.EMBARGOED
    assert not Story.objects.published().exists()


def test_an_item_that_fails_half_way_leaves_nothing_behind(settings, monkeypatch):
    def broken(**kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(services, "revision_record", broken)
    _out, err, code = run_import(WIRE / "ninjs" / "v3-text-with-picture.json")
    assert code == 1 and "the database refused it (disk full)" in err
    assert not Story.objects.exists() and not Image.objects.exists()
    assert not Source.objects.exists()
    assert media_files(settings) == []


def test_a_json_array_of_items(tmp_path):
    items = [
        {"uri": f"urn:test:{n}", "headlines": [{"value": f"Item {n}"}], "bodies": [{"value": "x"}]}
        for n in (1, 2)
    ]
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items))
    out, _, code = run_import(path)
    assert code == 0 and out.startswith("2 items: 2 created")


def test_a_feed_by_url_and_a_url_that_does_not_answer(web_server):
    base = web_server({"/feed.atom": ("application/atom+xml", (WIRE / "feed.atom").read_bytes())})
    out, _, code = run_import(f"{base}/feed.atom")
    assert code == 0 and out.startswith("1 item: 1 created")
    assert story("urn:uuid:fjordtimes-2026-11-25-salmon").sources.get().name == "Fjord Times"

    # JSON Lines by URL, known by the name even when served as plain bytes.
    lines = (WIRE / "wire.jsonl").read_bytes().splitlines()[:2]
    base = web_server({"/wire.jsonl": ("application/octet-stream", b"\n".join(lines))})
    out, _, code = run_import(f"{base}/wire.jsonl")
    assert code == 0 and out.startswith("2 items: 2 created")

    out, err, code = run_import("http://127.0.0.1:9/feed.atom")  # nothing listens there
    assert code == 1 and "could not be fetched" in err


def item_with_picture_at(url, number):
    return {
        "uri": f"urn:test:remote-picture-{number}",
        "headlines": [{"value": f"A story whose picture is on the agency's server {number}"}],
        "associations": [
            {
                "name": "leadimage",
                "uri": f"urn:test:picture-{number}",
                "type": "picture",
                "descriptions": [{"role": "alt", "value": "A harbour at dawn"}],
                "renditions": [{"name": "original", "href": url}],
            }
        ],
    }


def test_remote_pictures_are_downloaded_when_asked_and_checked_like_uploads(
    web_server, tmp_path, settings
):
    images = WIRE / "images"
    base = web_server(
        {
            "/harbour.jpg": ("image/jpeg", (images / "harbour.jpg").read_bytes()),
            "/cut.jpg": ("image/jpeg", (images / "truncated.jpg").read_bytes()),
        }
    )
    items = tmp_path / "items.jsonl"
    items.write_text(
        "\n".join(
            json.dumps(item_with_picture_at(f"{base}{path}", number))
            for number, path in enumerate(["/harbour.jpg", "/cut.jpg", "/gone.jpg"], 1)
        )
    )

    # Without --fetch-pictures: the stories, no pictures, and a note saying how.
    out, err, code = run_import(items)
    assert out.startswith("3 items: 3 created") and code == 0
    assert "(--fetch-pictures downloads it)" in err
    assert not Image.objects.exists()

    out, err, code = run_import(items, fetch_pictures=True)
    assert code == 1
    assert out.strip() == "3 items: 0 created, 1 updated, 1 unchanged, 1 failed."
    picture = story("urn:test:remote-picture-1").lead_image
    assert (picture.width, picture.height) == (960, 540) and picture.renditions
    assert picture.alt_text == "A harbour at dawn"
    assert "picture cut.jpg: This file is not a readable picture" in err
    assert f"picture not attached: {base}/gone.jpg could not be fetched" in err
    assert Image.objects.count() == 1

    # Fetched once: importing again reuses the picture, downloads nothing.
    settings.IMAGE_MAX_BYTES = 10  # a download now would be refused as too big
    out, err, _ = run_import(items, fetch_pictures=True)
    assert out.strip() == "3 items: 0 created, 0 updated, 2 unchanged, 1 failed."
    assert "remote-picture-1" not in err  # the first item's picture was not fetched again
    assert Image.objects.count() == 1


def test_a_remote_picture_bigger_than_an_upload_may_be_refuses_the_item(
    web_server, tmp_path, settings
):
    settings.IMAGE_MAX_BYTES = 1000
    base = web_server({"/big.jpg": ("image/jpeg", b"\xff" * 5000)})
    path = tmp_path / "item.json"
    path.write_text(json.dumps(item_with_picture_at(f"{base}/big.jpg", 9)))
    _, err, code = run_import(path, fetch_pictures=True)
    assert code == 1 and "larger than 1000" in err
    assert not Story.objects.exists() and not Image.objects.exists()


def test_a_missing_file_is_a_failure_not_a_crash(tmp_path):
    _out, err, code = run_import(tmp_path / "nowhere.json")
    assert code == 1 and "nowhere.json: no such file or folder" in err


def test_the_command_explains_itself(capsys):
    with pytest.raises(SystemExit):
        call_command("import_stories", "--help")
    text = capsys.readouterr().out
    assert "ninjs" in text and "RSS" in text and "--status" in text and "GUID" in text
