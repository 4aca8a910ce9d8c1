"""What an agency, a feed or anyone who can drop a file in the inbox can make the server
do: nothing it decides by itself. Each test here is a finding of the untrusted-wire
review: file names, local files, internal addresses, other feeds' stories, public names."""

import io
import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest
from PIL import Image as PILImage

from articles import services
from articles.models import Image, Section, Story, WireUpdate
from newsroom import fetch
from tests.factories import jpeg_bytes
from tests.support.wire import run_import
from wire import importer  # noqa: F401 — loaded before any timing below

pytestmark = pytest.mark.django_db

VALIDATION = Path(__file__).parents[1] / "data" / "ninjs" / "validation"


def item(uri="urn:test:1", headline="Harbour reopens", href=None, **extra):
    document = {
        "uri": uri,
        "type": "text",
        "versionCreated": "2026-11-24T08:00:00Z",
        "headlines": [{"role": "main", "value": headline}],
        "bodies": [{"role": "main", "contentType": "text/html", "value": "<p>Ships sail.</p>"}],
        **extra,
    }
    if href is not None:
        document["associations"] = [
            {
                "name": "leadimage",
                "uri": f"{uri}:picture",
                "type": "picture",
                "descriptions": [{"role": "alt", "value": "A harbour"}],
                "renditions": [{"name": "original", "href": href}],
            }
        ]
    return document


def write(folder, name, document):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(document))
    return path


def polyglot_gif():
    """A valid GIF with an HTML page after its trailer: a browser sniffing it as HTML
    (served as .html, or without nosniff) would run the script."""
    out = io.BytesIO()
    PILImage.new("P", (8, 8), 1).save(out, format="GIF")
    return out.getvalue() + b"<html><script>parent.pwned=1</script></html>"


def stored_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


# --- File names ---------------------------------------------------------------------------


def test_a_hostile_file_name_never_reaches_public_media(tmp_path, settings):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "brief.html").write_bytes(polyglot_gif())
    write(tmp_path / "in", "item.json", item(href="brief.html"))

    _out, err, code = run_import(tmp_path / "in")

    assert code == 0, err
    image = Image.objects.get()
    name = Path(image.file.name)
    assert name.suffix == ".gif" and "brief" not in name.name and len(name.stem) == 32
    # Written again by Pillow: whatever followed the picture's data is gone.
    stored = (Path(settings.MEDIA_ROOT) / image.file.name).read_bytes()
    assert b"<script" not in stored and b"<html" not in stored
    assert {p.suffix for p in stored_files(settings)} <= {".gif", ".webp", ".jpg", ".png"}


def test_a_desk_upload_is_renamed_and_stored_without_its_gps(settings):
    exif = PILImage.Exif()
    exif[0x0110] = "Spycam 3000"
    exif.get_ifd(0x8825)[2] = (55.0, 45.0, 0.0)  # GPSLatitude
    out = io.BytesIO()
    PILImage.new("RGB", (64, 48), (200, 30, 30)).save(out, format="JPEG", exif=exif.tobytes())
    from django.core.files.uploadedfile import SimpleUploadedFile

    image = Image(file=SimpleUploadedFile("../../etc/Evil Name.php", out.getvalue()))
    image.full_clean()
    image.save()

    assert Path(image.file.name).suffix == ".jpg" and "Evil" not in image.file.name
    with PILImage.open(Path(settings.MEDIA_ROOT) / image.file.name) as original:
        assert original.format == "JPEG" and original.size == (64, 48)
        assert not original.getexif() and "exif" not in original.info


# --- Which local files are read ---------------------------------------------------------


@pytest.mark.parametrize(
    "href",
    [
        "file:///{outside}/secret.jpg",
        "{outside}/secret.jpg",
        "../outside/secret.jpg",
        "pictures/../../outside/secret.jpg",
        "link.jpg",  # a symbolic link inside the folder, to a file outside it
    ],
)
def test_pictures_are_read_only_from_inside_the_folder_imported(tmp_path, href, settings):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.jpg").write_bytes(jpeg_bytes())
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.symlink(outside / "secret.jpg", inbox / "link.jpg")
    write(inbox, "item.json", item(href=href.format(outside=outside)))

    _out, err, code = run_import(inbox)

    assert code == 0
    assert "picture not attached" in err
    assert not Image.objects.exists() and stored_files(settings) == []
    assert Story.objects.get().lead_image is None


