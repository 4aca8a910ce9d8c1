"""The smaller holes the untrusted-wire review found, each closed: share links, what
moves Last-Modified, headers on cached pages, caching for signed-in people, alt text."""

import re

import pytest

from articles import preview, services
from articles.models import Story
from articles.roles import EDITOR
from tests.factories import ImageFactory, StoryFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_a_share_link_stays_dead_after_publication_and_withdrawal(reader):
    story = StoryFactory(draft=True)
    link = preview.share_url(story)
    assert reader.get(link).status_code == 200

    editor = user_with_role(EDITOR)
    services.story_publish(story=story, user=editor)
    assert reader.get(link).status_code != 200
    services.story_withdraw(story=story, user=editor)
    answer = reader.get(link)
    assert answer.status_code != 200 and story.headline not in answer.content.decode()


def test_saving_a_draft_moves_neither_last_modified_nor_the_etag(reader, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    StoryFactory()
    before = reader.get("/")
    draft = StoryFactory(draft=True)
    draft.headline = "Secret scoop in the works"
    services.story_write(story=draft, user=user_with_role(EDITOR), relations={}, tags=["x"])
    after = reader.get("/")
    assert after["Last-Modified"] == before["Last-Modified"]
    assert after["ETag"] == before["ETag"]


def test_a_cached_page_carries_every_security_header_a_rendered_one_does(reader, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    StoryFactory()
    rendered = reader.get("/news/")
    cached = reader.get("/news/")
    security = {
        "X-Frame-Options",
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Permissions-Policy",
    }
    assert security <= set(rendered.headers)
    for name in security:
        assert cached.headers.get(name) == rendered.headers[name], name


def test_a_signed_in_editor_never_gets_a_public_cache_control(client):
    StoryFactory()
    client.force_login(user_with_role(EDITOR))
    for url in ["/", "/news/", "/news/rss/", "/api/feed/"]:
        answer = client.get(url)
        control = answer["Cache-Control"]
        assert "public" not in control and "private" in control, (url, control)


def test_no_path_to_publication_skips_the_alt_text_rule(client):
    editor = user_with_role(EDITOR)
    story = StoryFactory(draft=True, lead_image=ImageFactory(alt_text=""))
    client.force_login(editor)
    client.post("/admin/articles/story/", {"action": "publish_now", "_selected_action": [story.pk]})
    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT
    with pytest.raises(Exception, match="alt text"):
        services.story_publish(story=story, user=editor)


def test_picture_addresses_cannot_be_guessed():
    names = {ImageFactory().file.name for _ in range(3)}
    for name in names:
        assert re.fullmatch(r"images/\d{4}/\d{2}/[0-9a-f]{32}\.(jpg|png|gif|webp)", name), name


def test_no_template_has_a_comment_django_would_print():
    """Django's {# #} comments end at the line's end: one spread over lines is printed
    to readers as text (it happened to the embed's template)."""
    import re
    from pathlib import Path

    templates = Path(__file__).parents[2] / "templates"
    printed = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if re.search(r"\{#(?:(?!#\}).)*\n", path.read_text(), re.S)
    ]
    assert printed == []
