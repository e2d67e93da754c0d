"""The news index's facet rows, as the events index's (activities migration 0013)."""

import django.contrib.postgres.fields
import django.db.models.deletion
from django.db import migrations, models

from tntd.search_index import facets_table_sql, on_postgresql

CREATE, DROP = facets_table_sql(
    name="news_index", table="news_newsindexentry", facets_table="news_newsindexfacets", key="newsitem_id", columns={"published_on": "date"},
    counted=["kind", "structures", "themes", "regions", "countries"]
)


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0012_kind'),
    ]

    operations = [
        migrations.CreateModel(
            name='NewsIndexFacets',
            fields=[
                ('status', models.CharField(max_length=10)),
                ('publish_at', models.DateTimeField(null=True)),
                ('unpublish_at', models.DateTimeField(null=True)),
                ('title', models.CharField(max_length=300)),
                ('facets', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ('kind_keys', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ('structures_keys', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ('themes_keys', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ('regions_keys', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ('countries_keys', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ('record', models.OneToOneField(db_column='newsitem_id', on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='+', serialize=False, to='news.newsitem')),
                ('published_on', models.DateField()),
            ],
            options={
                'db_table': 'news_newsindexfacets',
                'managed': False,
            },
        ),
        migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP)),
    ]
