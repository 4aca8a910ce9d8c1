from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_story_dedupe_slugs")]

    operations = [
        migrations.AlterField(
            model_name='story',
            name='slug',
            field=models.SlugField(blank=True, help_text='Made from the headline when left empty. Old URLs keep working when it changes.', max_length=120, unique=True),
        ),
    ]
