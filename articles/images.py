"""Pictures with Pillow: upload validation, stored names and clean originals, renditions,
credits from metadata."""

import io
import re
import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage

# Formats a browser shows everywhere; anything else is refused at upload.
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_image_file(file):
    """Refuse what is not a whole, reasonably sized picture, with a message an editor
    understands: a renamed file, a truncated upload, a decompression bomb, a huge file.
    """
    if getattr(file, "_committed", False):
        # Already in storage, checked when it was uploaded: editing the words of a picture
        # (alt text, caption, credit) does not read the file again.
        return
    size = getattr(file, "size", None)
    if size is not None and size > settings.IMAGE_MAX_BYTES:
        raise ValidationError(
            "The file is %(size)s; pictures may be at most %(max)s.",
            code="too_large",
            params={
                "size": filesizeformat(size),
                "max": filesizeformat(settings.IMAGE_MAX_BYTES),
            },
        )
    position = file.tell() if hasattr(file, "tell") else None
    try:
        with PILImage.open(file) as picture:
            width, height = picture.size
            if width * height > settings.IMAGE_MAX_PIXELS:
                raise ValidationError(
                    "The picture is %(width)s×%(height)s pixels; at most %(max)s are allowed.",
                    code="too_many_pixels",
                    params={"width": width, "height": height, "max": settings.IMAGE_MAX_PIXELS},
                )
            if picture.format not in ALLOWED_FORMATS:
                raise ValidationError(
                    "%(format)s pictures are not accepted; upload a JPEG, PNG, WebP or GIF.",
                    code="format",
                    params={"format": picture.format or "This kind of"},
                )
            # load() decodes every pixel: a truncated or corrupt file fails here,
            # not later in a reader's request.
            picture.load()
    except ValidationError:
        raise
    except PILImage.DecompressionBombError:
        raise ValidationError(
            "The picture has far more pixels than allowed (at most %(max)s).",
            code="too_many_pixels",
            params={"max": settings.IMAGE_MAX_PIXELS},
        ) from None
    except PILImage.UnidentifiedImageError:
        raise ValidationError(
            "This file is not a picture; upload a JPEG, PNG, WebP or GIF.", code="not_an_image"
        ) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            "This file is not a readable picture (%(reason)s).",
            code="invalid_image",
            params={"reason": str(error) or error.__class__.__name__},
        ) from error
    finally:
        if position is not None and hasattr(file, "seek"):
            file.seek(position)


class PictureFormField(forms.ImageField):
    """The upload field: our checks first, so an editor reads why a file is refused
    (too big, too many pixels, truncated) rather than a generic "not a valid image"."""

    def to_python(self, data):
        if data:
            validate_image_file(data)
        return super().to_python(data)


# --- What is stored -------------------------------------------------------------------

# The extension a stored picture gets, from the format Pillow finds in its bytes.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


# What picture_upload_to names a file; anything else was stored before this rule.
STORED_NAME = re.compile(r"images/\d{4}/\d{2}/[0-9a-f]{32}\.(jpg|png|webp|gif)")


def picture_upload_to(instance, filename) -> str:
    """Where a picture is stored: a random name (unguessable, so a picture of an
    embargoed story cannot be found before it is linked). Image.save names every new
    upload by the format Pillow found in its bytes (without_metadata), so the extension
    kept here is that one; whatever name the uploader or the wire gave the file is never
    used: `brief.html` that is a GIF is stored as a .gif, and served as one."""
    from django.utils import timezone

    extension = filename.rpartition(".")[2].lower() if "." in filename else ""
    extension = {"jpeg": "jpg"}.get(extension, extension)
    if extension not in EXTENSIONS.values():
        extension = "bin"
    return f"images/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{extension}"


def without_metadata(file) -> ContentFile:
    """The picture decoded and written again by Pillow in its own format, upright, with
    its colour profile and nothing else: no EXIF (GPS, camera serial numbers), no IPTC
    or XMP, no comments, and none of the bytes a file can carry after its image data
    (a GIF trailer followed by HTML). JPEGs keep their quantisation tables, so the
    picture looks as it did."""
    from PIL import ImageOps, JpegImagePlugin

    file.seek(0)
    with PILImage.open(file) as original:
        fmt = original.format
        icc = original.info.get("icc_profile")
        out = io.BytesIO()
        if fmt == "GIF":
            # Frames and their timing stay; a GIF has no orientation to apply.
            original.info.pop("comment", None)
            original.save(out, format="GIF", save_all=True)
        else:
            picture = ImageOps.exif_transpose(original)
            options = {"icc_profile": icc} if icc else {}
            if fmt == "JPEG":
                options |= {
                    "qtables": original.quantization,
                    "subsampling": JpegImagePlugin.get_sampling(original),
                }
                if options["subsampling"] == -1:
                    del options["subsampling"]
            elif fmt == "WEBP":
                options |= {"quality": 90, "method": 4}
            elif "transparency" in original.info:
                options["transparency"] = original.info["transparency"]
            picture.save(out, format=fmt, **options)
    file.seek(0)
    return ContentFile(out.getvalue(), name=f"picture.{EXTENSIONS[fmt]}")


