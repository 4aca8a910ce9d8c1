"""Upload validation for pictures, with Pillow."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage

# Formats a browser shows everywhere; anything else is refused at upload.
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_image_file(file):
    """Refuse what is not a whole, reasonably sized picture, with a message an editor
    understands: a renamed file, a truncated upload, a decompression bomb, a huge file.
    """
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
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError) as error:
        raise ValidationError(
            "This file is not a readable picture (%(reason)s).",
            code="invalid_image",
            params={"reason": str(error) or error.__class__.__name__},
        ) from error
    finally:
        if position is not None and hasattr(file, "seek"):
            file.seek(position)
