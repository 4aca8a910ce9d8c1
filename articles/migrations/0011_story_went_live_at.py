"""Story.went_live_at: when a story went live, once that is on record (publish_due).

Stories already live are on record: they went live at their publication time, or at the
end of their embargo if that came later.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import Case, F, Q, When
from django.utils import timezone


def record_live_stories(apps, schema_editor):
    Story = apps.get_model("articles", "Story")
    now = timezone.now()
    live = Story.objects.filter(status="published", published_at__lte=now).filter(
        Q(embargo_until__isnull=True) | Q(embargo_until__lte=now)
    )
    live.update(
        went_live_at=Case(
            When(embargo_until__gt=F("published_at"), then=F("embargo_until")),
            default=F("published_at"),
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_story_published_at_index"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="story",
            name="went_live_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(record_live_stories, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="story",
            index=models.Index(
                condition=models.Q(("status", "published"), ("went_live_at__isnull", True)),
                fields=["published_at"],
                name="story_unrecorded_idx",
            ),
        ),
    ]
