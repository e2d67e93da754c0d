"""The events finder's search index gains region keys ("regions:<id>"): an event is in every
region of the countries it involves (its venue's and those taking part), so that choosing a
region is one overlap and its count comes with the other facets' (tntd/search_index.py).
A change to a region's countries refreshes the keys of the events in those countries."""

from django.db import migrations

from tntd.search_index import keys_follow_sql, keys_sql, on_postgresql, refresh_functions_sql

INDEX = {
    "name": "event_index",
    "table": "activities_eventindexentry",
    "records": "activities_event",
    "key": "event_id",
    "columns": {"start_date": "date", "ends_on": "date"},
    "document": ["title", "summary", "body", "venue_city"],
}
LINKS = [
    ("countries", "activities_event_countries", "event_id", "country_id"),
    ("themes", "activities_event_themes", "event_id", "theme_id"),
    ("units", "activities_event_units", "event_id", "unit_id"),
    ("structures", "activities_event_structures", "event_id", "oscestructure_id"),
    ("partners", "activities_event_partners", "event_id", "partnerorganisation_id"),
]
VENUE_KEYS = "ARRAY(SELECT 'countries:' || r.venue_country_id WHERE r.venue_country_id IS NOT NULL)"
REGION_KEYS = """ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id = r.venue_country_id
    OR rc.country_id IN (SELECT l.country_id FROM activities_event_countries l WHERE l.event_id = r.id))"""


def functions(extra_keys):
    keys = keys_sql(choices=["event_type"], links=LINKS, extra_keys=extra_keys)
    return refresh_functions_sql(**INDEX, keys=keys, replace=True)


FOLLOW, UNFOLLOW = keys_follow_sql(
    name="event_index",
    tag="regions",
    table="tntd_region_countries",
    column="country_id",
    affected="SELECT e.id FROM activities_event e WHERE e.venue_country_id IN ({changed}) "
    "UNION SELECT l.event_id FROM activities_event_countries l WHERE l.country_id IN ({changed})",
)
REFRESH_ALL = "SELECT event_index_refresh_keys(ARRAY(SELECT id FROM activities_event));"


class Migration(migrations.Migration):
    dependencies = [("activities", "0010_ready_for_review"), ("tntd", "0009_regions")]

    operations = [
        migrations.RunPython(
            on_postgresql(functions([VENUE_KEYS, REGION_KEYS]) + FOLLOW + REFRESH_ALL),
            on_postgresql(UNFOLLOW + functions([VENUE_KEYS]) + REFRESH_ALL),
        ),
    ]
