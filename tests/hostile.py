"""What attackers type: payloads for every text an editor (or a wire item) can fill in,
each trying to run `window.pwned = N` in a reader's browser."""

import itertools

from articles.models import Author, Correction, Image, Section, Source, Theme
from tests.factories import ImageFactory, StoryFactory

PAYLOADS = [
    "<script>window.pwned=1</script>",
    '"><img src=x onerror="window.pwned=2">',
    "javascript:window.pwned=3",
    "</script><script>window.pwned=4</script>",
    '<svg onload="window.pwned=5"><script>window.pwned=6</script></svg>',
    "' onmouseover='window.pwned=7' x='",
    '<a href="javascript:window.pwned=8">click</a>',
    '<iframe src="javascript:window.pwned=9"></iframe>',
    "</title><script>window.pwned=10</script>",
    "]]></description><script>window.pwned=11</script>",
    '{"@context": "</script><script>window.pwned=12</script>"}',
]
ALL = " ".join(PAYLOADS)
_numbers = itertools.count(1)


def hostile_story(**extra):
    """A published story with a payload in every field a person fills in, and in the
    names of everything around it."""
    n = next(_numbers)
    section = Section.objects.create(
        name=f"{PAYLOADS[0]} {n}", slug=f"s-{n}", description=ALL[:300]
    )
    theme = Theme.objects.create(name=f"{PAYLOADS[1]} {n}", slug=f"t-{n}", description=ALL[:300])
    source = Source.objects.create(name=f"{PAYLOADS[2]} {n}", slug=f"src-{n}")
    author = Author.objects.create(name=f"{PAYLOADS[3]} {n}", slug=f"a-{n}")
    picture: Image = ImageFactory(alt_text=PAYLOADS[4], caption=PAYLOADS[5], credit=PAYLOADS[8])
    story = StoryFactory(
        headline=f"Hostile {PAYLOADS[0]} {PAYLOADS[8]}",
        standfirst=ALL,
        dateline_place=PAYLOADS[1][:100],
        body="".join(f"<p>{p}</p>" for p in PAYLOADS) + ALL,
        section=section,
        theme=theme,
        lead_image=picture,
        sources=[source],
        authors=[author],
        tags=[PAYLOADS[0], PAYLOADS[6][:100], PAYLOADS[9]],
        **extra,
    )
    Correction.objects.create(story=story, text=ALL)
    return story
