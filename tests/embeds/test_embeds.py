"""Embeds: a pasted link becomes a frame we build and a card we store; readers' browsers
contact the provider only after a click, and only the page showing an embed frames its
provider's origin."""

import dataclasses
import json
import re

import pytest
from django.urls import reverse

from articles import body, services
from articles.roles import EDITOR, REPORTER
from embeds import oembed, providers
from embeds.models import Embed
from embeds.services import embed_for_link
from tests.factories import EmbedFactory, StoryFactory, jpeg_bytes, user_with_role

pytestmark = pytest.mark.django_db

LINKS = {
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42": (
        "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
    "https://youtu.be/dQw4w9WgXcQ": ("youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
    "https://vimeo.com/76979871": ("vimeo", "https://player.vimeo.com/video/76979871?dnt=1"),
    "https://rutube.ru/video/0123456789abcdef0123456789abcdef/": (
        "rutube", "https://rutube.ru/play/embed/0123456789abcdef0123456789abcdef"),
    "https://vk.com/video-22822305_456241864": (
        "vk", "https://vkvideo.ru/video_ext.php?oid=-22822305&id=456241864"),
    "https://x.com/AP/status/1725513134046728459": (
        "x", "https://platform.twitter.com/embed/Tweet.html?id=1725513134046728459&dnt=true"),
    "https://twitter.com/AP/status/1725513134046728459?s=20": (
        "x", "https://platform.twitter.com/embed/Tweet.html?id=1725513134046728459&dnt=true"),
    "https://t.me/durov/142": ("telegram", "https://t.me/durov/142?embed=1"),
    "https://www.instagram.com/p/C0abcDEF12/": ("instagram", "https://www.instagram.com/p/C0abcDEF12/embed"),
    "https://www.tiktok.com/@scout2015/video/6718335390845095173": (
        "tiktok", "https://www.tiktok.com/embed/v2/6718335390845095173"),
    "https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3kgbz6tc4gl2u": (
        "bluesky",
        "https://embed.bsky.app/embed/did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3kgbz6tc4gl2u"),
    "https://bsky.app/profile/bsky.app/post/3kgbz6tc4gl2u": ("bluesky", ""),
    "https://mastodon.social/@Gargron/111372465520436785": (
        "mastodon", "https://mastodon.social/@Gargron/111372465520436785/embed"),
    "https://www.documentcloud.org/documents/20059068-the-mueller-report": (
        "documentcloud", "https://embed.documentcloud.org/documents/20059068-the-mueller-report/?embed=1"),
}  # fmt: skip


@pytest.mark.parametrize("link", LINKS)
def test_each_provider_turns_its_links_into_a_frame_we_build(link):
    key, frame = LINKS[link]
    found = providers.find(link)
    assert (found.provider.key, found.frame) == (key, frame)


def test_facebook_and_openstreetmap_frames():
    post = providers.find("https://www.facebook.com/nasa/posts/10159871392246772")
    assert post.frame.startswith("https://www.facebook.com/plugins/post.php?href=https%3A%2F%2F")
    osm = providers.find("https://www.openstreetmap.org/#map=15/55.7558/37.6173")
    assert osm.frame.startswith("https://www.openstreetmap.org/export/embed.html?bbox=37.6")
    assert "marker=55.75580%2C37.61730" in osm.frame


@pytest.mark.parametrize(
    "link",
    [
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://evil.example/?https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/short",
        "https://www.openstreetmap.org/#map=15/123.0/37.6",  # no such latitude
        "https://example.com/a-page",
    ],
)
def test_links_that_only_look_like_a_provider_get_no_frame(link):
    found = providers.find(link)
    assert found is None or found.frame == ""


@pytest.fixture
def editor():
    return user_with_role(EDITOR, username="ed")


def test_pasting_a_link_with_no_network_saves_a_card_with_its_frame(editor, settings):
    settings.EMBED_FETCH = False
    embed = embed_for_link("  https://youtu.be/dQw4w9WgXcQ ", editor)
    assert (embed.provider_name, embed.kind, embed.frame) == (
        "YouTube", "video", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")  # fmt: skip
    assert embed.fetch_error == "asking providers is off (NEWSROOM_EMBED_FETCH)"
    # The same link again is the same embed.
    assert embed_for_link("https://youtu.be/dQw4w9WgXcQ", editor) == embed


def test_a_link_no_provider_shows_is_refused_with_the_list(editor):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Embeds come from: YouTube, Vimeo"):
        embed_for_link("https://example.com/a-page", editor)
    with pytest.raises(ValidationError, match="starts with https"):
        embed_for_link("ftp://example.com/x", editor)
    assert not Embed.objects.exists()


def _provider_at(monkeypatch, address, key="youtube"):
    """The provider's oEmbed endpoint answered by a stub server on this machine."""
    patched = tuple(
        dataclasses.replace(p, oembed=f"{address}/oembed") if p.key == key else p
        for p in providers.PROVIDERS
    )
    monkeypatch.setattr(providers, "PROVIDERS", patched)


def test_the_oembed_answer_gives_words_and_a_thumbnail_of_ours(editor, web_server, monkeypatch):
    answer = {
        "type": "video",
        "title": "Storm <b>over</b> the harbour",
        "author_name": "Harbour TV",
        "thumbnail_url": "",
        "html": '<iframe src="https://evil.example/frame"></iframe><script>alert(1)</script>',
    }
    address = web_server({"/thumb.jpg": ("image/jpeg", jpeg_bytes(480, 360))})
    answer["thumbnail_url"] = f"{address}/thumb.jpg"
    address = web_server({"/oembed": ("application/json", json.dumps(answer).encode())})
    _provider_at(monkeypatch, address)

    embed = embed_for_link("https://www.youtube.com/watch?v=dQw4w9WgXcQ", editor)

    assert embed.title == "Storm over the harbour" and embed.author_name == "Harbour TV"
    # The frame is still the one we build: the answer's html names nothing we show.
    assert embed.frame == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert re.fullmatch(r"embeds/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", embed.thumbnail.name)
    assert (embed.thumbnail_width, embed.thumbnail_height) == (480, 360)
    assert embed.fetch_error == "" and embed.fetched_at is not None
    asked = [path for _host, path in web_server.hits if path.startswith("/oembed")]
    assert "url=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3DdQw4w9WgXcQ" in asked[0]


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (b"<html>not json</html>", "the answer was not JSON"),
        (b"[1, 2]", "not an oEmbed object"),
        (b"{" + b'"title": "x",' * 30_000 + b'"a": 1}', "larger than"),
    ],
)
def test_a_bad_answer_leaves_a_card_and_the_reason(editor, web_server, monkeypatch, answer, reason):
    _provider_at(monkeypatch, web_server({"/oembed": ("application/json", answer)}))
    embed = embed_for_link("https://youtu.be/dQw4w9WgXcQ", editor)
    assert embed.pk and embed.title == "" and reason in embed.fetch_error
    assert embed.frame  # still shown, as a card with its button


