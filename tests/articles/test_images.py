"""Pictures are checked with Pillow before they are stored."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from articles.images import validate_image_file
from tests.factories import jpeg_bytes


def upload(content, name="picture.jpg"):
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def test_a_whole_jpeg_passes():
    validate_image_file(upload(jpeg_bytes()))


def test_a_renamed_text_file_is_refused():
    with pytest.raises(ValidationError, match="not a readable picture"):
        validate_image_file(upload(b"just some text, not a picture"))


def test_a_truncated_jpeg_is_refused():
    with pytest.raises(ValidationError, match="not a readable picture"):
        validate_image_file(upload(jpeg_bytes(400, 300)[:600]))


def test_too_many_pixels_is_refused(settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100
    with pytest.raises(ValidationError, match="pixels"):
        validate_image_file(upload(jpeg_bytes(101, 100)))


def test_too_many_bytes_is_refused(settings):
    settings.IMAGE_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="at most"):
        validate_image_file(upload(jpeg_bytes()))


def test_formats_browsers_do_not_show_are_refused():
    out = io.BytesIO()
    PILImage.new("RGB", (10, 10)).save(out, format="TIFF")
    with pytest.raises(ValidationError, match="TIFF pictures are not accepted"):
        validate_image_file(upload(out.getvalue(), "picture.tiff"))