def test_a_picture_beside_the_item_and_in_the_inbox_is_read(tmp_path, settings):
    inbox = tmp_path / "inbox"
    (inbox / "images").mkdir(parents=True)
    (inbox / "images" / "harbour.jpg").write_bytes(jpeg_bytes())
    path = write(inbox / "items", "item.json", item(href="../images/harbour.jpg"))

    run_import(path)  # the file's own folder: ../images lies outside it
    assert not Image.objects.exists()

    settings.WIRE_INBOX = str(inbox)  # the drop folder as a whole
    _out, err, code = run_import(path)
    assert code == 0 and Story.objects.get().lead_image is not None, err


def test_a_remote_feed_never_makes_us_read_our_own_disk(tmp_path, web_server, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "harbour.jpg").write_bytes(jpeg_bytes())
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title><item>'
        b"<title>Ferry</title><guid>ferry-1</guid>"
        b'<enclosure url="harbour.jpg" type="image/jpeg" length="1"/>'
        b'<enclosure url="file:///etc/passwd" type="image/jpeg" length="1"/>'
        b"</item></channel></rss>"
    )
    base = web_server({"/feed.xml": ("application/rss+xml", feed)})

    _out, err, code = run_import(f"{base}/feed.xml")

    assert code == 0
    assert not Image.objects.exists()
    assert "--fetch-pictures downloads it" in err  # the enclosure means a URL on the feed's host


# --- Which addresses are fetched -----------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.2",
        "10.1.2.3",
        "192.168.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "224.0.0.1",
        "::1",
        "fd00:ec2::254",
        "::ffff:127.0.0.1",
        "0.0.0.0",  # noqa: S104 — an address refused, not one bound
    ],
)
def test_internal_addresses_are_never_allowed(address, settings):
    settings.WIRE_ALLOWED_NETWORKS = []
    assert not fetch.allowed_address(address)


def test_a_public_address_and_an_operators_network_are_allowed(settings):
    settings.WIRE_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    assert fetch.allowed_address("93.184.216.34")
    assert fetch.allowed_address("10.20.3.4") and not fetch.allowed_address("10.21.3.4")


def test_a_feed_on_an_internal_address_is_refused_without_a_request(web_server):
    internal = web_server({"/feed.xml": ("application/rss+xml", b"<rss/>")}, host="127.0.0.2")

    _out, err, code = run_import(f"{internal}/feed.xml")

    assert code == 1 and "internal address (127.0.0.2)" in err
    assert web_server.hits == []


def test_a_redirect_to_an_internal_host_is_checked_and_refused(web_server, tmp_path):
    internal = web_server({"/admin.jpg": ("image/jpeg", jpeg_bytes())}, host="127.0.0.2")
    agency = web_server({"/photo.jpg": ("redirect", f"{internal}/admin.jpg")})
    path = write(tmp_path, "item.json", item(href=f"{agency}/photo.jpg"))

    _out, err, code = run_import(path, fetch_pictures=True)

    assert code == 0 and "internal address (127.0.0.2)" in err
    assert ("127.0.0.2", "/admin.jpg") not in web_server.hits
    assert not Image.objects.exists()


def test_downloads_can_be_limited_to_named_hosts(web_server, tmp_path, settings):
    agency = web_server({"/photo.jpg": ("image/jpeg", jpeg_bytes())})
    path = write(tmp_path, "item.json", item(href=f"{agency}/photo.jpg"))

    _out, err, _ = run_import(path, fetch_pictures=True, picture_host=["photos.agency.example"])
    assert "not one of the hosts downloads are allowed from" in err and web_server.hits == []

    settings.WIRE_ALLOWED_HOSTS = ["127.0.0.1"]
    _out, err, _ = run_import(path, fetch_pictures=True)
    assert Image.objects.count() == 1, err


def test_a_feed_bigger_than_allowed_is_one_clear_failure(web_server, settings):
    settings.WIRE_MAX_BYTES = 1000
    base = web_server({"/feed.xml": ("application/rss+xml", b"<rss>" + b" " * 5000 + b"</rss>")})
    _out, err, code = run_import(f"{base}/feed.xml")
    assert code == 1 and "larger than 1000" in err


