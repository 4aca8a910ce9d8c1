"""Shared blocks (pagecache/blocks.py): "More news" and the home page's live feed are
cached apart from the pages they sit in, so an edit of a newest story leaves every other
article's page stored, and the block shows the edit."""

import re
from html import unescape

import pytest

from articles import views
from tests.factories import StoryFactory, user_with_role
from tests.html import text

from .test_dependencies import edit, hours_ago, newsroom, queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

ESI = {"HTTP_SURROGATE_CAPABILITY": "varnish=ESI/1.0"}


@pytest.fixture
def article_renders(monkeypatch):
    """How many times an article page was rendered (not served from the page cache)."""
    rendered = []
    real = views.StoryDetailView.get_context_data

    def counting(self, **kwargs):
        rendered.append(self.object.pk)
        return real(self, **kwargs)

    monkeypatch.setattr(views.StoryDetailView, "get_context_data", counting)
    return rendered


def more_news(response):
    html = response.content.decode()
    aside = html[html.index('class="more-news"') :]
    titles = re.findall(r'<h3 class="card__title">.*?<a href="[^"]*">([^<]*)</a>', aside, re.S)
    return [unescape(title) for title in titles]


def test_more_news_lists_related_then_the_newest_other_stories(reader):
    stories = newsroom(14)
    article = stories[-1]
    related = StoryFactory(published_at=hours_ago(100), headline="An older related story")
    article.related.add(related)
    shown = more_news(reader.get(article.get_absolute_url()))
    assert shown == ["An older related story"] + [s.headline for s in stories[:9]]
    assert article.headline not in shown  # never the article itself


def test_an_edit_of_a_newest_story_leaves_other_articles_stored(reader, committed, article_renders):
    """The second-newest story is in every article's More news; editing it makes the
    block stale, once per block, and no other article's page."""
    stories = newsroom(15)
    older = stories[5:]
    for story in older:
        reader.get(story.get_absolute_url())
    article_renders.clear()

    with committed():
        edit(stories[1], "Reworded second-newest story")

    for story in older:
        assert "Reworded second-newest story" in more_news(reader.get(story.get_absolute_url()))
    assert article_renders == []  # every page from the cache, assembled with the new block
    reader.get(stories[1].get_absolute_url())
    assert article_renders == [stories[1].pk]  # the edited story's own page, rendered again


def test_a_cached_article_and_its_block_cost_no_query(reader):
    story = newsroom(12)[-1]
    reader.get(story.get_absolute_url())
    response, count = queries(reader, story.get_absolute_url())
    assert count == 0
    assert len(more_news(response)) == 10


def test_a_publication_changes_more_news_on_a_stored_article(reader, committed, article_renders):
    from articles.models import Story
    from articles.services import Action, story_act

    stories = newsroom(12)
    draft = StoryFactory(draft=True, headline="Harbour reopens after the storm")
    url = stories[-1].get_absolute_url()
    reader.get(url)
    reader.get(url)
    before = reader.get(url)  # from the stored page as last assembled with its block
    assert "Harbour reopens after the storm" not in text(before)
    article_renders.clear()
    with committed():
        story_act(
            story=Story.objects.get(pk=draft.pk),
            user=user_with_role("Editor"),
            action=Action.PUBLISH,
        )
    assert more_news(reader.get(url))[0] == "Harbour reopens after the storm"
    assert article_renders == []


