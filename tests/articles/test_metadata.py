"""What search engines and social networks read, extracted with extruct as they would."""

import extruct
import pytest
from django.contrib.staticfiles import finders

from articles.models import Correction
from tests.factories import AuthorFactory, ImageFactory, StoryFactory

pytestmark = pytest.mark.django_db


def extract(response, base="http://testserver/"):
    return extruct.extract(
        response.content.decode(), base_url=base, syntaxes=["json-ld", "opengraph"], uniform=True
    )


@pytest.fixture
def story():
    story = StoryFactory(
        headline='Kremlin says "talks" </script> convenient',
        standfirst="The presidents will talk on December 7",
        lead_image=ImageFactory(alt_text="Two flags", caption="Flags in Sochi"),
        authors=[AuthorFactory(name="Moscow desk")],
        tags=["Putin", "Biden"],
    )
    Correction.objects.create(story=story, text="Corrects the date of the talks.")
    return story


def test_article_json_ld_is_a_complete_news_article(reader, story):
    data = extract(reader.get(story.get_absolute_url()))
    [article] = [d for d in data["json-ld"] if d["@type"] == "NewsArticle"]
    for field in (
        "headline",
        "description",
        "datePublished",
        "dateModified",
        "author",
        "publisher",
        "image",
        "mainEntityOfPage",
        "articleSection",
        "keywords",
        "isAccessibleForFree",
    ):
        assert article.get(field) not in (None, "", []), field
    assert article["headline"] == story.headline
    assert article["publisher"]["logo"]["url"].endswith(".png")
    assert article["publisher"]["logo"]["width"] == 600
    image = article["image"][0]
    assert (
        image["width"] > 0 and image["height"] > 0 and image["url"].startswith("http://testserver/")
    )
    assert article["author"][0]["name"] == "Moscow desk"
    assert set(article["keywords"]) == {"Biden", "Putin"}
    assert article["correction"][0]["text"] == "Correction: Corrects the date of the talks."


def test_article_open_graph_and_twitter_card(reader, story):
    response = reader.get(story.get_absolute_url())
    og = extract(response)["opengraph"][0]
    assert og["@type"] == "article"  # extruct's uniform form of og:type
    assert og["og:title"] == story.headline
    assert og["og:description"] == story.standfirst
    assert og["og:url"] == f"http://testserver{story.get_absolute_url()}"
    assert og["og:image"].startswith("http://testserver/media/")
    assert int(og["og:image:width"]) >= 160 and int(og["og:image:height"]) > 0
    assert og["article:section"] == "Politics"
    assert og["article:published_time"].startswith(str(story.published_at.year))
    html = response.content.decode()
    assert '<meta property="article:tag" content="Putin">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta name="description" content="The presidents will talk on December 7">' in html
    assert f'<link rel="canonical" href="http://testserver{story.get_absolute_url()}">' in html


def test_home_page_describes_the_site_and_its_search(reader, story, settings):
    settings.NEWSROOM_NAME = "Wire Today"
    data = extract(reader.get("/"))["json-ld"]
    site = next(d for d in data if d["@type"] == "WebSite")
    assert site["name"] == "Wire Today"
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/search/?q={search_term_string}"
    organization = next(d for d in data if d["@type"] == "NewsMediaOrganization")
    assert organization["name"] == "Wire Today" and organization["logo"]["url"]
    logo_path = organization["logo"]["url"].removeprefix("http://testserver/static/")
    assert finders.find(logo_path), "the logo is one of the project's static files"


def test_previews_carry_no_metadata_for_machines(story):
    from django.test import Client

    from articles import preview

    story.status = "draft"
    story.save()
    html = Client().get(preview.share_url(story)).content.decode()
    assert "application/ld+json" not in html and "og:title" not in html
    assert 'content="noindex, nofollow"' in html