def test_a_server_that_drips_its_answer_is_cut_off_at_the_deadline(settings):
    settings.WIRE_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.WIRE_FETCH_SECONDS = 1.0
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def drip():
        connection, _ = listener.accept()
        connection.recv(1000)
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n\r\n")
        while not stop.is_set():  # a byte every 0.2 s: never idle long enough to time out
            try:
                connection.sendall(b" ")
            except OSError:
                break
            time.sleep(0.2)
        connection.close()

    threading.Thread(target=drip, daemon=True).start()
    started = time.monotonic()
    try:
        with pytest.raises(fetch.FetchFailed, match="took longer than allowed"):
            fetch.fetch(f"http://127.0.0.1:{listener.getsockname()[1]}/", limit=10**6)
    finally:
        stop.set()
        listener.close()
    assert time.monotonic() - started < 3


# --- Which stories an item changes --------------------------------------------------------


def test_two_feeds_with_the_same_id_never_touch_each_others_stories(tmp_path, reader):
    path = write(tmp_path / "a", "item.json", item(uri="urn:shared:1"))
    run_import(path, source="Agency A", status="published")
    story_a = Story.objects.get()

    # Feed B sends the same id: an urgent rewrite, the embargo lifted, then a cancel.
    write(tmp_path / "b", "item.json", item(uri="urn:shared:1", headline="Fake", urgency=1))
    run_import(tmp_path / "b", source="Agency B")
    write(tmp_path / "b", "item.json", item(uri="urn:shared:1", pubStatus="canceled"))
    run_import(tmp_path / "b", source="Agency B")

    story_a.refresh_from_db()
    assert story_a.headline == "Harbour reopens" and story_a.mark == ""
    assert story_a.is_published
    assert reader.get(story_a.get_absolute_url()).status_code == 200
    story_b = Story.objects.exclude(pk=story_a.pk).get()
    assert story_b.wire_source == "Agency B" and story_b.status == Story.Status.DRAFT


def test_the_public_api_does_not_print_wire_ids(tmp_path, reader):
    run_import(write(tmp_path, "item.json", item(uri="urn:secret:42")), status="published")
    answer = reader.get(f"/api/stories/{Story.objects.get().pk}/").content.decode()
    assert "urn:secret:42" not in answer


def test_an_update_to_a_published_story_waits_for_the_desk(tmp_path, reader):
    path = write(tmp_path, "item.json", item())
    run_import(path, status="published")
    story = Story.objects.get()

    write(tmp_path, "item.json", item(headline="Harbour stays shut", urgency=1))
    out, err, code = run_import(path)

    assert code == 0 and "1 held for the desk" in out and "waits for an editor" in err
    story.refresh_from_db()
    assert story.headline == "Harbour reopens" and story.mark == ""  # readers see no change
    update = WireUpdate.objects.get()
    assert update.outcome == WireUpdate.Outcome.PENDING
    assert set(update.changed_fields) == {"headline", "mark"}
    assert story.revisions.first().comment == "An update from the wire waits for the desk"

    # Sent again: still one update waiting, no second one.
    assert "0 created, 0 updated, 1 unchanged" in run_import(path)[0]
    assert WireUpdate.objects.count() == 1

    services.wire_update_accept(update=update, user=services.SYSTEM)
    story.refresh_from_db()
    assert story.headline == "Harbour stays shut" and story.mark == Story.Mark.BREAKING
    assert story.revisions.first().comment == "Accepted an update from the wire"


def test_an_update_to_a_draft_the_desk_edited_waits_too_and_can_be_rejected(tmp_path):
    from articles.roles import EDITOR
    from tests.factories import user_with_role

    editor = user_with_role(EDITOR)
    path = write(tmp_path, "item.json", item())
    run_import(path)
    story = Story.objects.get()
    story.standfirst = "The desk's own lead."
    services.story_write(story=story, user=editor, relations={}, tags=[], comment="Edited")

    write(tmp_path, "item.json", item(headline="Harbour reopens at last"))
    run_import(path)
    update = WireUpdate.objects.get()
    services.wire_update_reject(update=update, user=editor)

    story.refresh_from_db()
    assert story.headline == "Harbour reopens" and story.standfirst == "The desk's own lead."
    assert WireUpdate.objects.get().outcome == WireUpdate.Outcome.REJECTED
    assert story.revisions.first().comment == "Rejected an update from the wire"