def test_a_cache_in_front_that_assembles_gets_the_include(reader):
    story = newsroom(12)[-1]
    plain = reader.get(story.get_absolute_url())
    esi = reader.get(story.get_absolute_url(), **ESI)

    assert "<esi:include" not in plain.content.decode()
    assert "Surrogate-Control" not in plain
    html = esi.content.decode()
    (address,) = re.findall(r'<esi:include src="([^"]+)"/>', html)
    assert address == f"/_blocks/more-news/10/{story.pk}/"  # among the newest: leaves it out
    assert esi["Surrogate-Control"] == 'content="ESI/1.0"'
    # What the include gives is what the page cache itself fills in.
    block = reader.get(address, **ESI)
    assert block.status_code == 200 and block["X-Robots-Tag"] == "noindex"
    assert html.replace(f'<esi:include src="{address}"/>', block.content.decode()) == (
        plain.content.decode()
    )
    # The stored page names its own content; the block names what it shows.
    assert f"story:{story.pk}" in esi["Surrogate-Key"].split()
    assert "list:all" not in esi["Surrogate-Key"].split()
    assert "list:all" in block["Surrogate-Key"].split()
    # Assembled here, the page says both, for a cache in front that keeps it whole.
    assert "list:all" in plain["Surrogate-Key"].split()


def test_the_home_page_live_feed_is_a_block(reader, committed):
    stories = newsroom(3)
    html = reader.get("/", **ESI).content.decode()
    assert '<esi:include src="/_blocks/latest/"/>' in html
    page = text(reader.get("/"))
    assert "Latest news" in page and stories[0].headline in page
    with committed():
        edit(stories[2], "Live feed wording changed")
    assert "Live feed wording changed" in text(reader.get("/"))


def test_an_editor_signed_in_gets_the_blocks_in_place(client):
    story = newsroom(12)[-1]
    client.force_login(user_with_role("Editor"))
    response = client.get(story.get_absolute_url(), **ESI)
    assert "<esi:include" not in response.content.decode()
    assert len(more_news(response)) == 10
    assert "no-store" in response["Cache-Control"]


def test_the_preview_shows_more_news(client):
    stories = newsroom(5)
    draft = StoryFactory(draft=True)
    client.force_login(user_with_role("Editor"))
    response = client.get(f"/preview/{draft.pk}/")
    assert more_news(response) == [s.headline for s in stories]


def test_older_articles_share_one_block(reader):
    stories = newsroom(40)
    old, older = stories[-1], stories[-2]
    related = stories[-3]
    old.related.add(related)
    addresses = [
        re.findall(r'<esi:include src="([^"]+)"/>', reader.get(s.get_absolute_url(), **ESI).text)
        for s in (old, older, stories[-4])
    ]
    # Not among the newest: one block per count of related stories, not one per article.
    assert addresses == [
        ["/_blocks/more-news/9/"],
        ["/_blocks/more-news/10/"],
        ["/_blocks/more-news/10/"],
    ]
    assert more_news(reader.get(old.get_absolute_url()))[0] == related.headline


@pytest.mark.parametrize(
    "address",
    [
        "0/",
        "11/",
        "99999999999999999999999/",
        "10/abc/",
        "10/3-1/",
        "10/1-1/",
        "10/0/",
        "10/1--2/",
        "10/-1/",
        "10/١/",
        "10/" + "9" * 19 + "/",
        "10/" + "-".join(map(str, range(1, 13))) + "/",
    ],
)
def test_a_block_address_from_outside_is_checked(reader, address):
    response = reader.get("/_blocks/more-news/" + address)
    assert response.status_code in (400, 404)


def test_a_block_that_is_being_rendered_makes_the_page_uncacheable(reader, committed, settings):
    import hashlib

    from django.core.cache import cache

    stories = newsroom(12)
    url = stories[-1].get_absolute_url()
    reader.get(url)
    address = f"/_blocks/more-news/10/{stories[-1].pk}/"
    block = "page:" + hashlib.sha256(f"http|{address}|".encode()).hexdigest()
    assert cache.get(block) is not None
    with committed():
        edit(stories[0], "Newest story reworded")
    cache.add(f"{block}:rendering", 1, settings.NEWSROOM_PAGE_CACHE_STALE_SECONDS)
    response = reader.get(url)
    assert "Newest story reworded" not in text(response)  # the block from before
    assert response["Cache-Control"] == "no-store"
    cache.delete(f"{block}:rendering")
    response = reader.get(url)
    assert "Newest story reworded" in text(response)
    assert "public" in response["Cache-Control"]
