"""Lead pictures for the demo stories, drawn with Pillow: no network, no stock photos.

Each picture is a deterministic abstract composition in its section's colour with the
section's name, so the demo looks like a news site and not like a wireframe.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 675  # 16:9, the shape cards and article pages use


def _font(size):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow built without FreeType: the small bitmap font
        return ImageFont.load_default()


def draw_picture(seed: str, colour: tuple[int, int, int], label: str) -> bytes:
    """A JPEG of WIDTH×HEIGHT for `seed` (the same seed draws the same picture)."""
    rng = random.Random(seed)  # noqa: S311 — a drawing, not a secret
    picture = Image.new("RGB", (WIDTH, HEIGHT), colour)
    draw = ImageDraw.Draw(picture, "RGBA")

    # A vertical gradient towards a darker shade of the section colour.
    dark = tuple(max(0, c // 3) for c in colour)
    for y in range(HEIGHT):
        t = y / HEIGHT
        row = tuple(int(a + (b - a) * t) for a, b in zip(colour, dark, strict=True))
        draw.line([(0, y), (WIDTH, y)], fill=row)

    # Translucent circles and bars: a different arrangement per story.
    for _ in range(rng.randint(5, 9)):
        radius = rng.randint(60, 320)
        x, y = rng.randint(-100, WIDTH + 100), rng.randint(-100, HEIGHT + 100)
        alpha = rng.randint(25, 70)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=(255, 255, 255, alpha))
    for _ in range(rng.randint(2, 4)):
        y = rng.randint(0, HEIGHT)
        draw.rectangle([0, y, WIDTH, y + rng.randint(4, 18)], fill=(255, 255, 255, 40))

    draw.rectangle([60, HEIGHT - 150, 70, HEIGHT - 60], fill=(200, 16, 46, 255))
    draw.text((95, HEIGHT - 150), label.upper(), font=_font(56), fill=(255, 255, 255, 235))
    draw.text((97, HEIGHT - 82), "NEWSROOM DEMO", font=_font(24), fill=(255, 255, 255, 170))

    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()
