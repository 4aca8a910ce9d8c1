"""Test data. Factories, not fixtures: each test says what it needs."""

import io
from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage

from articles import body
from articles.models import Author, Image, Section, Source, Story, Theme, Video
from embeds.models import Embed


def jpeg_bytes(width=160, height=90, colour=(20, 60, 120)):
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(out, format="JPEG")
    return out.getvalue()


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Source {n}")
    slug = factory.Sequence(lambda n: f"source-{n}")
    kind = Source.Kind.OFFICIAL


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    file = factory.LazyFunction(lambda: ContentFile(jpeg_bytes(), name="picture.jpg"))
    alt_text = "A grey ship at anchor"
    caption = "The vessel in the anchorage"
    credit = "Staff photographer"


class StoryFactory(factory.django.DjangoModelFactory):
    """A published story, an hour old unless told otherwise."""

    class Meta:
        model = Story
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Story number {n} makes the news")
    standfirst = factory.Sequence(lambda n: f"The lead of story number {n}")
    dateline_place = "MOSCOW"
    body = "<p>First paragraph of the story.</p><p>Second paragraph.</p>"
    status = Story.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    section = factory.SubFactory(SectionFactory, slug="politics", name="Politics")

    class Params:
        draft = factory.Trait(status=Story.Status.DRAFT)
        in_review = factory.Trait(status=Story.Status.IN_REVIEW)
        withdrawn = factory.Trait(status=Story.Status.WITHDRAWN)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(hours=2))
        )

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        if create and extracted:
            self.sources.set(extracted)

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.authors.set(extracted)

    @factory.post_generation
    def inline_images(self, create, extracted, **kwargs):
        """The pictures and stories the body names, related as the services relate them."""
        if create:
            named = body.references(self.body)
            self.inline_images.set(extracted or Image.objects.filter(pk__in=named.pictures))
            self.linked_stories.set(Story.objects.filter(pk__in=named.stories))
            self.inline_videos.set(named.videos)
            self.inline_embeds.set(named.embeds)

    @factory.post_generation
    def related(self, create, extracted, **kwargs):
        if create and extracted:
            self.related.set(extracted)


def user_with_role(role, username=None, **extra):
    """A desk user in one of the newsroom's groups (Reporter, Editor, Chief editor)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from articles.roles import sync_roles

    sync_roles()
    user = get_user_model().objects.create_user(
        username or role.lower().replace(" ", "-"),
        password="a-long-test-password",
        is_staff=True,
        **extra,
    )
    user.groups.add(Group.objects.get(name=role))
    return user


class EmbedFactory(factory.django.DjangoModelFactory):
    """A YouTube embed as pasting its link makes it, without asking YouTube."""

    class Meta:
        model = Embed

    url = factory.Sequence(lambda n: f"https://www.youtube.com/watch?v=abcdefghi{n:02d}")
    provider = "youtube"
    provider_name = "YouTube"
    kind = Embed.Kind.VIDEO
    frame = factory.LazyAttribute(
        lambda o: f"https://www.youtube-nocookie.com/embed/{o.url.rsplit('=', 1)[1]}"
    )
    title = "Storm over the harbour"


class VideoFactory(factory.django.DjangoModelFactory):
    """A video as the library stores it (the file's bytes are not a real video: the
    upload's probe is tested with real files made by ffmpeg)."""

    class Meta:
        model = Video

    file = factory.LazyFunction(lambda: ContentFile(b"\x00\x00\x00\x18ftypmp42", name="v.mp4"))
    content_type = "video/mp4"
    title = "The ferry leaves"
    caption = "Filmed from the quay"
    duration = 65.0
    width = 1280
    height = 720
    video_codec = "h264"
    audio_codec = "aac"
    size = 12
