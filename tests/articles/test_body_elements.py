"""Pictures and galleries in a story's text: the body's one representation, what a save
keeps of it, how readers see it, and every channel that reads it."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import Client
from lxml import html as lxml_html

from articles import body, services
from articles.models import Image, Story
from articles.roles import EDITOR, REPORTER
from articles.signals import content_changed
from tests.factories import ImageFactory, SectionFactory, StoryFactory, jpeg_bytes, user_with_role

pytestmark = pytest.mark.django_db


def picture(pk, placement=""):
    extra = f' data-placement="{placement}"' if placement else ""
    return f'<figure data-picture="{pk}"{extra}></figure>'


# --- The representation -----------------------------------------------------------------


def test_elements_are_kept_in_one_canonical_form():
    html = (
        '<p>Before.</p><figure data-placement="inset" class="x" data-picture="12">'
        "<figcaption>typed by hand</figcaption><img src=x></figure>"
        '<figure data-gallery="3,3,x,5,0,7"></figure><p>After.</p>'
    )
    assert body.sanitize(html) == (
        '<p>Before.</p><figure data-picture="12" data-placement="inset"></figure>'
        '<figure data-gallery="3,5,7"></figure><p>After.</p>'
    )


@pytest.mark.parametrize(
    "hostile",
    [
        '<figure data-picture="12 onload=alert(1)"></figure>',
        '<figure data-picture="0"></figure>',
        '<figure data-picture="-4"></figure>',
        '<figure data-picture="1234567890123"></figure>',
        '<figure data-picture="١٢"></figure>',  # Arabic-Indic digits
        '<figure data-gallery="a,b"></figure>',
        '<figure data-picture="12" onclick="steal()" data-placement="javascript:x"></figure>',
        '<figure data-story="9"></figure>',
    ],
)
def test_malformed_element_attributes_are_dropped(hostile):
    clean = body.sanitize(hostile)
    assert "onload" not in clean and "onclick" not in clean and "javascript" not in clean
    assert "data-story" not in clean
    for element in body.elements(clean):
        assert all(1 <= pk < 10**12 for pk in element.ids)
        assert element.placement in body.PLACEMENTS
    assert body.sanitize(clean) == clean  # stable: sanitising twice changes nothing


def test_a_nested_figure_cannot_smuggle_markup_out_of_an_element():
    clean = body.sanitize('<figure data-picture="4"><figure><script>x</script></figure></figure>')
    assert "<script" not in clean
    assert body.references(clean).pictures == [4]


def test_a_gallery_is_bounded():
    ids = ",".join(str(n) for n in range(1, 500))
    clean = body.sanitize(f'<figure data-gallery="{ids}"></figure>')
    assert len(body.references(clean).pictures) == body.GALLERY_MAX


def test_references_and_without():
    html = picture(3) + '<figure data-gallery="5,3,9"></figure>' + picture(9, "inset")
    assert body.references(html).pictures == [3, 5, 9]
    assert body.without(html, pictures={3, 9}) == '<figure data-gallery="5"></figure>'


def test_copy_from_outside_names_no_records_of_ours():
    assert body.sanitize("<p>x</p>" + picture(1), elements=False) == "<p>x</p><figure></figure>"


# --- What a save keeps ------------------------------------------------------------------


@pytest.fixture
def editor():
    return user_with_role(EDITOR)


def test_a_save_keeps_only_the_pictures_that_exist_and_relates_them(editor):
    shown = ImageFactory()
    story = Story(
        headline="Port reopens",
        section=SectionFactory(),
        body=f"<p>One.</p>{picture(shown.pk)}{picture(987654)}"
        f'<figure data-gallery="{shown.pk},987655"></figure>',
    )
    services.story_write(story=story, user=editor)

    stored = Story.objects.get(pk=story.pk)
    assert stored.body == (
        f'<p>One.</p>{picture(shown.pk)}<figure data-gallery="{shown.pk}"></figure>'
    )
    assert list(stored.inline_images.all()) == [shown]


def test_history_and_restore_cover_the_pictures_in_the_text(editor):
    first, second = ImageFactory(), ImageFactory()
    story = Story(headline="Port reopens", section=SectionFactory(), body=picture(first.pk))
    services.story_write(story=story, user=editor)
    original = story.revisions.first()
    story.body = picture(second.pk, "inset")
    services.story_write(story=story, user=editor)
    assert story.revisions.first().changed_fields == ["body"]

    services.story_restore(story=story, revision=original, user=editor)
    story.refresh_from_db()
    assert story.body == picture(first.pk)
    assert list(story.inline_images.all()) == [first]


def test_a_picture_in_the_text_without_alt_text_blocks_publication_and_says_which(editor):
    described = ImageFactory(caption="Harbour at dawn")
    undescribed = ImageFactory(alt_text="", caption="Cranes on the quay")
    story = Story(
        headline="Port reopens",
        section=SectionFactory(),
        body=f"<p>One.</p>{picture(described.pk)}<p>Two.</p>{picture(undescribed.pk)}",
    )
    services.story_write(story=story, user=editor)
    with pytest.raises(ValidationError) as refused:
        services.story_publish(story=story, user=editor)
    assert "the 2nd picture in the text (“Cranes on the quay”)" in str(refused.value)
    assert not Story.objects.published().exists()

    undescribed.alt_text = "Three cranes unloading containers"
    undescribed.save()
    services.story_publish(story=Story.objects.get(pk=story.pk), user=editor)
    assert Story.objects.published().count() == 1


def test_the_desk_form_refuses_publication_naming_the_picture(editor):
    from tests.articles.test_admin import ADD, login, new_story_form
    from tests.html import text

    undescribed = ImageFactory(alt_text="", caption="Cranes on the quay")
    desk = login(editor)
    form = new_story_form(
        desk,
        SectionFactory(),
        body=f"<p>One.</p>{picture(undescribed.pk)}",
        _action=services.Action.PUBLISH,
    )
    response = desk.post(ADD, form)
    assert response.status_code == 200
    assert "the 1st picture in the text (“Cranes on the quay”)" in text(response)
    assert not Story.objects.exists()


# --- What readers see -------------------------------------------------------------------


def article(story):
    response = Client().get(story.get_absolute_url())
    assert response.status_code == 200
    return lxml_html.fromstring(response.content)


def words(node):
    return " ".join(node.text_content().split())


def test_a_picture_in_the_text_is_rendered_with_its_renditions_and_words():
    image = ImageFactory(
        file=ContentFile(jpeg_bytes(1600, 900), name="p.jpg"),
        caption="Harbour at dawn",
        credit="Port authority",
    )
    story = StoryFactory(body=f"<p>One.</p>{picture(image.pk, 'inset')}<p>Two.</p>")
    page = article(story)
    (figure,) = page.xpath("//div[@class='article__body']//figure")
    assert figure.get("class") == "body-picture body-picture--inset"
    img = figure.find(".//img")
    assert img.get("alt") == "A grey ship at anchor"
    assert img.get("loading") == "lazy" and img.get("width") and img.get("height")
    assert "w," in img.get("srcset") and img.get("sizes").startswith("(min-width: 40rem)")
    assert figure.xpath(".//source[@type='image/webp']")[0].get("srcset")
    assert words(figure.find("figcaption")) == "Harbour at dawn © Port authority"
    assert not page.xpath("//*[@data-picture]")


def test_a_gallery_is_a_plain_list_of_figures_in_the_chosen_order():
    one, two, three = (ImageFactory(caption=f"Picture {n}") for n in ("one", "two", "three"))
    story = StoryFactory(
        body=f'<p>x</p><figure data-gallery="{three.pk},{one.pk},{two.pk}"></figure>'
    )
    (gallery,) = article(story).xpath("//section[@class='gallery']")
    captions = [words(f) for f in gallery.xpath(".//li/figure/figcaption")]
    assert captions == [
        "1 / 3 Picture three © Staff photographer",
        "2 / 3 Picture one © Staff photographer",
        "3 / 3 Picture two © Staff photographer",
    ]
    assert gallery.get("aria-label") == "Gallery 1: 3 pictures"


def test_a_picture_deleted_since_the_save_renders_nothing():
    image = ImageFactory()
    story = StoryFactory(body=f"<p>One.</p>{picture(image.pk)}")
    image.delete()
    assert article(story).xpath("//div[@class='article__body']//figure") == []


def test_json_ld_lists_every_picture_the_story_shows():
    lead, inline, in_gallery = ImageFactory(), ImageFactory(), ImageFactory()
    story = StoryFactory(
        lead_image=lead,
        body=f"<p>x</p>{picture(inline.pk)}"
        f'<figure data-gallery="{in_gallery.pk},{lead.pk}"></figure>',
    )
    page = article(story)
    data = json.loads(page.xpath("//script[@type='application/ld+json']")[-1].text)
    urls = [image["url"] for image in data["image"]]
    names = [Image.objects.get(pk=pk).renditions for pk in (lead.pk, inline.pk, in_gallery.pk)]
    assert len(urls) == 3 and len(set(urls)) == 3
    for url, renditions in zip(urls, names, strict=True):
        assert any(url.endswith(r["name"]) for r in renditions)


def test_search_finds_a_story_by_the_caption_of_a_picture_in_its_text(editor):
    image = ImageFactory(caption="Walruses on the ice floe")
    story = Story(headline="Arctic survey", section=SectionFactory(), body=picture(image.pk))
    services.story_publish(story=story, user=editor)
    response = Client().get("/search/?q=walruses")
    assert "Arctic survey" in response.content.decode()


def test_a_caption_corrected_in_the_library_reaches_the_stories_that_show_it(editor):
    image = ImageFactory(caption="Wrong name")
    story = StoryFactory(body=f"<p>x</p>{picture(image.pk)}")
    services.story_write(story=story, user=editor)  # relates the picture
    sent = []
    content_changed.connect(
        lambda sender, keys, **kw: sent.append(keys), dispatch_uid="t", weak=False
    )
    try:
        image.caption = "Right name"
        services.image_save(image=image, user=editor, changed=["caption"])
    finally:
        content_changed.disconnect(dispatch_uid="t")
    assert any(f"story:{story.pk}" in keys for keys in sent)
    caption = article(story).xpath("//div[@class='article__body']//figcaption")[0]
    assert "Right name" in words(caption)
    assert story.revisions.first().comment == "A picture in the text changed: caption"


# --- The chooser ------------------------------------------------------------------------


def chooser(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_chooser_lists_searches_and_previews_pictures(editor):
    harbour = ImageFactory(caption="Harbour at dawn")
    ImageFactory(caption="Cranes on the quay")
    client = chooser(editor)
    everything = client.get("/admin/articles/image/chooser/").json()
    assert len(everything["results"]) == 2 and everything["can_upload"]
    found = client.get("/admin/articles/image/chooser/?q=harbour").json()["results"]
    assert [card["id"] for card in found] == [harbour.pk]
    assert found[0]["thumbnail"].endswith(".jpg") and found[0]["alt_text"]
    previews = client.get(f"/admin/articles/image/chooser/?ids={harbour.pk},x,99999").json()
    assert [card["id"] for card in previews["results"]] == [harbour.pk]


def test_an_upload_from_the_chooser_is_checked_and_stored_like_any_other(editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = chooser(editor)
    refused = client.post(
        "/admin/articles/image/chooser/",
        {"file": SimpleUploadedFile("x.jpg", b"<html>not a picture</html>"), "alt_text": "x"},
    )
    assert refused.status_code == 400 and "file" in refused.json()["errors"]
    assert not Image.objects.exists()

    made = client.post(
        "/admin/articles/image/chooser/",
        {
            "file": SimpleUploadedFile("../../etc/passwd.jpg", jpeg_bytes(), "image/jpeg"),
            "alt_text": "A ferry in the fog",
            "caption": "Ferry",
        },
    )
    assert made.status_code == 201
    image = Image.objects.get()
    assert made.json()["id"] == image.pk
    assert re.fullmatch(r"images/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", image.file.name)
    assert image.created_by == editor


def test_the_chooser_is_the_desk_s_only(editor):
    assert Client().get("/admin/articles/image/chooser/").status_code == 302  # to sign in
    nobody = user_with_role(REPORTER, username="reporter")
    nobody.groups.clear()
    nobody.is_staff = True
    nobody.save()
    assert chooser(nobody).get("/admin/articles/image/chooser/").status_code == 403


def test_the_history_shows_a_picture_swapped_in_the_text(editor):
    from articles.diff import compare_revisions

    first, second = ImageFactory(caption="Harbour"), ImageFactory(caption="Quay")
    story = Story(headline="Port", section=SectionFactory(), body=f"<p>x</p>{picture(first.pk)}")
    services.story_write(story=story, user=editor)
    story.body = f"<p>x</p>{picture(second.pk, 'inset')}"
    services.story_write(story=story, user=editor)
    newer, older = story.revisions.all()[:2]
    (row,) = compare_revisions(older.content, newer.content)
    assert row["field"] == "Body"
    assert row["diff"].endswith(
        f"[Picture: <del>“Harbour” (#{first.pk})]</del><ins>“Quay” (#{second.pk}), inset]</ins>"
    )


# --- Pull quotes, fact boxes, "Read also" -------------------------------------------------


def test_pull_quotes_and_fact_boxes_keep_their_class_and_no_other():
    html = (
        '<blockquote class="pull-quote evil"><p>Said.</p></blockquote>'
        '<aside class="fact-box" onclick="x()"><h3>Facts</h3><ul><li>One</li></ul></aside>'
        '<p class="pull-quote">no</p><aside class="sidebar">plain</aside>'
    )
    assert body.sanitize(html) == (
        '<blockquote class="pull-quote"><p>Said.</p></blockquote>'
        '<aside class="fact-box"><h3>Facts</h3><ul><li>One</li></ul></aside>'
        "<p>no</p><aside>plain</aside>"
    )


def test_read_also_keeps_only_stories_that_exist_and_never_the_story_itself(editor):
    other = StoryFactory(headline="Ferry line reopens")
    story = Story(headline="Port reopens", section=SectionFactory())
    services.story_write(story=story, user=editor)
    story.body = (
        f'<p>x</p><aside data-story="{other.pk}"></aside><aside data-story="{story.pk}"></aside>'
        '<aside data-story="987654"></aside>'
    )
    services.story_write(story=story, user=editor)
    stored = Story.objects.get(pk=story.pk)
    assert stored.body == f'<p>x</p><aside data-story="{other.pk}"></aside>'
    assert list(stored.linked_stories.all()) == [other]


def test_read_also_shows_a_published_story_and_nothing_once_it_is_withdrawn(editor):
    other = StoryFactory(headline="Ferry line reopens")
    story = StoryFactory(body=f'<p>x</p><aside data-story="{other.pk}"></aside>')
    link = article(story).xpath("//aside[@class='read-also']//a")[0]
    assert (link.text, link.get("href")) == ("Ferry line reopens", other.get_absolute_url())

    sent = []
    content_changed.connect(
        lambda sender, keys, **kw: sent.append(keys), dispatch_uid="t", weak=False
    )
    try:
        services.story_withdraw(story=other, user=editor)
    finally:
        content_changed.disconnect(dispatch_uid="t")
    # The page that links it is purged with it, and shows no link any more.
    assert any(f"story:{story.pk}" in keys for keys in sent)
    assert article(story).xpath("//aside[@class='read-also']") == []


def test_ninjs_gives_read_also_as_a_link_while_the_story_is_published(editor):
    from wire.ninjs import story_to_ninjs

    other = StoryFactory(headline="Ferry line reopens")
    hidden = StoryFactory(headline="Not yet", draft=True)
    story = StoryFactory(
        body=f'<p>x</p><aside data-story="{other.pk}"></aside>'
        f'<aside data-story="{hidden.pk}"></aside>'
    )
    html = story_to_ninjs(story, lambda path: f"https://news.example{path}")["bodies"][0]["value"]
    assert (
        f'<a href="https://news.example{other.get_absolute_url()}">Ferry line reopens</a>' in html
    )
    assert "Not yet" not in html and "data-story" not in html


def test_the_editor_reads_linked_headlines_and_whether_readers_see_them(editor):
    live, draft = StoryFactory(headline="Ferry line reopens"), StoryFactory(draft=True)
    client = chooser(editor)
    answer = client.get(f"/admin/articles/story/headlines/?ids={live.pk},{draft.pk},x,99999")
    assert sorted((r["headline"], r["published"]) for r in answer.json()["results"]) == sorted(
        [("Ferry line reopens", True), (draft.headline, False)]
    )
    assert Client().get("/admin/articles/story/headlines/?ids=1").status_code == 302
