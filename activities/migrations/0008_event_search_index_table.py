"""The events finder's search index (activities.EventIndexEntry, tntd/search_index.py), on
PostgreSQL only: its table, its indexes, and the triggers that keep it."""

import django.contrib.postgres.fields
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

from tntd.search_index import index_sql, on_postgresql

CREATE, DROP = index_sql(
    name="event_index",
    table="activities_eventindexentry",
    records="activities_event",
    key="event_id",
    columns={"start_date": "date", "ends_on": "date"},
    sort_orders={"by_date": "start_date DESC, title, event_id", "by_title": "title, start_date, event_id"},
    choices=["event_type"],
    links=[
        ("countries", "activities_event_countries", "event_id", "country_id"),
        ("themes", "activities_event_themes", "event_id", "theme_id"),
        ("units", "activities_event_units", "event_id", "unit_id"),
        ("structures", "activities_event_structures", "event_id", "oscestructure_id"),
        ("partners", "activities_event_partners", "event_id", "partnerorganisation_id"),
    ],
    document=["title", "summary", "body", "venue_city"],  # Event.search_fields
    # An event's countries are its venue's too, as EventQuerySet.involving() reads them.
    extra_keys=["ARRAY(SELECT 'countries:' || r.venue_country_id WHERE r.venue_country_id IS NOT NULL)"],
)


class Migration(migrations.Migration):
    dependencies = [("activities", "0007_publishing_window")]

    operations = [
        migrations.CreateModel(
            name="EventIndexEntry",
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
                        db_column="event_id",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="activities.event",
                    ),
                ),
                ("start_date", models.DateField()),
                ("ends_on", models.DateField()),
            ],
            options={"db_table": "activities_eventindexentry", "managed": False},
        ),
        migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP)),
    ]