# --- Renditions ----------------------------------------------------------------------

# The widths pages ask for in srcset; an upload gets those narrower than itself, and
# always one at its own width when it is narrower than the largest.
RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)
# Which rendition a browser without srcset gets.
FALLBACK_WIDTH = 960


def _web_format(original_format: str, has_alpha: bool) -> tuple[str, str]:
    """The non-WebP rendition's format and extension for an upload."""
    if original_format == "PNG" or has_alpha:
        return "PNG", "png"
    return "JPEG", "jpg"


def make_renditions(file, name_stem: str, storage) -> list[dict]:
    """Resize an uploaded picture to the rendition widths, in WebP and in a classic
    format, upright (EXIF orientation applied) and with no metadata carried over.

    Returns [{"width", "height", "format", "name"}, …], narrowest first.
    """
    from PIL import ImageOps

    file.seek(0)
    with PILImage.open(file) as original:
        original_format = original.format
        picture = ImageOps.exif_transpose(original)
        picture.load()
    has_alpha = picture.mode in ("RGBA", "LA") or "transparency" in picture.info
    picture = picture.convert("RGBA" if has_alpha else "RGB")
    classic, extension = _web_format(original_format, has_alpha)

    widths = [w for w in RENDITION_WIDTHS if w < picture.width]
    if picture.width <= RENDITION_WIDTHS[-1] and picture.width not in widths:
        widths.append(picture.width)
    widths = widths or [RENDITION_WIDTHS[-1]]

    renditions = []
    for width in widths:
        height = max(1, round(picture.height * width / picture.width))
        resized = (
            picture if width == picture.width else picture.resize((width, height), PILImage.LANCZOS)
        )
        for fmt, ext, options in (
            ("WEBP", "webp", {"quality": 80, "method": 4}),
            (
                classic,
                extension,
                {"quality": 82, "optimize": True, "progressive": True}
                if classic == "JPEG"
                else {"optimize": True},
            ),
        ):
            out = io.BytesIO()
            # No exif=, no icc_profile=, no pnginfo=: Pillow writes no metadata then.
            resized.save(out, format=fmt, **options)
            name = storage.save(
                f"images/renditions/{name_stem}-{width}.{ext}", ContentFile(out.getvalue())
            )
            renditions.append(
                {
                    "width": width,
                    "height": height,
                    "format": fmt.lower(),
                    "name": name,
                    "bytes": out.tell(),
                }
            )
    file.seek(0)
    return renditions


# --- Credit from the picture's own metadata ------------------------------------------

_IPTC_CREDIT, _IPTC_BYLINE, _IPTC_COPYRIGHT = (2, 110), (2, 80), (2, 116)
_EXIF_ARTIST, _EXIF_COPYRIGHT = 0x013B, 0x8298


def _text(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else b""
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    return str(value or "").strip().strip("\x00").strip()


def credit_from_metadata(file) -> str:
    """The credit a photographer or agency embedded (IPTC Credit/By-line/Copyright, EXIF
    Artist/Copyright), for prefilling the image's credit; empty when there is none."""
    from PIL import IptcImagePlugin

    file.seek(0)
    try:
        with PILImage.open(file) as picture:
            iptc = IptcImagePlugin.getiptcinfo(picture) or {}
            exif = picture.getexif()
    except Exception:  # metadata is a convenience: an unreadable block is no error
        return ""
    finally:
        file.seek(0)
    credit = (
        _text(iptc.get(_IPTC_CREDIT))
        or _text(iptc.get(_IPTC_BYLINE))
        or _text(exif.get(_EXIF_ARTIST))
    )
    copyright_notice = _text(iptc.get(_IPTC_COPYRIGHT)) or _text(exif.get(_EXIF_COPYRIGHT))
    if credit and copyright_notice and copyright_notice not in credit:
        return f"{credit} / {copyright_notice}"[:200]
    return (credit or copyright_notice)[:200]
