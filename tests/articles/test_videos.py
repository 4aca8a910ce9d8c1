"""Videos in the text: an upload is probed before it is stored (container, codecs, size,
length), gets a poster frame and a name of ours, and is shown with preload="none"; every
channel carries it; without ffmpeg an upload is refused saying so."""

import io
import json
import re
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from articles import services
from articles.models import Story, Video
from articles.roles import EDITOR
from embeds.models import Embed
from tests.factories import EmbedFactory, StoryFactory, VideoFactory, user_with_role
from tests.ninjs_schema import errors
from tests.support.wire import run_import
from wire.ninjs import story_to_ninjs

pytestmark = pytest.mark.django_db

needs_ffmpeg = pytest.mark.skipif(not shutil.which("ffmpeg"), reason="Debian's ffmpeg is needed")


H264 = ("-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac")


def made_by_ffmpeg(tmp_path, name="clip.mp4", *args):
    """A 3-second 320×240 test pattern with a tone, encoded as `args` say."""
    out = tmp_path / name
    picture = ["-f", "lavfi", "-i", "testsrc=duration=3:size=320x240:rate=25"]
    sound = ["-f", "lavfi", "-i", "sine=duration=3"]
    command = [shutil.which("ffmpeg"), "-v", "error", *picture, *sound, "-shortest", *args]
    subprocess.run([*command, "-y", str(out)], check=True)
    return out


@pytest.fixture
def desk(client):
    client.force_login(user_with_role(EDITOR, username="ed"))
    return client


def upload(desk, path, **words):
    data = {"title": "The ferry leaves", "caption": "", "credit": "", **words}
    with open(path, "rb") as file:
        data["upload"] = SimpleUploadedFile(path.name, file.read(), content_type="video/mp4")
    return desk.post(reverse("admin:articles_video_chooser"), data)


@needs_ffmpeg
def test_an_upload_is_probed_named_by_us_and_gets_a_poster(desk, tmp_path):
    answer = upload(desk, made_by_ffmpeg(tmp_path, "evil name;.mp4", *H264))
    assert answer.status_code == 201, answer.content
    video = Video.objects.get()
    assert (video.width, video.height, video.duration) == (320, 240, 3.0)
    assert (video.video_codec, video.audio_codec, video.content_type) == (
        "h264",
        "aac",
        "video/mp4",
    )
    assert re.fullmatch(r"videos/\d{4}/\d{2}/[0-9a-f]{32}\.mp4", video.file.name)
    assert re.fullmatch(r"videos/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", video.poster.name)
    assert (video.poster_width, video.poster_height) == (320, 240)
    assert answer.json()["length"] == "0:03" and video.created_by.username == "ed"


@needs_ffmpeg
def test_webm_is_stored_as_webm(desk, tmp_path):
    clip = made_by_ffmpeg(
        tmp_path, "clip.webm", "-c:v", "libvpx-vp9", "-b:v", "200k", "-c:a", "libopus"
    )
    assert upload(desk, clip).status_code == 201
    assert Video.objects.get().file.name.endswith(".webm")


@needs_ffmpeg
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<?php system($_GET['c']); ?>", "not an MP4 or WebM"),
        # A playlist would make ffmpeg read other files or addresses: never opened.
        (b"#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n", "not an MP4 or WebM"),
        (b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 200, "damaged"),
    ],
)
def test_what_is_not_a_playable_video_is_refused_saying_why(desk, tmp_path, content, message):
    path = tmp_path / "clip.mp4"
    path.write_bytes(content)
    answer = upload(desk, path)
    assert answer.status_code == 400 and message in json.dumps(answer.json())
    assert not Video.objects.exists()


@needs_ffmpeg
def test_a_codec_browsers_do_not_play_is_refused(desk, tmp_path):
    answer = upload(desk, made_by_ffmpeg(tmp_path, "clip.mp4", "-c:v", "mpeg4", "-c:a", "aac"))
    assert answer.status_code == 400 and "Browsers do not play mpeg4 video" in json.dumps(
        answer.json()
    )


def test_too_large_a_file_is_refused_before_it_is_read(desk, tmp_path, settings):
    settings.VIDEO_MAX_BYTES = 100
    path = tmp_path / "clip.mp4"
    path.write_bytes(b"\x00" * 200)
    answer = upload(desk, path)
    assert answer.status_code == 400 and "at most 100" in json.dumps(answer.json())