def test_an_untouched_draft_follows_the_wire(tmp_path):
    path = write(tmp_path, "item.json", item())
    run_import(path)
    write(tmp_path, "item.json", item(headline="Harbour reopens at last"))
    assert "1 updated" in run_import(path)[0]
    assert Story.objects.get().headline == "Harbour reopens at last"
    assert not WireUpdate.objects.exists()


# --- Public names -------------------------------------------------------------------------


def test_a_section_the_wire_makes_up_stays_off_the_site_until_a_story_is_out(tmp_path, reader):
    subjects = [{"name": "Shipping rumours", "rel": "section", "literal": "section:rumours"}]
    run_import(write(tmp_path, "item.json", item(subjects=subjects)))
    assert Section.objects.get(slug="rumours").approved is False

    assert "Shipping rumours" not in reader.get("/").content.decode()
    assert "/sections/rumours/" not in reader.get("/sitemap-sections.xml").content.decode()
    assert reader.get("/sections/rumours/").status_code == 404

    services.story_publish(story=Story.objects.get(), user=services.SYSTEM)
    assert "Shipping rumours" in reader.get("/").content.decode()
    assert reader.get("/sections/rumours/").status_code == 200


# --- What real agencies and the IPTC suite send -------------------------------------------


@pytest.mark.parametrize(
    "path", sorted((VALIDATION / "should_fail").glob("*.json")), ids=lambda p: p.stem
)
def test_every_item_of_the_iptc_should_fail_set_is_refused_with_its_reason(path):
    _out, err, code = run_import(path)
    assert code == 1
    assert f"Failed: {path}" in err and "Traceback" not in err
    reason = err.split(": ", 2)[-1].strip()
    assert len(reason) > 10
    assert not Story.objects.exists()


def test_an_ap_picture_item_with_geojson_places_imports_offline(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the import reached for the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    _out, err, code = run_import(VALIDATION / "should_pass" / "3.0-010_geojson.json")
    assert code == 0, err
    assert Story.objects.get().headline == "Turkey Islamic State"


@pytest.mark.parametrize(
    "geometry",
    [{"type": "Point", "coordinates": "here"}, {"type": "Blob"}, {"coordinates": [1, 2]}],
)
def test_a_malformed_geometry_is_refused_with_where(tmp_path, geometry):
    places = [{"name": "Riga", "geoJSON": geometry}]
    _out, err, code = run_import(write(tmp_path, "item.json", item(places=places)))
    assert code == 1 and "places/0/geoJSON" in err


def test_a_malformed_association_is_refused(tmp_path):
    document = item(href="x.jpg")
    document["associations"][0]["renditions"][0]["hacked"] = True
    _out, err, code = run_import(write(tmp_path, "item.json", document))
    assert code == 1 and "'hacked' was unexpected" in err


def test_whole_file_problems_are_one_failure_and_the_others_go_in(tmp_path, settings):
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "deep.jsonl").write_text(json.dumps(item(uri="urn:ok")) + "\n" + "[" * 100_000)

    _out, err, code = run_import(tmp_path)

    assert code == 1
    assert "deep.json: JSON nested more than 64 levels deep" in err
    assert "deep.jsonl line 2: JSON nested more than 64 levels deep" in err
    assert Story.objects.get().guid == "urn:ok"

    settings.WIRE_MAX_BYTES = 2000
    (tmp_path / "big.json").write_bytes(b" " * 3000)
    _out, err, code = run_import(tmp_path / "big.json")
    assert code == 1 and "big.json: 2.9" in err and "NEWSROOM_WIRE_MAX_BYTES" in err


def test_the_desk_reviews_a_held_update_and_accepts_it(tmp_path, client):
    from articles.roles import EDITOR, REPORTER
    from tests.factories import user_with_role

    path = write(tmp_path, "item.json", item())
    run_import(path, status="published")
    write(tmp_path, "item.json", item(headline="Harbour stays shut"))
    run_import(path)
    story, update = Story.objects.get(), WireUpdate.objects.get()

    client.force_login(user_with_role(REPORTER))
    review = f"/admin/articles/story/{story.pk}/wire-updates/{update.pk}/"
    assert client.post(review, {"accept": "1"}).status_code == 403

    client.force_login(user_with_role(EDITOR))
    form = client.get(f"/admin/articles/story/{story.pk}/change/").content.decode()
    assert "The wire sent an update" in form and review in form
    page = client.get(review).content.decode()
    assert "<del>reopens</del>" in page and "<ins>stays shut</ins>" in page.replace("\n", "")
    client.post(review, {"accept": "1"})
    story.refresh_from_db()
    assert story.headline == "Harbour stays shut"
    assert (
        "The wire sent an update"
        not in client.get(f"/admin/articles/story/{story.pk}/change/").content.decode()
    )


