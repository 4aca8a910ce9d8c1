"""Uploads on S3-compatible object storage when NEWSROOM_MEDIA_BUCKET is set, so several
app servers share them: the settings the environment gives, used against an S3 API
(moto's, in the test process)."""

import json

import boto3
import pytest
from moto import mock_aws

from tests.factories import ImageFactory, StoryFactory
from tests.newsroom.test_settings import manage

BUCKET = "newsroom-media"


def storage_settings(tmp_path, **env):
    result = manage(
        "shell",
        "-c",
        "import json; from django.conf import settings as s; "
        "print(json.dumps(s.STORAGES['default']))",
        tmp_path=tmp_path,
        DJANGO_DEBUG="1",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_local_files_unless_a_bucket_is_named(tmp_path):
    assert storage_settings(tmp_path) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


@pytest.fixture
def s3_media(tmp_path, settings, monkeypatch):
    """The media storage the environment configures, against an S3 API."""
    configured = storage_settings(
        tmp_path,
        NEWSROOM_MEDIA_BUCKET=BUCKET,
        NEWSROOM_MEDIA_REGION="eu-north-1",
        NEWSROOM_MEDIA_DOMAIN="media.news.example.com",
    )
    assert configured["BACKEND"] == "storages.backends.s3.S3Storage"
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    with mock_aws():
        client = boto3.client("s3", region_name="eu-north-1")
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
        )
        settings.STORAGES = {**settings.STORAGES, "default": configured}
        yield client


@pytest.mark.django_db
def test_pictures_and_their_renditions_go_to_the_bucket(s3_media, reader, settings):
    picture = ImageFactory(alt_text="A harbour crane at dusk")
    story = StoryFactory(headline="Cranes idle in the harbour", lead_image=picture)

    keys = {o["Key"] for o in s3_media.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert f"media/{picture.file.name}" in keys
    assert {f"media/{r['name']}" for r in picture.renditions} <= keys
    head = s3_media.head_object(Bucket=BUCKET, Key=f"media/{picture.file.name}")
    assert head["CacheControl"] == "public, max-age=31536000, immutable"
    # No local copy: another app server reads the same bucket.
    assert not (settings.MEDIA_ROOT / picture.file.name).exists()

    page = reader.get(story.get_absolute_url(), follow=True).content.decode()
    assert f"https://media.news.example.com/media/{picture.renditions[0]['name']}" in page
    feed = reader.get("/news/rss/").content.decode()
    assert "https://media.news.example.com/media/images/renditions/" in feed
