"""Video files: what an upload must be before it is stored, and its poster frame.

Probing uses Debian's ffmpeg (ffprobe, ffmpeg) when it is installed. Without it a video
upload is refused with a message that says so, and nothing else changes.

An upload is hostile until probed: its first bytes must be an MP4/QuickTime `ftyp` box
or a WebM (Matroska) header, ffprobe reads it as exactly those formats and only from the
file (no playlist that names other files or addresses), within a time limit; its codecs
must be ones browsers play, and its size, duration and frame within the limits below.
It is stored under a name of ours with the extension its container gives it.
"""

import json
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

# Containers by their first bytes, and the ffprobe format names that go with them.
CONTAINERS = {"mp4": "video/mp4", "webm": "video/webm"}
_FORMATS = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm"
VIDEO_CODECS = {"h264", "vp8", "vp9", "av1"}
AUDIO_CODECS = {"aac", "mp3", "opus", "vorbis"}
PROBE_SECONDS = 30
MAX_SIDE = 4096


@dataclass
class Probe:
    container: str  # "mp4" or "webm"
    duration: float
    width: int
    height: int
    video_codec: str
    audio_codec: str  # "" without sound

    @property
    def content_type(self) -> str:
        return CONTAINERS[self.container]


def ffmpeg_available() -> bool:
    return bool(shutil.which("ffprobe") and shutil.which("ffmpeg"))


def _container(head: bytes) -> str | None:
    if head[4:8] == b"ftyp":
        return "mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "webm"
    return None


def probe(path: str) -> Probe:
    """What the file is, or ValidationError saying what is wrong with it."""
    if not ffmpeg_available():
        raise ValidationError(
            "Video uploads need ffmpeg on the server, and it is not installed "
            "(Debian: apt-get install ffmpeg). Embed a hosted video by its link instead."
        )
    with open(path, "rb") as file:
        container = _container(file.read(16))
    if container is None:
        raise ValidationError("That is not an MP4 or WebM video file.")
    try:
        answer = subprocess.run(  # noqa: S603 - fixed arguments, our own temporary path
            [
                shutil.which("ffprobe"), "-v", "error", "-protocol_whitelist", "file",
                "-format_whitelist", _FORMATS, "-print_format", "json",
                "-show_format", "-show_streams", path,
            ],
            capture_output=True, timeout=PROBE_SECONDS, check=True,
        )  # fmt: skip
        data = json.loads(answer.stdout)
    except subprocess.TimeoutExpired:
        raise ValidationError("The video could not be read in time.") from None
    except (subprocess.CalledProcessError, ValueError):
        raise ValidationError("The video file is damaged or not a video ffmpeg can read.") from None
    streams = data.get("streams") or []
    video = next((s for s in streams if s.get("codec_type") == "video"), None)
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    if video is None:
        raise ValidationError("The file has no video in it.")
    if video.get("codec_name") not in VIDEO_CODECS:
        raise ValidationError(
            f"Browsers do not play {video.get('codec_name') or 'this'} video: use H.264 "
            "(MP4) or VP9/AV1 (WebM)."
        )
    if audio is not None and audio.get("codec_name") not in AUDIO_CODECS:
        raise ValidationError(
            f"Browsers do not play {audio.get('codec_name') or 'this'} sound: use AAC, MP3, "
            "Opus or Vorbis."
        )
    try:
        duration = float((data.get("format") or {}).get("duration") or video.get("duration"))
        width, height = int(video["width"]), int(video["height"])
    except (TypeError, ValueError, KeyError):
        raise ValidationError("The video's length or frame size could not be read.") from None
    if not 0 < duration <= settings.VIDEO_MAX_SECONDS:
        raise ValidationError(
            f"A video may last at most {settings.VIDEO_MAX_SECONDS // 60} minutes."
        )
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        raise ValidationError(f"A video's frame may be at most {MAX_SIDE} pixels wide and high.")
    return Probe(
        container=container,
        duration=round(duration, 2),
        width=width,
        height=height,
        video_codec=video["codec_name"],
        audio_codec=(audio or {}).get("codec_name", ""),
    )


def poster_frame(path: str, duration: float) -> bytes:
    """A JPEG of the frame a second in (or halfway through a shorter video), at most
    1280 pixels wide; b"" when ffmpeg cannot make one."""
    at = min(1.0, duration / 2)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "poster.jpg"
        try:
            subprocess.run(  # noqa: S603 - fixed arguments, our own paths
                [
                    shutil.which("ffmpeg"), "-v", "error", "-nostdin",
                    "-protocol_whitelist", "file", "-format_whitelist", _FORMATS,
                    "-ss", f"{at:.2f}", "-i", path,
                    "-frames:v", "1", "-vf", "scale='min(1280,iw)':-2", "-q:v", "4", str(out),
                ],
                capture_output=True, timeout=PROBE_SECONDS, check=True,
            )  # fmt: skip
        except (subprocess.TimeoutExpired, subprocess.CalledProcessError):
            return b""
        return out.read_bytes() if out.exists() else b""


def video_upload_to(instance, filename) -> str:
    """A random name of ours, with the extension of the container the probe found."""
    from django.utils import timezone

    extension = "webm" if instance.content_type == "video/webm" else "mp4"
    return f"videos/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


def poster_upload_to(instance, filename) -> str:
    from django.utils import timezone

    return f"videos/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.jpg"


class VideoFormField(forms.FileField):
    """The upload field: size first (before anything reads it), then the probe. The
    probe's findings and the poster frame ride on the file (`.probe`, `.poster`) for
    services.video_save to store."""

    def to_python(self, data):
        file = super().to_python(data)
        if file is None:
            return file
        if file.size > settings.VIDEO_MAX_BYTES:
            raise ValidationError(
                f"A video may be at most {filesizeformat(settings.VIDEO_MAX_BYTES)}; this one "
                f"is {filesizeformat(file.size)}."
            )
        if hasattr(file, "temporary_file_path"):
            self._read(file, file.temporary_file_path())
        else:
            with tempfile.NamedTemporaryFile(suffix=".video") as copy:
                for chunk in file.chunks():
                    copy.write(chunk)
                copy.flush()
                self._read(file, copy.name)
            file.seek(0)
        return file

    @staticmethod
    def _read(file, path):
        # The poster is made here, from the local upload, whatever storage keeps videos.
        file.probe = probe(path)
        file.poster = poster_frame(path, file.probe.duration)
