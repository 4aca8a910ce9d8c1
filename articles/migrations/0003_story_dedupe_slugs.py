from django.db import migrations, models


def dedupe_slugs_and_backfill(apps, schema_editor):
    """Before slugs become unique: a story whose slug another story already has gets its
    id appended. Stories are found by id, so no URL breaks. Published stories also get
    the first publication time they already had."""
    Story = apps.get_model("articles", "Story")
    seen = set()
    for story in Story.objects.order_by("id").only("id", "slug").iterator():
        if story.slug in seen:
            story.slug = f"{story.slug[:100]}-{story.id}"
            story.save(update_fields=["slug"])
        seen.add(story.slug)
    Story.objects.filter(status="published", first_published_at__isnull=True).update(
        first_published_at=models.F("published_at")
    )


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_story_workflow_corrections_revisions")]

    operations = [migrations.RunPython(dedupe_slugs_and_backfill, migrations.RunPython.noop)]
