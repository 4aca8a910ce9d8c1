"""Every object around a story is guarded like the story: pictures, users, deletion, and
the audit trail that records what the desk and the wire did."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from articles import services
from articles.models import Image, Revision, Story
from articles.roles import CHIEF_EDITOR, EDITOR, REPORTER
from tests.factories import ImageFactory, StoryFactory, user_with_role

pytestmark = pytest.mark.django_db
User = get_user_model()


def signed_in(client, user):
    client.force_login(user)
    return client


def picture_form(image, **values):
    data = {
        "alt_text": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        **values,
    }
    return data


# --- Pictures ----------------------------------------------------------------------------


def test_picture_words_are_editable_without_uploading_again(client):
    image = ImageFactory(alt_text="Old alt")
    desk = signed_in(client, user_with_role(EDITOR))
    response = desk.post(
        f"/admin/articles/image/{image.pk}/change/", picture_form(image, alt_text="A ferry")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image.refresh_from_db()
    assert image.alt_text == "A ferry" and image.file


def test_a_reporter_cannot_change_a_picture_a_live_story_uses(client):
    reporter = user_with_role(REPORTER)
    own = ImageFactory(created_by=reporter)
    StoryFactory(lead_image=own)  # published, on the front page
    others = ImageFactory()
    desk = signed_in(client, reporter)
    for image in (own, others):
        response = desk.post(
            f"/admin/articles/image/{image.pk}/change/", picture_form(image, caption="Fake")
        )
        assert response.status_code == 403
        image.refresh_from_db()
        assert image.caption != "Fake"


def test_a_reporter_changes_their_own_picture_while_only_drafts_use_it(client):
    reporter = user_with_role(REPORTER)
    image = ImageFactory(created_by=reporter)
    StoryFactory(lead_image=image, draft=True, created_by=reporter)
    desk = signed_in(client, reporter)
    response = desk.post(
        f"/admin/articles/image/{image.pk}/change/", picture_form(image, caption="Mine")
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.caption == "Mine"


def test_a_picture_change_is_in_the_history_of_every_story_that_uses_it(client):
    image = ImageFactory()
    stories = [StoryFactory(lead_image=image), StoryFactory(lead_image=image)]
    untouched = StoryFactory()
    desk = signed_in(client, user_with_role(EDITOR))
    desk.post(
        f"/admin/articles/image/{image.pk}/change/", picture_form(image, credit="Jane Roe/AP")
    )
    for story in stories:
        assert story.revisions.first().comment == "Lead picture changed: credit"
    assert not untouched.revisions.exists()
    assert LogEntry.objects.filter(object_id=str(image.pk)).exists()


def test_an_upload_in_the_desk_is_owned_by_who_uploaded_it(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import jpeg_bytes

    reporter = user_with_role(REPORTER)
    desk = signed_in(client, reporter)
    upload = SimpleUploadedFile("x.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = desk.post(
        "/admin/articles/image/add/", {"file": upload, "alt_text": "A", "caption": "", "credit": ""}
    )
    assert response.status_code == 302
    assert Image.objects.get().created_by == reporter


# --- Users ----------------------------------------------------------------------------


@pytest.fixture
def chief(client):
    return signed_in(client, user_with_role(CHIEF_EDITOR, username="chief"))


def test_a_chief_editor_cannot_make_anyone_superuser_or_grant_permissions(chief):
    reporter = user_with_role(REPORTER, username="rep")
    page = chief.get(f"/admin/auth/user/{reporter.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page and 'name="user_permissions"' not in page
    chief_group = Group.objects.get(name=CHIEF_EDITOR)
    everything = Permission.objects.get(codename="delete_story")
    response = chief.post(
        f"/admin/auth/user/{reporter.pk}/change/",
        {
            "username": "rep",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": [chief_group.pk],
            "user_permissions": [everything.pk],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    reporter.refresh_from_db()
    assert not reporter.is_superuser
    assert not reporter.user_permissions.exists()
    assert not reporter.groups.filter(name=CHIEF_EDITOR).exists()
    assert response.status_code == 200  # the form again, with the refusal


def test_a_chief_editor_gives_the_editor_role(chief):
    reporter = user_with_role(REPORTER, username="rep")
    editor_group = Group.objects.get(name=EDITOR)
    response = chief.post(
        f"/admin/auth/user/{reporter.pk}/change/",
        {
            "username": "rep",
            "is_active": "on",
            "is_staff": "on",
            "groups": [editor_group.pk],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 302
    assert list(reporter.groups.values_list("name", flat=True)) == [EDITOR]


def test_a_chief_editor_cannot_touch_a_superuser_another_chief_or_themselves(chief):
    boss = User.objects.create_superuser("boss", password="a-long-test-password")
    peer = user_with_role(CHIEF_EDITOR, username="peer")
    me = User.objects.get(username="chief")
    for user in (boss, peer, me):
        assert chief.get(f"/admin/auth/user/{user.pk}/change/").status_code in (302, 403, 404)
        answer = chief.post(
            f"/admin/auth/user/{user.pk}/password/",
            {"password1": "an-entirely-new-password", "password2": "an-entirely-new-password"},
        )
        assert answer.status_code in (302, 403, 404)
        user.refresh_from_db()
        assert not user.check_password("an-entirely-new-password")
    from articles import audit

    system = audit.system_user()
    assert chief.get(f"/admin/auth/user/{system.pk}/change/").status_code in (302, 403, 404)
    listing = chief.get("/admin/auth/user/").content.decode()
    assert "boss" not in listing and "peer" not in listing
    assert ">system<" not in listing


# --- Deleting keeps the history --------------------------------------------------------


def test_deleting_a_story_moves_it_to_the_trash_with_its_history(chief, reader):
    story = StoryFactory(headline="Gone but kept")
    services.story_set_mark(story=story, user=services.SYSTEM, mark=Story.Mark.BREAKING)
    url = story.get_absolute_url()

    confirm = chief.get(f"/admin/articles/story/{story.pk}/delete/")
    assert "history" in confirm.content.decode()
    chief.post(f"/admin/articles/story/{story.pk}/delete/")

    story.refresh_from_db()
    assert story.status == Story.Status.TRASHED
    assert Revision.objects.filter(story=story).count() >= 2
    assert reader.get(url).status_code == 404
    chief.get("/admin/articles/story/")  # shows, once, the message that it is in the trash
    assert "Gone but kept" not in chief.get("/admin/articles/story/").content.decode()
    trash = chief.get("/admin/articles/story/?state=trashed").content.decode()
    assert "Gone but kept" in trash

    chief.post(
        "/admin/articles/story/?state=trashed",
        {"action": "restore_from_trash", "_selected_action": [story.pk]},
    )
    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT
    assert story.revisions.first().comment == "Restored from the trash, as a draft"


def test_a_story_in_the_trash_cannot_be_published_or_edited(chief):
    story = StoryFactory(draft=True)
    services.story_trash(story=story, user=User.objects.get(username="chief"))
    with pytest.raises(Exception, match="trash"):
        services.story_publish(story=story, user=services.SYSTEM)


# --- The audit view ------------------------------------------------------------------


def test_chief_editors_read_the_audit_trail_of_bulk_actions_restores_and_imports(chief, tmp_path):
    import io
    import json

    from django.core.management import call_command

    item = {"uri": "urn:audit:1", "headlines": [{"value": "From the wire"}]}
    (tmp_path / "item.json").write_text(json.dumps(item))
    call_command("import_stories", str(tmp_path / "item.json"), stdout=io.StringIO())
    story = StoryFactory(headline="Bulk marked")
    chief.post(
        "/admin/articles/story/", {"action": "mark_breaking", "_selected_action": [story.pk]}
    )
    services.story_set_priority(story=story, user=services.SYSTEM, priority=0)
    story.refresh_from_db()
    chief.post(
        f"/admin/articles/story/{story.pk}/history/1/restore/", {"base_version": story.version}
    )

    audit = chief.get("/admin/admin/logentry/")
    assert audit.status_code == 200
    page = audit.content.decode()
    assert "From the wire" in page and "Import (created) from files" in page
    assert "Bulk action: marked" in page and "Restored revision 1" in page


def test_editors_and_reporters_do_not_see_the_audit_view(client):
    for role in (EDITOR, REPORTER):
        desk = signed_in(client, user_with_role(role))
        assert desk.get("/admin/admin/logentry/").status_code == 403


def test_pictures_stored_before_the_rule_are_cleaned_and_renamed(
    settings, django_capture_on_commit_callbacks
):
    import io
    from pathlib import Path

    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from PIL import Image as PILImage

    exif = PILImage.Exif()
    exif.get_ifd(0x8825)[2] = (55.0, 45.0, 0.0)
    out = io.BytesIO()
    PILImage.new("RGB", (64, 48), (10, 90, 30)).save(out, format="JPEG", exif=exif.tobytes())
    image = ImageFactory()
    # As an upload of the old days: its own name, its GPS, straight into storage.
    name = image.file.storage.save(
        "images/2021/12/harbour-by-jane.jpg", ContentFile(out.getvalue())
    )
    Image.objects.filter(pk=image.pk).update(file=name)
    image.refresh_from_db()
    old = Path(settings.MEDIA_ROOT) / name
    story = StoryFactory(lead_image=image)

    report = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("clean_pictures", stdout=report)
    assert report.getvalue().strip() == "1 pictures cleaned, 0 already clean, 0 failed."

    image.refresh_from_db()
    assert "harbour" not in image.file.name and not old.exists()
    with PILImage.open(Path(settings.MEDIA_ROOT) / image.file.name) as cleaned:
        assert not cleaned.getexif()
    assert image.srcset_webp
    again = io.StringIO()
    call_command("clean_pictures", stdout=again)
    assert again.getvalue().strip() == "0 pictures cleaned, 1 already clean, 0 failed."
    assert story.lead_image_id == image.pk
