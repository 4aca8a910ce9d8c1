"""`manage.py export_stories`: published stories as ninjs JSON Lines, and back in again."""

import io
import json
import shutil
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from taggit.models import Tag

from articles.models import Author, Image, Section, Source, Story, Theme
from tests.factories import (
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    SourceFactory,
    StoryFactory,
    ThemeFactory,
)
from tests.ninjs_schema import errors

pytestmark = pytest.mark.django_db


def export(**options):
    out, err = io.StringIO(), io.StringIO()
    call_command("export_stories", stdout=out, stderr=err, **options)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def at(day, hour=12):
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def test_only_published_stories_oldest_first_as_valid_ninjs():
    StoryFactory(headline="Second", published_at=at(20))
    StoryFactory(headline="First", published_at=at(10))
    for state in ("draft", "in_review", "withdrawn", "scheduled"):
        StoryFactory(headline=f"Hidden {state}", **{state: True})
    StoryFactory(headline="Embargoed", embargo_until=datetime.now(UTC) + timedelta(days=1))

    items, err = export()
    assert [i["headlines"][0]["value"] for i in items] == ["First", "Second"]
    assert [errors(item) for item in items] == [[], []]
    assert items[0]["uri"].startswith("http://localhost:8000/news/")
    assert err.strip() == "Exported 2 stories."


def test_date_range_and_section_filters(settings):
    settings.TIME_ZONE = "Europe/Moscow"
    world = SectionFactory(slug="world", name="World")
    StoryFactory(headline="Too early", published_at=at(9, 20))  # 23:00 on the 9th in Moscow
    StoryFactory(headline="First day", published_at=at(9, 21))  # 00:00 on the 10th
    StoryFactory(headline="Last day, World", published_at=at(12, 20), section=world)
    StoryFactory(headline="Too late", published_at=at(12, 21))

    items, _ = export(since="2026-11-10", until="2026-11-12")
    assert [i["headlines"][0]["value"] for i in items] == ["First day", "Last day, World"]
    items, _ = export(section=["world"])
    assert [i["headlines"][0]["value"] for i in items] == ["Last day, World"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"since": "2026-13-01"}, "--since '2026-13-01' is not a date"),
        ({"until": "yesterday"}, "--until 'yesterday' is not a date"),
        ({"section": ["nowhere"]}, "No section nowhere; the sections are: politics"),
    ],
)
def test_bad_options_are_clear_errors(options, message):
    StoryFactory()
    with pytest.raises(CommandError, match=message):
        export(**options)


def test_export_then_import_into_an_empty_newsroom_round_trips(tmp_path, settings):
    section = SectionFactory(slug="military-defense", name="Military & Defense")
    theme = ThemeFactory(slug="russia-turkey", name="Russia and Turkey")
    afp = SourceFactory(name="AFP", slug="afp", url="https://www.afp.com/")
    picture = ImageFactory(alt_text="Launchers on parade", caption="A parade", credit="Press")
    original = StoryFactory(
        headline="Turkey takes delivery of S-400 parts",
        standfirst="The second batch arrived on Tuesday.",
        dateline_place="ANKARA",
        body="<p>First <em>paragraph</em>.</p><h2>Context</h2><p>Second.</p>",
        published_at=at(20, 9),
        updated_at=at(20, 11),
        section=section,
        theme=theme,
        lead_image=picture,
        mark=Story.Mark.BREAKING,
        tags=["S-400", "Turkey"],
        sources=[afp, SourceFactory(name="Kremlin aide", slug="kremlin-aide")],
        authors=[AuthorFactory(name="Ankara bureau"), AuthorFactory(name="Jane Roe")],
    )
    plain = StoryFactory(headline="A plain story", published_at=at(21), section=section)
    before = {s.headline: snapshot(s) for s in Story.objects.filter(pk__in=[original.pk, plain.pk])}
    picture_bytes = picture.file.open("rb").read()

    folder = tmp_path / "export"
    call_command(
        "export_stories",
        output=str(folder / "stories.jsonl"),
        media_dir=str(folder / "media"),
        stderr=io.StringIO(),
    )
    assert '"href": "media/images/' in (folder / "stories.jsonl").read_text()

    # An empty newsroom: no stories, pictures, sections, sources, authors or tags.
    for model in (Story, Image, Section, Theme, Source, Author, Tag):
        model.objects.all().delete()
    shutil.rmtree(settings.MEDIA_ROOT)

    out = io.StringIO()
    call_command(
        "import_stories", str(folder), status="published", stdout=out, stderr=io.StringIO()
    )
    assert out.getvalue().strip() == "2 items: 2 created, 0 updated, 0 unchanged, 0 failed."
    after = {s.headline: snapshot(s) for s in Story.objects.all()}
    assert after == before
    copy = Story.objects.get(headline=original.headline).lead_image
    assert copy.file.open("rb").read() == picture_bytes and copy.renditions

    # Exported again from the new newsroom, the items are those of the first export.
    out = io.StringIO()
    call_command(
        "import_stories", str(folder), status="published", stdout=out, stderr=io.StringIO()
    )
    assert "0 created, 0 updated, 2 unchanged" in out.getvalue()


def snapshot(story):
    image = story.lead_image
    return {
        "headline": story.headline,
        "standfirst": story.standfirst,
        "body": story.body,
        "dateline": story.dateline_place,
        "published_at": story.published_at,
        "updated_at": story.updated_at,
        "mark": story.mark,
        "section": (story.section.name, story.section.slug),
        "theme": (story.theme.name, story.theme.slug) if story.theme else None,
        "tags": sorted(story.tags.names()),
        "sources": sorted((s.name, s.slug, s.url) for s in story.sources.all()),
        "authors": sorted(a.name for a in story.authors.all()),
        "picture": (image.alt_text, image.caption, image.credit, image.width, image.height)
        if image
        else None,
    }


def test_the_command_explains_itself(capsys):
    with pytest.raises(SystemExit):
        call_command("export_stories", "--help")
    text = capsys.readouterr().out
    assert "ninjs" in text and "--since" in text and "--media-dir" in text