def test_a_thumbnail_that_is_no_picture_is_not_kept(editor, web_server, monkeypatch):
    address = web_server({"/t.jpg": ("image/jpeg", b"<?php evil(); ?>")})
    answer = {"title": "T", "thumbnail_url": f"{address}/t.jpg"}
    _provider_at(
        monkeypatch, web_server({"/oembed": ("application/json", json.dumps(answer).encode())})
    )
    embed = embed_for_link("https://youtu.be/dQw4w9WgXcQ", editor)
    assert embed.title == "T" and not embed.thumbnail and "not a picture" in embed.fetch_error


def test_the_oembed_endpoint_may_not_lead_inside(editor, web_server, monkeypatch, settings):
    settings.WIRE_ALLOWED_NETWORKS = []  # as in production: loopback is internal
    _provider_at(monkeypatch, web_server({"/oembed": ("application/json", b"{}")}))
    embed = embed_for_link("https://youtu.be/dQw4w9WgXcQ", editor)
    assert "internal address" in embed.fetch_error and web_server.hits == []


def test_a_bluesky_handle_link_gets_its_frame_from_the_answer(editor, web_server, monkeypatch):
    html = (
        '<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:abc123/'
        'app.bsky.feed.post/3kgbz6tc4gl2u"><p>Ships are back</p></blockquote>'
    )
    answer = json.dumps({"author_name": "Port", "html": html}).encode()
    _provider_at(monkeypatch, web_server({"/oembed": ("application/json", answer)}), "bluesky")
    embed = embed_for_link("https://bsky.app/profile/port.example/post/3kgbz6tc4gl2u", editor)
    assert (
        embed.frame
        == "https://embed.bsky.app/embed/did:plc:abc123/app.bsky.feed.post/3kgbz6tc4gl2u"
    )
    assert embed.text == "Ships are back"


def test_a_generic_provider_frames_only_its_configured_origins():
    html = '<iframe src="https://w.soundcloud.com/player/?url=x"></iframe>'
    assert oembed.generic_frame(html, ("https://w.soundcloud.com",)).startswith(
        "https://w.soundcloud"
    )
    assert oembed.generic_frame(html, ("https://other.example",)) == ""
    assert (
        oembed.generic_frame(
            '<iframe src="http://w.soundcloud.com/"></iframe>', ("https://w.soundcloud.com",)
        )
        == ""
    )


# --- Readers ---------------------------------------------------------------------------


