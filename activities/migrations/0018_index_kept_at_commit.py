"""The events index kept by the database's engine (tntd 0016, issue 19): its statement
triggers only queue the records a statement touched, and `event_index_refresh` writes each
one's index and facet rows once as the transaction commits, moving the stored key counts
by the difference of their keys. The triggers of migrations 0008, 0011 and 0013, which
rewrote the rows at every statement, go.

Made from `activities.models.EVENT_INDEX` (search/sql.py) and frozen here: it names no project module, so
that a later change to the spec or the builder never changes what this migration does (the
system check tntd.E101 says when the database's functions no longer match the spec).
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
DROP FUNCTION event_index_activities_event_countries_changed() CASCADE;  -- and its triggers
DROP FUNCTION event_index_activities_event_partners_changed() CASCADE;  -- and its triggers
DROP FUNCTION event_index_activities_event_structures_changed() CASCADE;  -- and its triggers
DROP FUNCTION event_index_activities_event_themes_changed() CASCADE;  -- and its triggers
DROP FUNCTION event_index_activities_event_units_changed() CASCADE;  -- and its triggers
DROP FUNCTION event_index_facet_rows_changed() CASCADE;  -- and its triggers
DROP FUNCTION event_index_records_changed() CASCADE;  -- and its triggers
DROP FUNCTION event_index_regions_changed() CASCADE;  -- and its triggers
DROP FUNCTION event_index_refresh_keys(bigint[]);

CREATE OR REPLACE FUNCTION event_index_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    removed jsonb;
    added jsonb;
BEGIN
    DELETE FROM activities_eventindexentry WHERE event_id = ANY(ids);
    WITH gone AS (DELETE FROM activities_eventindexfacets WHERE event_id = ANY(ids) RETURNING status, facets)
    SELECT coalesce(jsonb_object_agg(c.k, c.n), '{}') FROM (SELECT k, count(*) AS n FROM gone, unnest(gone.facets) AS k WHERE gone.status = 'published' GROUP BY k) AS c INTO removed;
    WITH made AS (
        INSERT INTO activities_eventindexentry (event_id, status, publish_at, unpublish_at, title, start_date, ends_on, facets, document)
        SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, r.start_date, r.ends_on,
            ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'event_type:' || r.event_type, 'event_status:' || r.event_status] || ARRAY(SELECT 'countries:' || r.venue_country_id WHERE r.venue_country_id IS NOT NULL) || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc WHERE rc.country_id = r.venue_country_id OR rc.country_id IN (SELECT l.country_id FROM activities_event_countries l WHERE l.event_id = r.id)) || ARRAY(SELECT 'countries:' || l.country_id FROM activities_event_countries l WHERE l.event_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM activities_event_themes l WHERE l.event_id = r.id) || ARRAY(SELECT 'units:' || l.unit_id FROM activities_event_units l WHERE l.event_id = r.id) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM activities_event_structures l WHERE l.event_id = r.id) || ARRAY(SELECT 'partners:' || l.partnerorganisation_id FROM activities_event_partners l WHERE l.event_id = r.id)) AS k),
            to_tsvector('english'::regconfig, COALESCE(r.title, '') || ' ' || COALESCE(r.summary, '') || ' ' || COALESCE(r.body, '') || ' ' || COALESCE(r.venue_city, '')) || to_tsvector('russian'::regconfig, COALESCE(r.title_ru, '') || ' ' || COALESCE(r.summary_ru, '') || ' ' || COALESCE(r.body_ru, '') || ' ' || COALESCE(r.venue_city_ru, ''))
        FROM activities_event r WHERE r.id = ANY(ids)
        RETURNING event_id, status, publish_at, unpublish_at, title, start_date, ends_on, facets
    ), written AS (
        INSERT INTO activities_eventindexfacets (event_id, status, publish_at, unpublish_at, title, start_date, ends_on, facets, regions_keys, countries_keys, themes_keys, units_keys, event_type_keys, structures_keys, partners_keys)
        SELECT made.event_id, made.status, made.publish_at, made.unpublish_at, made.title, made.start_date, made.ends_on, made.facets, ARRAY(SELECT k FROM unnest(made.facets) AS k WHERE starts_with(k, 'regions:')), ARRAY(SELECT k FROM unnest(made.facets) AS k WHERE starts_with(k, 'countries:')), ARRAY(SELECT k FROM unnest(made.facets) AS k WHERE starts_with(k, 'themes:')), ARRAY(SELECT k FROM unnest(made.facets) AS k WHERE starts_with(k, 'units:')), ARRAY(SELECT k FROM unnest(made.facets) AS k WHERE starts_with(k, 'event_type:')), ARRAY(SELECT k FROM unnest(made.facets) AS k WHERE starts_with(k, 'structures:')), ARRAY(SELECT k FROM unnest(made.facets) AS k WHERE starts_with(k, 'partners:')) FROM made
        RETURNING status, facets
    )
    SELECT coalesce(jsonb_object_agg(c.k, c.n), '{}') FROM (SELECT k, count(*) AS n FROM written, unnest(written.facets) AS k WHERE written.status = 'published' GROUP BY k) AS c INTO added;
    PERFORM search_index_count('event_index', removed, added);
END $$;

CREATE OR REPLACE FUNCTION event_index_key_counts(timestamptz, date) RETURNS TABLE (key text, n bigint) LANGUAGE sql STABLE AS $$
    SELECT c.key, sum(c.n)::bigint FROM (
        SELECT s.key, s.n FROM search_index_key_counts s WHERE s.index_name = 'event_index'
        UNION ALL
        SELECT k, -count(*) FROM activities_eventindexfacets f, unnest(f.facets) AS k
        WHERE f.status = 'published' AND (f.publish_at > $1 OR f.unpublish_at <= $1)
        GROUP BY k
    ) AS c GROUP BY c.key HAVING sum(c.n) > 0
$$;

CREATE OR REPLACE FUNCTION event_index_check() RETURNS TABLE (problem text, found bigint) LANGUAGE sql STABLE AS $$
    WITH expected AS (
        SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, r.start_date, r.ends_on,
            ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'event_type:' || r.event_type, 'event_status:' || r.event_status] || ARRAY(SELECT 'countries:' || r.venue_country_id WHERE r.venue_country_id IS NOT NULL) || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc WHERE rc.country_id = r.venue_country_id OR rc.country_id IN (SELECT l.country_id FROM activities_event_countries l WHERE l.event_id = r.id)) || ARRAY(SELECT 'countries:' || l.country_id FROM activities_event_countries l WHERE l.event_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM activities_event_themes l WHERE l.event_id = r.id) || ARRAY(SELECT 'units:' || l.unit_id FROM activities_event_units l WHERE l.event_id = r.id) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM activities_event_structures l WHERE l.event_id = r.id) || ARRAY(SELECT 'partners:' || l.partnerorganisation_id FROM activities_event_partners l WHERE l.event_id = r.id)) AS k) AS facets,
            to_tsvector('english'::regconfig, COALESCE(r.title, '') || ' ' || COALESCE(r.summary, '') || ' ' || COALESCE(r.body, '') || ' ' || COALESCE(r.venue_city, '')) || to_tsvector('russian'::regconfig, COALESCE(r.title_ru, '') || ' ' || COALESCE(r.summary_ru, '') || ' ' || COALESCE(r.body_ru, '') || ' ' || COALESCE(r.venue_city_ru, '')) AS document
        FROM activities_event r
    ), recounted AS (
        SELECT k AS key, count(*) AS n FROM activities_eventindexfacets f, unnest(f.facets) AS k WHERE f.status = 'published' GROUP BY k
    ), stored AS (
        SELECT s.key, sum(s.n) AS n FROM search_index_key_counts s WHERE s.index_name = 'event_index' GROUP BY s.key
    )
    SELECT 'index rows missing, left over or unlike their record', count(*)
        FROM expected e FULL JOIN activities_eventindexentry x ON x.event_id = e.id
        WHERE e.id IS NULL OR x.event_id IS NULL OR (e.status, e.publish_at, e.unpublish_at, e.title, e.start_date, e.ends_on, ARRAY(SELECT unnest(e.facets) ORDER BY 1), e.document) IS DISTINCT FROM (x.status, x.publish_at, x.unpublish_at, x.title, x.start_date, x.ends_on, ARRAY(SELECT unnest(x.facets) ORDER BY 1), x.document)
    UNION ALL
    SELECT 'facet rows unlike their index row', count(*)
        FROM activities_eventindexentry x FULL JOIN activities_eventindexfacets f ON f.event_id = x.event_id
        WHERE x.event_id IS NULL OR f.event_id IS NULL OR (x.status, x.publish_at, x.unpublish_at, x.title, x.start_date, x.ends_on, x.facets) IS DISTINCT FROM (f.status, f.publish_at, f.unpublish_at, f.title, f.start_date, f.ends_on, f.facets)
            OR (ARRAY(SELECT k FROM unnest(x.facets) AS k WHERE starts_with(k, 'regions:')), ARRAY(SELECT k FROM unnest(x.facets) AS k WHERE starts_with(k, 'countries:')), ARRAY(SELECT k FROM unnest(x.facets) AS k WHERE starts_with(k, 'themes:')), ARRAY(SELECT k FROM unnest(x.facets) AS k WHERE starts_with(k, 'units:')), ARRAY(SELECT k FROM unnest(x.facets) AS k WHERE starts_with(k, 'event_type:')), ARRAY(SELECT k FROM unnest(x.facets) AS k WHERE starts_with(k, 'structures:')), ARRAY(SELECT k FROM unnest(x.facets) AS k WHERE starts_with(k, 'partners:'))) IS DISTINCT FROM (f.regions_keys, f.countries_keys, f.themes_keys, f.units_keys, f.event_type_keys, f.structures_keys, f.partners_keys)
    UNION ALL
    SELECT 'key counts unlike a count of the rows', count(*)
        FROM stored s FULL JOIN recounted c ON c.key = s.key
        WHERE coalesce(s.n, 0) <> coalesce(c.n, 0)
$$;

CREATE OR REPLACE FUNCTION event_index_tntd_region_countries_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM content_changes_ready();
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO pg_temp.search_index_queue SELECT 'event_index', affected.id FROM (SELECT e.id FROM activities_event e WHERE e.venue_country_id IN (SELECT country_id FROM old_rows) UNION SELECT l.event_id FROM activities_event_countries l WHERE l.country_id IN (SELECT country_id FROM old_rows)) AS affected(id);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO pg_temp.search_index_queue SELECT 'event_index', affected.id FROM (SELECT e.id FROM activities_event e WHERE e.venue_country_id IN (SELECT country_id FROM new_rows) UNION SELECT l.event_id FROM activities_event_countries l WHERE l.country_id IN (SELECT country_id FROM new_rows)) AS affected(id);
    END IF;
    INSERT INTO pg_temp.content_changes VALUES (true) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE INDEX event_index_publish_at ON activities_eventindexfacets (publish_at) WHERE status = 'published' AND publish_at IS NOT NULL;
CREATE INDEX event_index_unpublish_at ON activities_eventindexfacets (unpublish_at) WHERE status = 'published' AND unpublish_at IS NOT NULL;
INSERT INTO search_indexes VALUES ('event_index', 'activities_event', 'activities_eventindexentry', 'activities_eventindexfacets', 'event_id');
INSERT INTO search_index_key_counts (index_name, key, shard, n)
    SELECT 'event_index', k, 0, count(*) FROM activities_eventindexfacets f, unnest(f.facets) AS k WHERE f.status = 'published' GROUP BY k;
CREATE TRIGGER event_index_insert AFTER INSERT ON activities_event
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('event_index', 'id');
CREATE TRIGGER event_index_update AFTER UPDATE ON activities_event
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('event_index', 'id');
CREATE TRIGGER event_index_delete AFTER DELETE ON activities_event
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('event_index', 'id');
CREATE TRIGGER event_index_insert AFTER INSERT ON activities_event_countries
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('event_index', 'event_id');
CREATE TRIGGER event_index_update AFTER UPDATE ON activities_event_countries
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('event_index', 'event_id');
CREATE TRIGGER event_index_delete AFTER DELETE ON activities_event_countries
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('event_index', 'event_id');
CREATE TRIGGER event_index_insert AFTER INSERT ON activities_event_themes
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('event_index', 'event_id');
CREATE TRIGGER event_index_update AFTER UPDATE ON activities_event_themes
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('event_index', 'event_id');
CREATE TRIGGER event_index_delete AFTER DELETE ON activities_event_themes
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('event_index', 'event_id');
CREATE TRIGGER event_index_insert AFTER INSERT ON activities_event_units
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('event_index', 'event_id');
CREATE TRIGGER event_index_update AFTER UPDATE ON activities_event_units
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('event_index', 'event_id');
CREATE TRIGGER event_index_delete AFTER DELETE ON activities_event_units
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('event_index', 'event_id');
CREATE TRIGGER event_index_insert AFTER INSERT ON activities_event_structures
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('event_index', 'event_id');
CREATE TRIGGER event_index_update AFTER UPDATE ON activities_event_structures
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('event_index', 'event_id');
CREATE TRIGGER event_index_delete AFTER DELETE ON activities_event_structures
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('event_index', 'event_id');
CREATE TRIGGER event_index_insert AFTER INSERT ON activities_event_partners
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('event_index', 'event_id');
CREATE TRIGGER event_index_update AFTER UPDATE ON activities_event_partners
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('event_index', 'event_id');
CREATE TRIGGER event_index_delete AFTER DELETE ON activities_event_partners
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('event_index', 'event_id');
CREATE TRIGGER event_index_insert AFTER INSERT ON tntd_region_countries
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_tntd_region_countries_changed();
CREATE TRIGGER event_index_update AFTER UPDATE ON tntd_region_countries
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_tntd_region_countries_changed();
CREATE TRIGGER event_index_delete AFTER DELETE ON tntd_region_countries
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_tntd_region_countries_changed();
CREATE TRIGGER event_index_truncate AFTER TRUNCATE ON activities_event
    FOR EACH STATEMENT EXECUTE FUNCTION search_index_truncated('event_index');
CREATE TRIGGER event_index_truncate AFTER TRUNCATE ON activities_event_countries
    FOR EACH STATEMENT EXECUTE FUNCTION search_index_truncated('event_index');
CREATE TRIGGER event_index_truncate AFTER TRUNCATE ON activities_event_themes
    FOR EACH STATEMENT EXECUTE FUNCTION search_index_truncated('event_index');
CREATE TRIGGER event_index_truncate AFTER TRUNCATE ON activities_event_units
    FOR EACH STATEMENT EXECUTE FUNCTION search_index_truncated('event_index');
CREATE TRIGGER event_index_truncate AFTER TRUNCATE ON activities_event_structures
    FOR EACH STATEMENT EXECUTE FUNCTION search_index_truncated('event_index');
CREATE TRIGGER event_index_truncate AFTER TRUNCATE ON activities_event_partners
    FOR EACH STATEMENT EXECUTE FUNCTION search_index_truncated('event_index');
"""

