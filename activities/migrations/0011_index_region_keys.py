"""The events finder's search index gains region keys ("regions:<id>"): an event is in every
region of the countries it involves (its venue's and those taking part), so that choosing a
region is one overlap and its count comes with the other facets' (search/index.py).
A change to a region's countries refreshes the keys of the events in those countries.

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


FORWARD = """
CREATE OR REPLACE FUNCTION event_index_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM activities_eventindexentry WHERE event_id = ANY(ids);
    INSERT INTO activities_eventindexentry SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, r.start_date, r.ends_on, ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'event_type:' || r.event_type] || ARRAY(SELECT 'countries:' || r.venue_country_id WHERE r.venue_country_id IS NOT NULL) || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id = r.venue_country_id
    OR rc.country_id IN (SELECT l.country_id FROM activities_event_countries l WHERE l.event_id = r.id)) || ARRAY(SELECT 'countries:' || l.country_id FROM activities_event_countries l WHERE l.event_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM activities_event_themes l WHERE l.event_id = r.id) || ARRAY(SELECT 'units:' || l.unit_id FROM activities_event_units l WHERE l.event_id = r.id) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM activities_event_structures l WHERE l.event_id = r.id) || ARRAY(SELECT 'partners:' || l.partnerorganisation_id FROM activities_event_partners l WHERE l.event_id = r.id)) AS k), to_tsvector('english'::regconfig, COALESCE(r.title, '') || ' ' || COALESCE(r.summary, '') || ' ' || COALESCE(r.body, '') || ' ' || COALESCE(r.venue_city, ''))
    FROM activities_event r WHERE r.id = ANY(ids);
$$;

CREATE OR REPLACE FUNCTION event_index_refresh_keys(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE activities_eventindexentry AS x SET facets = ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'event_type:' || r.event_type] || ARRAY(SELECT 'countries:' || r.venue_country_id WHERE r.venue_country_id IS NOT NULL) || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id = r.venue_country_id
    OR rc.country_id IN (SELECT l.country_id FROM activities_event_countries l WHERE l.event_id = r.id)) || ARRAY(SELECT 'countries:' || l.country_id FROM activities_event_countries l WHERE l.event_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM activities_event_themes l WHERE l.event_id = r.id) || ARRAY(SELECT 'units:' || l.unit_id FROM activities_event_units l WHERE l.event_id = r.id) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM activities_event_structures l WHERE l.event_id = r.id) || ARRAY(SELECT 'partners:' || l.partnerorganisation_id FROM activities_event_partners l WHERE l.event_id = r.id)) AS k) FROM activities_event r WHERE r.id = x.event_id AND x.event_id = ANY(ids);
$$;

CREATE FUNCTION event_index_regions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM event_index_refresh_keys(ARRAY(SELECT e.id FROM activities_event e WHERE e.venue_country_id IN (SELECT country_id FROM old_rows) UNION SELECT l.event_id FROM activities_event_countries l WHERE l.country_id IN (SELECT country_id FROM old_rows)));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM event_index_refresh_keys(ARRAY(SELECT e.id FROM activities_event e WHERE e.venue_country_id IN (SELECT country_id FROM old_rows UNION SELECT country_id FROM new_rows) UNION SELECT l.event_id FROM activities_event_countries l WHERE l.country_id IN (SELECT country_id FROM old_rows UNION SELECT country_id FROM new_rows)));
    ELSE
        PERFORM event_index_refresh_keys(ARRAY(SELECT e.id FROM activities_event e WHERE e.venue_country_id IN (SELECT country_id FROM new_rows) UNION SELECT l.event_id FROM activities_event_countries l WHERE l.country_id IN (SELECT country_id FROM new_rows)));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER event_index_regions_changed_insert AFTER INSERT ON tntd_region_countries
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_regions_changed();
CREATE TRIGGER event_index_regions_changed_update AFTER UPDATE ON tntd_region_countries
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_regions_changed();
CREATE TRIGGER event_index_regions_changed_delete AFTER DELETE ON tntd_region_countries
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_regions_changed();
SELECT event_index_refresh_keys(ARRAY(SELECT id FROM activities_event));
"""

BACKWARD = """
DROP FUNCTION event_index_regions_changed() CASCADE;

CREATE OR REPLACE FUNCTION event_index_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM activities_eventindexentry WHERE event_id = ANY(ids);
    INSERT INTO activities_eventindexentry SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, r.start_date, r.ends_on, ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'event_type:' || r.event_type] || ARRAY(SELECT 'countries:' || r.venue_country_id WHERE r.venue_country_id IS NOT NULL) || ARRAY(SELECT 'countries:' || l.country_id FROM activities_event_countries l WHERE l.event_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM activities_event_themes l WHERE l.event_id = r.id) || ARRAY(SELECT 'units:' || l.unit_id FROM activities_event_units l WHERE l.event_id = r.id) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM activities_event_structures l WHERE l.event_id = r.id) || ARRAY(SELECT 'partners:' || l.partnerorganisation_id FROM activities_event_partners l WHERE l.event_id = r.id)) AS k), to_tsvector('english'::regconfig, COALESCE(r.title, '') || ' ' || COALESCE(r.summary, '') || ' ' || COALESCE(r.body, '') || ' ' || COALESCE(r.venue_city, ''))
    FROM activities_event r WHERE r.id = ANY(ids);
$$;

CREATE OR REPLACE FUNCTION event_index_refresh_keys(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE activities_eventindexentry AS x SET facets = ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'event_type:' || r.event_type] || ARRAY(SELECT 'countries:' || r.venue_country_id WHERE r.venue_country_id IS NOT NULL) || ARRAY(SELECT 'countries:' || l.country_id FROM activities_event_countries l WHERE l.event_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM activities_event_themes l WHERE l.event_id = r.id) || ARRAY(SELECT 'units:' || l.unit_id FROM activities_event_units l WHERE l.event_id = r.id) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM activities_event_structures l WHERE l.event_id = r.id) || ARRAY(SELECT 'partners:' || l.partnerorganisation_id FROM activities_event_partners l WHERE l.event_id = r.id)) AS k) FROM activities_event r WHERE r.id = x.event_id AND x.event_id = ANY(ids);
$$;
SELECT event_index_refresh_keys(ARRAY(SELECT id FROM activities_event));
"""


class Migration(migrations.Migration):
    dependencies = [("activities", "0010_ready_for_review"), ("tntd", "0009_regions")]

    operations = [
        PostgreSQL(FORWARD, BACKWARD),
    ]