@pytest.mark.parametrize("body", ["<h1>" * 40_000, "<h1>x" * 20_000 + "</h1>", "<body>" * 40_000])
def test_a_body_built_to_be_slow_to_clean_is_quick(tmp_path, body):
    document = item()
    document["bodies"] = [{"role": "main", "contentType": "text/html", "value": body}]
    started = time.monotonic()
    _out, err, code = run_import(write(tmp_path, "item.json", document))
    assert time.monotonic() - started < 3, "the body cleaner is not linear"
    assert code == 0, err


def test_the_documents_own_heading_is_dropped_and_the_rest_kept():
    from wire.ninjs import _without_headings_1

    html = "<H1 class=t>Title</h1><p>Text</p><h1>Second</H1><p>More</p><h1>unclosed"
    assert _without_headings_1(html) == "<p>Text</p><p>More</p><h1>unclosed"


def test_a_chief_editor_approves_a_section_the_wire_made_up(tmp_path, client, reader):
    from articles.roles import CHIEF_EDITOR
    from tests.factories import user_with_role

    subjects = [{"name": "Shipping rumours", "rel": "section", "literal": "section:rumours"}]
    run_import(write(tmp_path, "item.json", item(subjects=subjects)))
    reader.get("/")  # the masthead, cached without it
    section = Section.objects.get(slug="rumours")

    client.force_login(user_with_role(CHIEF_EDITOR))
    listing = client.get("/admin/articles/section/?approved__exact=0").content.decode()
    assert "Shipping rumours" in listing
    client.post("/admin/articles/section/", {"action": "approve", "_selected_action": [section.pk]})
    assert "Shipping rumours" in reader.get("/").content.decode()


def test_an_item_sent_again_with_its_times_in_another_zone_is_unchanged(tmp_path):
    document = item(
        firstCreated="2026-11-24T08:00:00+01:00", versionCreated="2026-11-24T10:30:00+01:00"
    )
    path = write(tmp_path, "item.json", document)
    run_import(path, status="published")
    out, _err, _code = run_import(path)
    assert "1 unchanged" in out and not WireUpdate.objects.exists()


def test_a_feed_with_an_external_entity_or_an_entity_bomb_reads_nothing_it_names(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "xxe.rss").write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://'
        + str(secret).encode()
        + b'">]><rss version="2.0"><channel><title>T</title><item><title>A &x; B</title>'
        b"<guid>xxe-1</guid></item></channel></rss>"
    )
    entities = b"".join(
        b'<!ENTITY %c "%s">' % (98 + i, (b"&%c;" % (97 + i)) * 10) for i in range(9)
    )
    (tmp_path / "in" / "bomb.rss").write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">' + entities + b"]>"
        b'<rss version="2.0"><channel><title>T</title><item><title>&j;</title>'
        b"<guid>bomb-1</guid></item></channel></rss>"
    )
    started = time.monotonic()
    run_import(tmp_path / "in")
    assert time.monotonic() - started < 5
    assert not Story.objects.filter(headline__contains="TOP-SECRET").exists()
    assert not Story.objects.filter(headline__contains="aaaaaaaaaa").exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://2130706433/",
        "http://0x7f000001/",
        "http://127.1/",
        "http://[::1]/",
        "http://localhost/",
        "http://[::ffff:169.254.169.254]/latest/meta-data/",
        "http://user:password@93.184.216.34/",
        "ftp://93.184.216.34/feed.xml",
        "file:///etc/passwd",
    ],
)
def test_internal_addresses_however_written_are_refused_before_connecting(
    url, settings, monkeypatch
):
    settings.WIRE_ALLOWED_NETWORKS = []

    def no_connection(*args, **kwargs):
        raise AssertionError("connected")

    monkeypatch.setattr(socket, "create_connection", no_connection)
    monkeypatch.setattr(socket.socket, "connect", no_connection)
    with pytest.raises(fetch.FetchFailed):
        fetch.fetch(url, limit=1000)