def test_without_ffmpeg_an_upload_is_refused_saying_so(desk, tmp_path, monkeypatch):
    monkeypatch.setattr("articles.videos.shutil.which", lambda name: None)
    path = tmp_path / "clip.mp4"
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42")
    answer = upload(desk, path)
    assert answer.status_code == 400 and "need ffmpeg on the server" in json.dumps(answer.json())
    listing = desk.get(reverse("admin:articles_video_chooser")).json()
    assert listing["can_probe"] is False


def _story_with_video_and_embed(**fields):
    video = VideoFactory()
    embed = EmbedFactory(caption="From the harbour webcam")
    story = StoryFactory(
        body=f'<p>One.</p><figure data-video="{video.pk}"></figure><p>Two.</p>'
        f'<figure data-embed="{embed.pk}"></figure>',
        **fields,
    )
    return story, video, embed


def test_readers_get_a_player_that_loads_nothing_before_play(reader):
    story, video, _embed = _story_with_video_and_embed()
    html = reader.get(story.get_absolute_url()).content.decode()
    assert '<video controls preload="none" playsinline width="1280" height="720"' in html
    assert f'<source src="{video.file.url}" type="video/mp4">' in html
    assert "The ferry leaves" in html and "1:05" in html


def test_json_ld_lists_the_video_and_the_hosted_video(reader):
    story, video, embed = _story_with_video_and_embed()
    html = reader.get(story.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    [article] = [d for d in map(json.loads, blocks) if d.get("@type") == "NewsArticle"]
    ours, hosted = article["video"]
    assert ours["@type"] == "VideoObject" and ours["duration"] == "PT1M5S"
    assert ours["contentUrl"].endswith(video.file.url) and ours["name"] == "The ferry leaves"
    assert hosted["embedUrl"] == embed.frame and hosted["url"] == embed.url


def test_ninjs_carries_the_video_and_the_embed_as_associations():
    story, video, embed = _story_with_video_and_embed()
    item = story_to_ninjs(story, lambda p: p if "://" in p else f"https://news.example{p}")
    assert errors(item) == []
    by_name = {a["name"]: a for a in item["associations"]}
    clip = by_name[f"video-{video.pk}"]
    assert clip["type"] == "video" and clip["renditions"][0]["duration"] == 65.0
    post = by_name[f"embed-{embed.pk}"]
    assert (post["rel"], post["uri"], post["type"]) == ("embed", embed.url, "video")
    html = item["bodies"][0]["value"]
    assert f'data-association="video-{video.pk}"' in html
    assert (
        f'<figure class="embed" data-association="embed-{embed.pk}"><a href="{embed.url}">' in html
    )


@needs_ffmpeg
def test_export_then_import_keeps_the_video_and_the_embed(tmp_path, settings, desk):
    answer = upload(desk, made_by_ffmpeg(tmp_path, "c.mp4", *H264), caption="Quay")
    assert answer.status_code == 201
    video = Video.objects.get()
    embed = EmbedFactory(title="Webcam", caption="From the harbour webcam")
    story = StoryFactory(
        body=f'<p>One.</p><figure data-video="{video.pk}"></figure>'
        f'<figure data-embed="{embed.pk}"></figure><p>Two.</p>'
    )
    services.story_write(story=story, user=services.SYSTEM)
    folder = tmp_path / "export"
    call_command("export_stories", output=str(folder / "stories.jsonl"),
                 media_dir=str(folder / "media"), stderr=io.StringIO())  # fmt: skip
    Story.objects.all().delete()
    Video.objects.all().delete()
    Embed.objects.all().delete()

    out, err, code = run_import(folder, status="published")
    assert code == 0, err
    copy = Story.objects.get()
    new_video, new_embed = Video.objects.get(), Embed.objects.get()
    assert copy.body == (
        f'<p>One.</p><figure data-video="{new_video.pk}"></figure>'
        f'<figure data-embed="{new_embed.pk}"></figure><p>Two.</p>'
    )
    assert (new_video.title, new_video.caption, new_video.duration) == (
        "The ferry leaves",
        "Quay",
        3.0,
    )
    assert (new_embed.url, new_embed.frame, new_embed.title) == (embed.url, embed.frame, "Webcam")
    assert new_embed.caption == "From the harbour webcam"
    out, _err, _code = run_import(folder, status="published")
    assert "1 unchanged" in out and Video.objects.count() == 1
