import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from articles.models import Image, Section, Source, Story, Theme
from tests.factories import StoryFactory
from tests.html import day_headings, parse, text

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count() for model in (Story, Section, Theme, Source, Image)
    } | {"tags": sum(story.tags.count() for story in Story.objects.all())}


def test_loaddemo_builds_the_reference_newsroom(reader, settings):
    settings.NEWSROOM_AGENCY = "TASS"
    settings.TIME_ZONE = "Europe/Moscow"
    assert "52 stories created" in run("loaddemo")

    home = reader.get("/")
    assert day_headings(home)[0] == "9 December 2021"
    assert "Russia’s Sputnik V is world’s safest Covid vaccine, says RDIF CEO" in text(home)

    story = Story.objects.get(headline__startswith="Russia plans to deliver another batch of S-400")
    article = reader.get(story.get_absolute_url())
    page = parse(article)
    assert "ATHENS, December 9. /TASS/. Russia plans to deliver another batch" in page.text
    assert "S-400 deliveries to Turkey" in page.text
    assert "Sources: Kremlin spokesman" in page.text
    assert story.lead_image.width == 1200 and story.lead_image.height == 675
    assert "More news" in page.text and "Read more" in page.text
    # The article shows every kind of picture element: inset, full width, a gallery.
    assert story.inline_images.count() == 6
    html = article.content.decode()
    assert html.count('class="body-picture body-picture--inset"') == 1
    assert html.count('class="body-picture body-picture--full"') == 1
    assert html.count('class="gallery__item"') == 4
    assert "An S-400 launcher vehicle on parade" in page.text
    assert html.count('<blockquote class="pull-quote">') == 1
    assert '<aside class="fact-box"><h3>The S-400 in brief</h3>' in html

    macron = Story.objects.get(headline__startswith="Macron to discuss Donbass")
    assert [s.name for s in macron.sources.all()] == ["AFP"]
    assert macron.theme.name == "Tensions around Ukraine"
    times = Story.objects.values_list("published_at", flat=True)
    assert {t.astimezone(story.published_at.tzinfo).day for t in times} <= set(range(3, 10))


def test_loaddemo_twice_gives_the_same_newsroom():
    run("loaddemo")
    first = counts()
    assert "0 stories created, 52 updated" in run("loaddemo")
    assert counts() == first
    # A lead picture each, and the article's six pictures in its text.
    assert first["Story"] == 52 and first["Image"] == 52 + 6


def test_loaddemo_if_empty_leaves_an_existing_newsroom_alone():
    StoryFactory()
    assert "left as it is" in run("loaddemo", "--if-empty")
    assert Story.objects.count() == 1


def test_demo_editor_is_created_once_in_debug_only(settings):
    User = get_user_model()
    settings.DEBUG = False
    assert "Debug is off" in run("create_demo_editor")
    assert not User.objects.exists()

    settings.DEBUG = True
    output = run("create_demo_editor")
    password = output.split("password: ")[1].split()[0]
    editor = User.objects.get(username="editor")
    assert editor.check_password(password) and editor.is_staff
    assert len(password) >= 12

    assert "Users already exist" in run("create_demo_editor")
    assert User.objects.count() == 1


def test_no_model_change_is_missing_a_migration():
    run("makemigrations", "--check", "--dry-run")


def test_generate_stories_makes_realistic_searchable_stories(reader):
    from articles import search

    run("generate_stories", "300", "--batch", "120")

    assert Story.objects.count() == 300
    published = Story.objects.published()
    assert published.count() >= 280  # about 2% drafts
    sample = Story.objects.prefetch_related("tags", "sources").first()
    assert 3 <= sample.tags.count() <= 8 and sample.sources.count() == 1
    assert Story.related.through.objects.exists()
    times = list(published.values_list("published_at", flat=True))
    assert max(times) - min(times) > timezone.timedelta(hours=20)  # spread over time
    # Ids grow with time, as the desk's own stories do.
    ids_by_time = list(Story.objects.order_by("published_at").values_list("id", flat=True))
    assert ids_by_time == sorted(ids_by_time)
    # Found by a word of its headline and by a word of its body.
    assert search.search(sample.headline.split()[0])[0]
    body_word = search.plain_text(sample.body).split()[-1].strip(".")
    assert search.search(body_word)[0]
    assert reader.get("/news/").status_code == 200
    # The desk's next story takes a fresh id after the generated ones.
    assert StoryFactory().pk > max(ids_by_time)
    # Running again adds to the archive.
    run("generate_stories", "50", "--seed", "2")
    assert Story.objects.count() == 351


def test_rebuild_search_index_makes_stories_findable_again(reader):
    StoryFactory(headline="Icebreaker frees trapped tanker")
    # An index that lost its entries, as after a bulk load that bypassed the desk.
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM articles_story_fts")
        else:
            cursor.execute("UPDATE articles_story SET search_vector = NULL")
    assert "Icebreaker" not in reader.get("/search/?q=icebreaker").content.decode()

    assert run("rebuild_search_index").strip() == "Search index rebuilt: 1 stories."
    assert "Icebreaker frees trapped tanker" in reader.get("/search/?q=icebreaker").content.decode()


def test_make_renditions_makes_the_missing_ones():
    from tests.factories import ImageFactory

    image = ImageFactory()
    Image.objects.filter(pk=image.pk).update(renditions=[])
    assert run("make_renditions").strip() == "Renditions made for 1 pictures; 0 failed."
    image.refresh_from_db()
    assert {r["format"] for r in image.renditions} >= {"webp", "jpeg"}


def test_every_command_explains_itself():
    from django.core.management import get_commands, load_command_class

    ours = sorted(
        (name, app) for name, app in get_commands().items() if app in ("articles", "wire")
    )
    names = {name for name, _app in ours}
    assert {"import_stories", "export_stories", "publish_due", "setup_roles"} <= names
    for name, app in ours:
        command = load_command_class(app, name)
        assert len(command.help) > 80, f"{name} needs a --help text that explains it"