BACKWARD = """
DROP TRIGGER event_index_insert ON activities_event;
DROP TRIGGER event_index_update ON activities_event;
DROP TRIGGER event_index_delete ON activities_event;
DROP TRIGGER event_index_insert ON activities_event_countries;
DROP TRIGGER event_index_update ON activities_event_countries;
DROP TRIGGER event_index_delete ON activities_event_countries;
DROP TRIGGER event_index_insert ON activities_event_partners;
DROP TRIGGER event_index_update ON activities_event_partners;
DROP TRIGGER event_index_delete ON activities_event_partners;
DROP TRIGGER event_index_insert ON activities_event_structures;
DROP TRIGGER event_index_update ON activities_event_structures;
DROP TRIGGER event_index_delete ON activities_event_structures;
DROP TRIGGER event_index_insert ON activities_event_themes;
DROP TRIGGER event_index_update ON activities_event_themes;
DROP TRIGGER event_index_delete ON activities_event_themes;
DROP TRIGGER event_index_insert ON activities_event_units;
DROP TRIGGER event_index_update ON activities_event_units;
DROP TRIGGER event_index_delete ON activities_event_units;
DROP TRIGGER event_index_insert ON tntd_region_countries;
DROP TRIGGER event_index_update ON tntd_region_countries;
DROP TRIGGER event_index_delete ON tntd_region_countries;
DROP TRIGGER event_index_truncate ON activities_event;
DROP TRIGGER event_index_truncate ON activities_event_countries;
DROP TRIGGER event_index_truncate ON activities_event_themes;
DROP TRIGGER event_index_truncate ON activities_event_units;
DROP TRIGGER event_index_truncate ON activities_event_structures;
DROP TRIGGER event_index_truncate ON activities_event_partners;
DELETE FROM search_index_key_counts WHERE index_name = 'event_index';
DELETE FROM search_indexes WHERE name = 'event_index';
DROP INDEX event_index_publish_at, event_index_unpublish_at;
DROP FUNCTION event_index_check();
DROP FUNCTION event_index_tntd_region_countries_changed();
DROP FUNCTION event_index_key_counts(timestamptz, date);
DROP FUNCTION event_index_refresh(bigint[]);

CREATE FUNCTION event_index_activities_event_countries_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM event_index_refresh_keys(ARRAY(SELECT DISTINCT event_id FROM old_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM event_index_refresh_keys(ARRAY(SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows));
    ELSE
        PERFORM event_index_refresh_keys(ARRAY(SELECT DISTINCT event_id FROM new_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION event_index_activities_event_partners_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM event_index_refresh_keys(ARRAY(SELECT DISTINCT event_id FROM old_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM event_index_refresh_keys(ARRAY(SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows));
    ELSE
        PERFORM event_index_refresh_keys(ARRAY(SELECT DISTINCT event_id FROM new_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION event_index_activities_event_structures_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM event_index_refresh_keys(ARRAY(SELECT DISTINCT event_id FROM old_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM event_index_refresh_keys(ARRAY(SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows));
    ELSE
        PERFORM event_index_refresh_keys(ARRAY(SELECT DISTINCT event_id FROM new_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION event_index_activities_event_themes_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM event_index_refresh_keys(ARRAY(SELECT DISTINCT event_id FROM old_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM event_index_refresh_keys(ARRAY(SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows));
    ELSE
        PERFORM event_index_refresh_keys(ARRAY(SELECT DISTINCT event_id FROM new_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION event_index_activities_event_units_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM event_index_refresh_keys(ARRAY(SELECT DISTINCT event_id FROM old_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM event_index_refresh_keys(ARRAY(SELECT event_id FROM old_rows UNION SELECT event_id FROM new_rows));
    ELSE
        PERFORM event_index_refresh_keys(ARRAY(SELECT DISTINCT event_id FROM new_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION event_index_facet_rows_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM activities_eventindexfacets WHERE event_id IN (SELECT event_id FROM old_rows);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO activities_eventindexfacets SELECT r.event_id, r.status, r.publish_at, r.unpublish_at, r.title, r.start_date, r.ends_on, r.facets, ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'regions:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'countries:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'themes:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'units:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'event_type:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'structures:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'partners:')) FROM new_rows r;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION event_index_records_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM activities_eventindexentry;
    ELSIF TG_OP = 'DELETE' THEN
        DELETE FROM activities_eventindexentry WHERE event_id IN (SELECT id FROM old_rows);
    ELSE
        PERFORM event_index_refresh(ARRAY(SELECT id FROM new_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION event_index_refresh(ids bigint[]) RETURNS void
    LANGUAGE sql
    AS $$
    DELETE FROM activities_eventindexentry WHERE event_id = ANY(ids);
    INSERT INTO activities_eventindexentry SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, r.start_date, r.ends_on, ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'event_type:' || r.event_type, 'event_status:' || r.event_status] || ARRAY(SELECT 'countries:' || r.venue_country_id WHERE r.venue_country_id IS NOT NULL) || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id = r.venue_country_id
    OR rc.country_id IN (SELECT l.country_id FROM activities_event_countries l WHERE l.event_id = r.id)) || ARRAY(SELECT 'countries:' || l.country_id FROM activities_event_countries l WHERE l.event_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM activities_event_themes l WHERE l.event_id = r.id) || ARRAY(SELECT 'units:' || l.unit_id FROM activities_event_units l WHERE l.event_id = r.id) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM activities_event_structures l WHERE l.event_id = r.id) || ARRAY(SELECT 'partners:' || l.partnerorganisation_id FROM activities_event_partners l WHERE l.event_id = r.id)) AS k), to_tsvector('english'::regconfig, COALESCE(r.title, '') || ' ' || COALESCE(r.summary, '') || ' ' || COALESCE(r.body, '') || ' ' || COALESCE(r.venue_city, '')) || to_tsvector('russian'::regconfig, COALESCE(r.title_ru, '') || ' ' || COALESCE(r.summary_ru, '') || ' ' || COALESCE(r.body_ru, '') || ' ' || COALESCE(r.venue_city_ru, ''))
    FROM activities_event r WHERE r.id = ANY(ids);
$$;

CREATE FUNCTION event_index_refresh_keys(ids bigint[]) RETURNS void
    LANGUAGE sql
    AS $$
    UPDATE activities_eventindexentry AS x SET facets = ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'event_type:' || r.event_type, 'event_status:' || r.event_status] || ARRAY(SELECT 'countries:' || r.venue_country_id WHERE r.venue_country_id IS NOT NULL) || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id = r.venue_country_id
    OR rc.country_id IN (SELECT l.country_id FROM activities_event_countries l WHERE l.event_id = r.id)) || ARRAY(SELECT 'countries:' || l.country_id FROM activities_event_countries l WHERE l.event_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM activities_event_themes l WHERE l.event_id = r.id) || ARRAY(SELECT 'units:' || l.unit_id FROM activities_event_units l WHERE l.event_id = r.id) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM activities_event_structures l WHERE l.event_id = r.id) || ARRAY(SELECT 'partners:' || l.partnerorganisation_id FROM activities_event_partners l WHERE l.event_id = r.id)) AS k) FROM activities_event r WHERE r.id = x.event_id AND x.event_id = ANY(ids);
$$;

CREATE FUNCTION event_index_regions_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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

CREATE TRIGGER event_index_delete AFTER DELETE ON activities_event REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_records_changed();
CREATE TRIGGER event_index_delete AFTER DELETE ON activities_event_countries REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_countries_changed();
CREATE TRIGGER event_index_delete AFTER DELETE ON activities_event_partners REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_partners_changed();
CREATE TRIGGER event_index_delete AFTER DELETE ON activities_event_structures REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_structures_changed();
CREATE TRIGGER event_index_delete AFTER DELETE ON activities_event_themes REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_themes_changed();
CREATE TRIGGER event_index_delete AFTER DELETE ON activities_event_units REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_units_changed();
CREATE TRIGGER event_index_facet_rows_changed_delete AFTER DELETE ON activities_eventindexentry REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_facet_rows_changed();
CREATE TRIGGER event_index_facet_rows_changed_insert AFTER INSERT ON activities_eventindexentry REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_facet_rows_changed();
CREATE TRIGGER event_index_facet_rows_changed_update AFTER UPDATE ON activities_eventindexentry REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_facet_rows_changed();
CREATE TRIGGER event_index_insert AFTER INSERT ON activities_event REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_records_changed();
CREATE TRIGGER event_index_insert AFTER INSERT ON activities_event_countries REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_countries_changed();
CREATE TRIGGER event_index_insert AFTER INSERT ON activities_event_partners REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_partners_changed();
CREATE TRIGGER event_index_insert AFTER INSERT ON activities_event_structures REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_structures_changed();
CREATE TRIGGER event_index_insert AFTER INSERT ON activities_event_themes REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_themes_changed();
CREATE TRIGGER event_index_insert AFTER INSERT ON activities_event_units REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_units_changed();
CREATE TRIGGER event_index_regions_changed_delete AFTER DELETE ON tntd_region_countries REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_regions_changed();
CREATE TRIGGER event_index_regions_changed_insert AFTER INSERT ON tntd_region_countries REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_regions_changed();
CREATE TRIGGER event_index_regions_changed_update AFTER UPDATE ON tntd_region_countries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_regions_changed();
CREATE TRIGGER event_index_truncate AFTER TRUNCATE ON activities_event FOR EACH STATEMENT EXECUTE FUNCTION event_index_records_changed();
CREATE TRIGGER event_index_update AFTER UPDATE ON activities_event REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_records_changed();
CREATE TRIGGER event_index_update AFTER UPDATE ON activities_event_countries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_countries_changed();
CREATE TRIGGER event_index_update AFTER UPDATE ON activities_event_partners REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_partners_changed();
CREATE TRIGGER event_index_update AFTER UPDATE ON activities_event_structures REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_structures_changed();
CREATE TRIGGER event_index_update AFTER UPDATE ON activities_event_themes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_themes_changed();
CREATE TRIGGER event_index_update AFTER UPDATE ON activities_event_units REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_units_changed();
"""


class Migration(migrations.Migration):

    dependencies = [
        ("activities", "0017_versions_and_unpublished"),
        ("tntd", "0016_content_engine"),
    ]

    operations = [PostgreSQL(FORWARD, BACKWARD)]
