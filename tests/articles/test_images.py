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
    with pytest.raises(ValidationError, match="not a picture; upload a JPEG"):
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


# --- Renditions and metadata ----------------------------------------------------------

import struct  # noqa: E402

from django.core.files.base import ContentFile  # noqa: E402

from articles.models import Image  # noqa: E402


def jpeg_with_metadata(
    width=1600, height=900, orientation=None, artist="", copyright_notice="", iptc_credit=""
):
    picture = PILImage.new("RGB", (width, height), (200, 30, 30))
    exif = picture.getexif()
    if orientation:
        exif[0x0112] = orientation
    if artist:
        exif[0x013B] = artist
    if copyright_notice:
        exif[0x8298] = copyright_notice
    out = io.BytesIO()
    picture.save(out, format="JPEG", exif=exif.tobytes())
    data = out.getvalue()
    if iptc_credit:
        # An IPTC Credit (2:110) in a Photoshop APP13 block, as agencies' pictures carry it.
        value = iptc_credit.encode()
        iptc = b"\x1c\x02\x6e" + struct.pack(">H", len(value)) + value
        resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc)) + iptc
        resource += b"\x00" * (len(resource) % 2)
        payload = b"Photoshop 3.0\x00" + resource
        data = data[:2] + b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload + data[2:]
    return data


@pytest.mark.django_db
def test_an_upload_gets_webp_and_jpeg_renditions_at_several_widths():
    image = Image.objects.create(
        file=ContentFile(jpeg_with_metadata(), name="big.jpg"), alt_text="x"
    )
    widths = {(r["format"], r["width"]) for r in image.renditions}
    # The standard widths below the original's, and the original's own width.
    assert widths == {(f, w) for f in ("webp", "jpeg") for w in (320, 640, 960, 1280, 1600)}
    assert image.srcset_webp.count("w,") == 4 and ".webp 320w" in image.srcset_webp
    assert image.fallback[1:] == (960, 540)
    for rendition in image.renditions:
        with image.file.storage.open(rendition["name"]) as stored, PILImage.open(stored) as picture:
            assert picture.size == (rendition["width"], rendition["height"])
            assert picture.format.lower() == rendition["format"]


@pytest.mark.django_db
def test_renditions_are_upright_and_carry_no_metadata():
    data = jpeg_with_metadata(400, 200, orientation=6, artist="Jane Doe", copyright_notice="Agency")
    image = Image.objects.create(file=ContentFile(data, name="sideways.jpg"), alt_text="x")
    largest = max(image.renditions, key=lambda r: (r["width"], r["format"] == "jpeg"))
    assert (largest["width"], largest["height"]) == (200, 400)  # rotated as the camera meant
    for rendition in image.renditions:
        with image.file.storage.open(rendition["name"]) as stored, PILImage.open(stored) as picture:
            assert not picture.getexif()
            assert "exif" not in picture.info


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("metadata", "credit"),
    [
        ({"iptc_credit": "Reuters"}, "Reuters"),
        (
            {"artist": "Jane Doe", "copyright_notice": "(c) Agency 2021"},
            "Jane Doe / (c) Agency 2021",
        ),
        ({}, ""),
    ],
)
def test_credit_is_prefilled_from_the_pictures_metadata(metadata, credit):
    image = Image.objects.create(
        file=ContentFile(jpeg_with_metadata(320, 200, **metadata), name="p.jpg")
    )
    assert image.credit == credit


@pytest.mark.django_db
def test_a_credit_typed_by_the_editor_wins():
    data = jpeg_with_metadata(320, 200, artist="Jane Doe")
    image = Image.objects.create(file=ContentFile(data, name="p.jpg"), credit="Staff")
    assert image.credit == "Staff"


# --- Uploading in the admin ----------------------------------------------------------------


@pytest.fixture
def desk(client):
    from articles.roles import EDITOR
    from tests.factories import user_with_role

    client.force_login(user_with_role(EDITOR))
    return client


def bomb_png():
    # 20000 x 20000 of one colour compresses to almost nothing, and would need 1.2 GB.
    out = io.BytesIO()
    PILImage.new("1", (20000, 20000)).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.jpg", b"this is a text file, renamed", "not a picture; upload a JPEG"),
        ("cut.jpg", None, "not a readable picture"),
        ("bomb.png", "bomb", "far more pixels than allowed"),
        ("huge.jpg", "huge", "at most"),
        ("fifty.jpg", "50 MB", "The file is 50.0\xa0MB; pictures may be at most 20.0\xa0MB."),
        (
            "script.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "not a picture; upload a JPEG",
        ),
    ],
)
def test_bad_uploads_are_form_errors_and_leave_no_file(desk, settings, name, content, message):
    if content is None:
        content = jpeg_bytes(800, 600)[:900]
    elif content == "bomb":
        content = bomb_png()
    elif content == "huge":
        settings.IMAGE_MAX_BYTES = 1000
        content = jpeg_bytes(800, 600)
    elif content == "50 MB":  # a JPEG's start, then 50 MB: refused by size, unread
        head = jpeg_bytes(800, 600)
        content = head + b"\0" * (50 * 1024 * 1024 - len(head))
    upload = SimpleUploadedFile(name, content)

    response = desk.post("/admin/articles/image/add/", {"file": upload, "alt_text": "x"})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Image.objects.exists()
    media = settings.MEDIA_ROOT
    assert not any(p.is_file() for p in media.rglob("*")) if media.exists() else True


@pytest.mark.django_db
def test_a_good_upload_shows_its_preview_in_the_admin(desk):
    upload = SimpleUploadedFile("ok.jpg", jpeg_with_metadata(800, 450, artist="Jane Doe"))
    response = desk.post(
        "/admin/articles/image/add/", {"file": upload, "alt_text": "A ferry"}, follow=True
    )
    assert response.status_code == 200
    image = Image.objects.get()
    assert image.credit == "Jane Doe"
    assert "/images/renditions/" in response.content.decode()  # the list's thumbnail
