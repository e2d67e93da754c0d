"""The news finder's search index (news.NewsIndexEntry, tntd/search_index.py), on
PostgreSQL only: its table, its indexes, and the triggers that keep it."""

import django.contrib.postgres.fields
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

from tntd.search_index import index_sql, on_postgresql

CREATE, DROP = index_sql(
    name="news_index",
    table="news_newsindexentry",
    records="news_newsitem",
    key="newsitem_id",
    columns={"published_on": "date"},
    sort_orders={"by_date": "published_on DESC, title, newsitem_id", "by_title": "title, published_on, newsitem_id"},
    choices=["content_type"],
    links=[
        ("structures", "news_newsitem_structures", "newsitem_id", "oscestructure_id"),
        ("themes", "news_newsitem_themes", "newsitem_id", "theme_id"),
        ("countries", "news_newsitem_countries", "newsitem_id", "country_id"),
    ],
    document=["title", "summary", "body"],  # NewsItem.search_fields
)


class Migration(migrations.Migration):
    dependencies = [("news", "0007_publishing_window")]

    operations = [
        migrations.CreateModel(
            name="NewsIndexEntry",
            fields=[
                ("status", models.CharField(max_length=10)),
                ("publish_at", models.DateTimeField(null=True)),
                ("unpublish_at", models.DateTimeField(null=True)),
                ("title", models.CharField(max_length=300)),
                ("facets", django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ("document", django.contrib.postgres.search.SearchVectorField()),
                (
                    "record",
                    models.OneToOneField(
                        db_column="newsitem_id",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="news.newsitem",
                    ),
                ),
                ("published_on", models.DateField()),
            ],
            options={"db_table": "news_newsindexentry", "managed": False},
        ),
        migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP)),
    ]
