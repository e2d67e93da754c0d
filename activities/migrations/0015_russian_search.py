"""Keyword search in Russian (issue 10, search/query.py): the events' search document gains the
Russian text, stemmed by PostgreSQL's Russian configuration, beside the English text (the
original columns) stemmed by its English one; every row is rebuilt.

Keyword search on the records (feeds, calendars, downloads, the API) now reads this index
too, so the records' own full-text index of migration 0002, English only, is dropped.

The SQL is the text the migration runs, frozen: it names no project module, so that a later
change to search/index.py never changes what this migration does.
"""

from django.db import migrations


class PostgreSQL(migrations.RunSQL):
    """RunSQL on PostgreSQL, the one database the project runs on; nothing on another."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


FORWARD_1 = """
CREATE OR REPLACE FUNCTION event_index_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM activities_eventindexentry WHERE event_id = ANY(ids);
    INSERT INTO activities_eventindexentry SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, r.start_date, r.ends_on, ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'event_type:' || r.event_type, 'event_status:' || r.event_status] || ARRAY(SELECT 'countries:' || r.venue_country_id WHERE r.venue_country_id IS NOT NULL) || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id = r.venue_country_id
    OR rc.country_id IN (SELECT l.country_id FROM activities_event_countries l WHERE l.event_id = r.id)) || ARRAY(SELECT 'countries:' || l.country_id FROM activities_event_countries l WHERE l.event_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM activities_event_themes l WHERE l.event_id = r.id) || ARRAY(SELECT 'units:' || l.unit_id FROM activities_event_units l WHERE l.event_id = r.id) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM activities_event_structures l WHERE l.event_id = r.id) || ARRAY(SELECT 'partners:' || l.partnerorganisation_id FROM activities_event_partners l WHERE l.event_id = r.id)) AS k), to_tsvector('english'::regconfig, COALESCE(r.title, '') || ' ' || COALESCE(r.summary, '') || ' ' || COALESCE(r.body, '') || ' ' || COALESCE(r.venue_city, '')) || to_tsvector('russian'::regconfig, COALESCE(r.title_ru, '') || ' ' || COALESCE(r.summary_ru, '') || ' ' || COALESCE(r.body_ru, '') || ' ' || COALESCE(r.venue_city_ru, ''))
    FROM activities_event r WHERE r.id = ANY(ids);
$$;

CREATE OR REPLACE FUNCTION event_index_refresh_keys(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE activities_eventindexentry AS x SET facets = ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'event_type:' || r.event_type, 'event_status:' || r.event_status] || ARRAY(SELECT 'countries:' || r.venue_country_id WHERE r.venue_country_id IS NOT NULL) || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id = r.venue_country_id
    OR rc.country_id IN (SELECT l.country_id FROM activities_event_countries l WHERE l.event_id = r.id)) || ARRAY(SELECT 'countries:' || l.country_id FROM activities_event_countries l WHERE l.event_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM activities_event_themes l WHERE l.event_id = r.id) || ARRAY(SELECT 'units:' || l.unit_id FROM activities_event_units l WHERE l.event_id = r.id) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM activities_event_structures l WHERE l.event_id = r.id) || ARRAY(SELECT 'partners:' || l.partnerorganisation_id FROM activities_event_partners l WHERE l.event_id = r.id)) AS k) FROM activities_event r WHERE r.id = x.event_id AND x.event_id = ANY(ids);
$$;
SELECT event_index_refresh(ARRAY(SELECT id FROM activities_event));
"""

BACKWARD_1 = """
CREATE OR REPLACE FUNCTION event_index_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM activities_eventindexentry WHERE event_id = ANY(ids);
    INSERT INTO activities_eventindexentry SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, r.start_date, r.ends_on, ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'event_type:' || r.event_type, 'event_status:' || r.event_status] || ARRAY(SELECT 'countries:' || r.venue_country_id WHERE r.venue_country_id IS NOT NULL) || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id = r.venue_country_id
    OR rc.country_id IN (SELECT l.country_id FROM activities_event_countries l WHERE l.event_id = r.id)) || ARRAY(SELECT 'countries:' || l.country_id FROM activities_event_countries l WHERE l.event_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM activities_event_themes l WHERE l.event_id = r.id) || ARRAY(SELECT 'units:' || l.unit_id FROM activities_event_units l WHERE l.event_id = r.id) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM activities_event_structures l WHERE l.event_id = r.id) || ARRAY(SELECT 'partners:' || l.partnerorganisation_id FROM activities_event_partners l WHERE l.event_id = r.id)) AS k), to_tsvector('english'::regconfig, COALESCE(r.title, '') || ' ' || COALESCE(r.summary, '') || ' ' || COALESCE(r.body, '') || ' ' || COALESCE(r.venue_city, ''))
    FROM activities_event r WHERE r.id = ANY(ids);
$$;

CREATE OR REPLACE FUNCTION event_index_refresh_keys(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE activities_eventindexentry AS x SET facets = ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'event_type:' || r.event_type, 'event_status:' || r.event_status] || ARRAY(SELECT 'countries:' || r.venue_country_id WHERE r.venue_country_id IS NOT NULL) || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id = r.venue_country_id
    OR rc.country_id IN (SELECT l.country_id FROM activities_event_countries l WHERE l.event_id = r.id)) || ARRAY(SELECT 'countries:' || l.country_id FROM activities_event_countries l WHERE l.event_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM activities_event_themes l WHERE l.event_id = r.id) || ARRAY(SELECT 'units:' || l.unit_id FROM activities_event_units l WHERE l.event_id = r.id) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM activities_event_structures l WHERE l.event_id = r.id) || ARRAY(SELECT 'partners:' || l.partnerorganisation_id FROM activities_event_partners l WHERE l.event_id = r.id)) AS k) FROM activities_event r WHERE r.id = x.event_id AND x.event_id = ANY(ids);
$$;
SELECT event_index_refresh(ARRAY(SELECT id FROM activities_event));
"""

FORWARD_2 = """
DROP INDEX IF EXISTS event_search_vector;
"""

BACKWARD_2 = """
CREATE INDEX IF NOT EXISTS event_search_vector ON activities_event USING gin (to_tsvector('english'::regconfig, COALESCE(title, '') || ' ' || COALESCE(summary, '') || ' ' || COALESCE(body, '') || ' ' || COALESCE(venue_city, '')));
"""


class Migration(migrations.Migration):
    dependencies = [("activities", "0014_translated_fields")]

    operations = [
        PostgreSQL(FORWARD_1, BACKWARD_1),
        PostgreSQL(FORWARD_2, BACKWARD_2),
    ]
