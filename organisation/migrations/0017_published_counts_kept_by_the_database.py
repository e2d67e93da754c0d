"""The published counts the application recounted after each change (PublishedCount) go: the
database keeps them now, key by key (migration 0016, search_index_key_counts)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('tntd', '0016_content_engine'),
    ]

    operations = [
        migrations.DeleteModel(
            name='PublishedCount',
        ),
    ]