def _story_with(embed, **fields):
    return StoryFactory(
        body=f'<p>Before.</p><figure data-embed="{embed.pk}"></figure><p>After.</p>', **fields
    )


def test_the_article_shows_a_card_and_frames_only_that_provider(reader):
    embed = EmbedFactory(author_name="Harbour TV", caption="The storm, filmed at noon")
    story = _story_with(embed)
    page = reader.get(story.get_absolute_url())
    html = page.content.decode()
    assert 'data-embed-frame="https://www.youtube-nocookie.com/embed/' in html
    assert "Show the video from YouTube" in html and "Storm over the harbour" in html
    assert "Showing it here loads content from www.youtube-nocookie.com" in html
    assert "<iframe" not in html  # nothing from the provider before a click
    assert not re.search(r'(src|href)="https://www\.youtube-nocookie', html)
    assert "js/embeds.js" in html
    csp = page["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com" in csp
    assert "X-Newsroom-Frame-Origins" not in page
    assert 'fullscreen=(self "https://www.youtube-nocookie.com")' in page["Permissions-Policy"]
    other = reader.get(StoryFactory().get_absolute_url())
    assert "frame-src" not in other["Content-Security-Policy"]
    assert "fullscreen=(self)" in other["Permissions-Policy"]


def test_a_cached_page_keeps_its_frames(reader, page_cache_on):
    story = _story_with(EmbedFactory())
    first = reader.get(story.get_absolute_url())
    second = reader.get(story.get_absolute_url())
    assert first.content == second.content
    assert "frame-src https://www.youtube-nocookie.com" in second["Content-Security-Policy"]


def test_a_link_card_has_no_button_and_frames_nothing(reader):
    embed = EmbedFactory(
        url="https://bsky.app/profile/port.example/post/3k", provider="bluesky",
        provider_name="Bluesky", kind="post", frame="", title="", text="Ships are back",
    )  # fmt: skip
    page = reader.get(_story_with(embed).get_absolute_url())
    html = page.content.decode()
    assert "Ships are back" in html and "Open on Bluesky" in html
    assert "embed__load" not in html and "frame-src" not in page["Content-Security-Policy"]


def test_the_services_keep_only_embeds_that_exist(editor):
    embed = EmbedFactory()
    story = StoryFactory(body="<p>x</p>")
    story.body = f'<figure data-embed="{embed.pk}"></figure><figure data-embed="99999"></figure>'
    services.story_write(story=story, user=editor)
    assert story.body == f'<figure data-embed="{embed.pk}"></figure>'
    assert list(story.inline_embeds.all()) == [embed]
    assert body.sanitize('<figure data-embed="x1"></figure>') == "<figure></figure>"


def test_embed_words_are_searched(reader, editor):
    embed = EmbedFactory(title="Lighthouse keeper interview")
    story = _story_with(embed)
    services.story_write(story=story, user=editor)
    found = reader.get(reverse("articles:search"), {"q": "lighthouse"})
    assert story.headline in found.content.decode()


def test_a_caption_change_reaches_the_page(reader, page_cache_on, editor):
    embed = EmbedFactory(caption="Before")
    story = _story_with(embed)
    assert "Before" in reader.get(story.get_absolute_url()).content.decode()
    embed.caption = "After the correction"
    embed.save()
    assert "After the correction" in reader.get(story.get_absolute_url()).content.decode()


# --- The desk ----------------------------------------------------------------------------


def test_the_desk_endpoint_makes_an_embed_and_answers_its_card(client, editor, settings):
    settings.EMBED_FETCH = False
    client.force_login(editor)
    url = reverse("admin:embeds_embed_paste")
    made = client.post(url, {"url": "https://t.me/durov/142"})
    assert made.status_code == 201
    card = made.json()
    assert card["provider"] == "Telegram" and card["frame"] is True
    refused = client.post(url, {"url": "https://example.com/"})
    assert refused.status_code == 400 and "Embeds come from" in refused.json()["errors"]["url"][0]
    assert client.get(url, {"ids": f"{card['id']},x,99"}).json()["results"][0]["id"] == card["id"]


def test_only_desk_users_with_the_permission_embed(client, settings):
    settings.EMBED_FETCH = False
    from django.contrib.auth import get_user_model

    nobody = get_user_model().objects.create_user(
        "nobody", password="x-long-password", is_staff=True
    )
    client.force_login(nobody)
    answer = client.post(reverse("admin:embeds_embed_paste"), {"url": "https://t.me/durov/142"})
    assert answer.status_code == 403 and not Embed.objects.exists()
    client.force_login(user_with_role(REPORTER, username="rep"))
    assert (
        client.post(
            reverse("admin:embeds_embed_paste"), {"url": "https://t.me/durov/142"}
        ).status_code
        == 201
    )
