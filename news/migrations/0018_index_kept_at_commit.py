"""The news index kept by the database's engine (tntd 0016, issue 19): its statement
triggers only queue the records a statement touched, and `news_index_refresh` writes each
one's index and facet rows once as the transaction commits, moving the stored key counts
by the difference of their keys. The triggers of migrations 0008, 0011 and 0013, which
rewrote the rows at every statement, go. A news item dated later is not public
before its day: its key counts read that from an index of the facet rows' dates.

Made from `news.models.NEWS_INDEX` (search/sql.py) and frozen here: it names no project module, so
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
DROP FUNCTION news_index_facet_rows_changed() CASCADE;  -- and its triggers
DROP FUNCTION news_index_news_newsitem_countries_changed() CASCADE;  -- and its triggers
DROP FUNCTION news_index_news_newsitem_structures_changed() CASCADE;  -- and its triggers
DROP FUNCTION news_index_news_newsitem_themes_changed() CASCADE;  -- and its triggers
DROP FUNCTION news_index_records_changed() CASCADE;  -- and its triggers
DROP FUNCTION news_index_regions_changed() CASCADE;  -- and its triggers
DROP FUNCTION news_index_refresh_keys(bigint[]);

CREATE OR REPLACE FUNCTION news_index_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    removed jsonb;
    added jsonb;
BEGIN
    DELETE FROM news_newsindexentry WHERE newsitem_id = ANY(ids);
    WITH gone AS (DELETE FROM news_newsindexfacets WHERE newsitem_id = ANY(ids) RETURNING status, facets)
    SELECT coalesce(jsonb_object_agg(c.k, c.n), '{}') FROM (SELECT k, count(*) AS n FROM gone, unnest(gone.facets) AS k WHERE gone.status = 'published' GROUP BY k) AS c INTO removed;
    WITH made AS (
        INSERT INTO news_newsindexentry (newsitem_id, status, publish_at, unpublish_at, title, published_on, facets, document)
        SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, r.published_on,
            ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'kind:' || r.kind] || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc WHERE rc.country_id IN (SELECT l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM news_newsitem_structures l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM news_newsitem_themes l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'countries:' || l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) AS k),
            to_tsvector('english'::regconfig, COALESCE(r.title, '') || ' ' || COALESCE(r.summary, '') || ' ' || COALESCE(r.body, '')) || to_tsvector('russian'::regconfig, COALESCE(r.title_ru, '') || ' ' || COALESCE(r.summary_ru, '') || ' ' || COALESCE(r.body_ru, ''))
        FROM news_newsitem r WHERE r.id = ANY(ids)
        RETURNING newsitem_id, status, publish_at, unpublish_at, title, published_on, facets
    ), written AS (
        INSERT INTO news_newsindexfacets (newsitem_id, status, publish_at, unpublish_at, title, published_on, facets, kind_keys, structures_keys, themes_keys, regions_keys, countries_keys)
        SELECT made.newsitem_id, made.status, made.publish_at, made.unpublish_at, made.title, made.published_on, made.facets, ARRAY(SELECT k FROM unnest(made.facets) AS k WHERE starts_with(k, 'kind:')), ARRAY(SELECT k FROM unnest(made.facets) AS k WHERE starts_with(k, 'structures:')), ARRAY(SELECT k FROM unnest(made.facets) AS k WHERE starts_with(k, 'themes:')), ARRAY(SELECT k FROM unnest(made.facets) AS k WHERE starts_with(k, 'regions:')), ARRAY(SELECT k FROM unnest(made.facets) AS k WHERE starts_with(k, 'countries:')) FROM made
        RETURNING status, facets
    )
    SELECT coalesce(jsonb_object_agg(c.k, c.n), '{}') FROM (SELECT k, count(*) AS n FROM written, unnest(written.facets) AS k WHERE written.status = 'published' GROUP BY k) AS c INTO added;
    PERFORM search_index_count('news_index', removed, added);
END $$;

CREATE OR REPLACE FUNCTION news_index_key_counts(timestamptz, date) RETURNS TABLE (key text, n bigint) LANGUAGE sql STABLE AS $$
    SELECT c.key, sum(c.n)::bigint FROM (
        SELECT s.key, s.n FROM search_index_key_counts s WHERE s.index_name = 'news_index'
        UNION ALL
        SELECT k, -count(*) FROM news_newsindexfacets f, unnest(f.facets) AS k
        WHERE f.status = 'published' AND (f.publish_at > $1 OR f.unpublish_at <= $1 OR f.published_on > $2)
        GROUP BY k
    ) AS c GROUP BY c.key HAVING sum(c.n) > 0
$$;

CREATE OR REPLACE FUNCTION news_index_check() RETURNS TABLE (problem text, found bigint) LANGUAGE sql STABLE AS $$
    WITH expected AS (
        SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, r.published_on,
            ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'kind:' || r.kind] || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc WHERE rc.country_id IN (SELECT l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM news_newsitem_structures l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM news_newsitem_themes l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'countries:' || l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) AS k) AS facets,
            to_tsvector('english'::regconfig, COALESCE(r.title, '') || ' ' || COALESCE(r.summary, '') || ' ' || COALESCE(r.body, '')) || to_tsvector('russian'::regconfig, COALESCE(r.title_ru, '') || ' ' || COALESCE(r.summary_ru, '') || ' ' || COALESCE(r.body_ru, '')) AS document
        FROM news_newsitem r
    ), recounted AS (
        SELECT k AS key, count(*) AS n FROM news_newsindexfacets f, unnest(f.facets) AS k WHERE f.status = 'published' GROUP BY k
    ), stored AS (
        SELECT s.key, sum(s.n) AS n FROM search_index_key_counts s WHERE s.index_name = 'news_index' GROUP BY s.key
    )
    SELECT 'index rows missing, left over or unlike their record', count(*)
        FROM expected e FULL JOIN news_newsindexentry x ON x.newsitem_id = e.id
        WHERE e.id IS NULL OR x.newsitem_id IS NULL OR (e.status, e.publish_at, e.unpublish_at, e.title, e.published_on, ARRAY(SELECT unnest(e.facets) ORDER BY 1), e.document) IS DISTINCT FROM (x.status, x.publish_at, x.unpublish_at, x.title, x.published_on, ARRAY(SELECT unnest(x.facets) ORDER BY 1), x.document)
    UNION ALL
    SELECT 'facet rows unlike their index row', count(*)
        FROM news_newsindexentry x FULL JOIN news_newsindexfacets f ON f.newsitem_id = x.newsitem_id
        WHERE x.newsitem_id IS NULL OR f.newsitem_id IS NULL OR (x.status, x.publish_at, x.unpublish_at, x.title, x.published_on, x.facets) IS DISTINCT FROM (f.status, f.publish_at, f.unpublish_at, f.title, f.published_on, f.facets)
            OR (ARRAY(SELECT k FROM unnest(x.facets) AS k WHERE starts_with(k, 'kind:')), ARRAY(SELECT k FROM unnest(x.facets) AS k WHERE starts_with(k, 'structures:')), ARRAY(SELECT k FROM unnest(x.facets) AS k WHERE starts_with(k, 'themes:')), ARRAY(SELECT k FROM unnest(x.facets) AS k WHERE starts_with(k, 'regions:')), ARRAY(SELECT k FROM unnest(x.facets) AS k WHERE starts_with(k, 'countries:'))) IS DISTINCT FROM (f.kind_keys, f.structures_keys, f.themes_keys, f.regions_keys, f.countries_keys)
    UNION ALL
    SELECT 'key counts unlike a count of the rows', count(*)
        FROM stored s FULL JOIN recounted c ON c.key = s.key
        WHERE coalesce(s.n, 0) <> coalesce(c.n, 0)
$$;

CREATE OR REPLACE FUNCTION news_index_tntd_region_countries_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM content_changes_ready();
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO pg_temp.search_index_queue SELECT 'news_index', affected.id FROM (SELECT l.newsitem_id FROM news_newsitem_countries l WHERE l.country_id IN (SELECT country_id FROM old_rows)) AS affected(id);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO pg_temp.search_index_queue SELECT 'news_index', affected.id FROM (SELECT l.newsitem_id FROM news_newsitem_countries l WHERE l.country_id IN (SELECT country_id FROM new_rows)) AS affected(id);
    END IF;
    INSERT INTO pg_temp.content_changes VALUES (true) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE INDEX news_index_publish_at ON news_newsindexfacets (publish_at) WHERE status = 'published' AND publish_at IS NOT NULL;
CREATE INDEX news_index_unpublish_at ON news_newsindexfacets (unpublish_at) WHERE status = 'published' AND unpublish_at IS NOT NULL;
INSERT INTO search_indexes VALUES ('news_index', 'news_newsitem', 'news_newsindexentry', 'news_newsindexfacets', 'newsitem_id');
INSERT INTO search_index_key_counts (index_name, key, shard, n)
    SELECT 'news_index', k, 0, count(*) FROM news_newsindexfacets f, unnest(f.facets) AS k WHERE f.status = 'published' GROUP BY k;
CREATE TRIGGER news_index_insert AFTER INSERT ON news_newsitem
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('news_index', 'id');
CREATE TRIGGER news_index_update AFTER UPDATE ON news_newsitem
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('news_index', 'id');
CREATE TRIGGER news_index_delete AFTER DELETE ON news_newsitem
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('news_index', 'id');
CREATE TRIGGER news_index_insert AFTER INSERT ON news_newsitem_structures
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('news_index', 'newsitem_id');
CREATE TRIGGER news_index_update AFTER UPDATE ON news_newsitem_structures
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('news_index', 'newsitem_id');
CREATE TRIGGER news_index_delete AFTER DELETE ON news_newsitem_structures
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('news_index', 'newsitem_id');
CREATE TRIGGER news_index_insert AFTER INSERT ON news_newsitem_themes
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('news_index', 'newsitem_id');
CREATE TRIGGER news_index_update AFTER UPDATE ON news_newsitem_themes
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('news_index', 'newsitem_id');
CREATE TRIGGER news_index_delete AFTER DELETE ON news_newsitem_themes
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('news_index', 'newsitem_id');
CREATE TRIGGER news_index_insert AFTER INSERT ON news_newsitem_countries
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('news_index', 'newsitem_id');
CREATE TRIGGER news_index_update AFTER UPDATE ON news_newsitem_countries
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('news_index', 'newsitem_id');
CREATE TRIGGER news_index_delete AFTER DELETE ON news_newsitem_countries
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_index_rows_changed('news_index', 'newsitem_id');
CREATE TRIGGER news_index_insert AFTER INSERT ON tntd_region_countries
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_tntd_region_countries_changed();
CREATE TRIGGER news_index_update AFTER UPDATE ON tntd_region_countries
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_tntd_region_countries_changed();
CREATE TRIGGER news_index_delete AFTER DELETE ON tntd_region_countries
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_tntd_region_countries_changed();
CREATE TRIGGER news_index_truncate AFTER TRUNCATE ON news_newsitem
    FOR EACH STATEMENT EXECUTE FUNCTION search_index_truncated('news_index');
CREATE TRIGGER news_index_truncate AFTER TRUNCATE ON news_newsitem_structures
    FOR EACH STATEMENT EXECUTE FUNCTION search_index_truncated('news_index');
CREATE TRIGGER news_index_truncate AFTER TRUNCATE ON news_newsitem_themes
    FOR EACH STATEMENT EXECUTE FUNCTION search_index_truncated('news_index');
CREATE TRIGGER news_index_truncate AFTER TRUNCATE ON news_newsitem_countries
    FOR EACH STATEMENT EXECUTE FUNCTION search_index_truncated('news_index');
CREATE INDEX news_index_dated ON news_newsindexfacets (published_on) WHERE status = 'published';
-- A news item's related events are on its page, not in its index: changes mark the transaction only.
CREATE TRIGGER content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON news_newsitem_related_events
    FOR EACH STATEMENT EXECUTE FUNCTION content_changed();
"""

BACKWARD = """
DROP TRIGGER news_index_insert ON news_newsitem;
DROP TRIGGER news_index_update ON news_newsitem;
DROP TRIGGER news_index_delete ON news_newsitem;
DROP TRIGGER news_index_insert ON news_newsitem_countries;
DROP TRIGGER news_index_update ON news_newsitem_countries;
DROP TRIGGER news_index_delete ON news_newsitem_countries;
DROP TRIGGER news_index_insert ON news_newsitem_structures;
DROP TRIGGER news_index_update ON news_newsitem_structures;
DROP TRIGGER news_index_delete ON news_newsitem_structures;
DROP TRIGGER news_index_insert ON news_newsitem_themes;
DROP TRIGGER news_index_update ON news_newsitem_themes;
DROP TRIGGER news_index_delete ON news_newsitem_themes;
DROP TRIGGER news_index_insert ON tntd_region_countries;
DROP TRIGGER news_index_update ON tntd_region_countries;
DROP TRIGGER news_index_delete ON tntd_region_countries;
DROP TRIGGER news_index_truncate ON news_newsitem;
DROP TRIGGER news_index_truncate ON news_newsitem_structures;
DROP TRIGGER news_index_truncate ON news_newsitem_themes;
DROP TRIGGER news_index_truncate ON news_newsitem_countries;
DELETE FROM search_index_key_counts WHERE index_name = 'news_index';
DELETE FROM search_indexes WHERE name = 'news_index';
DROP INDEX news_index_publish_at, news_index_unpublish_at;
DROP INDEX news_index_dated;
DROP TRIGGER content_changed ON news_newsitem_related_events;
DROP FUNCTION news_index_check();
DROP FUNCTION news_index_tntd_region_countries_changed();
DROP FUNCTION news_index_key_counts(timestamptz, date);
DROP FUNCTION news_index_refresh(bigint[]);

CREATE FUNCTION news_index_facet_rows_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM news_newsindexfacets WHERE newsitem_id IN (SELECT newsitem_id FROM old_rows);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO news_newsindexfacets SELECT r.newsitem_id, r.status, r.publish_at, r.unpublish_at, r.title, r.published_on, r.facets, ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'kind:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'structures:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'themes:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'regions:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'countries:')) FROM new_rows r;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION news_index_news_newsitem_countries_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM news_index_refresh_keys(ARRAY(SELECT DISTINCT newsitem_id FROM old_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM news_index_refresh_keys(ARRAY(SELECT newsitem_id FROM old_rows UNION SELECT newsitem_id FROM new_rows));
    ELSE
        PERFORM news_index_refresh_keys(ARRAY(SELECT DISTINCT newsitem_id FROM new_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION news_index_news_newsitem_structures_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM news_index_refresh_keys(ARRAY(SELECT DISTINCT newsitem_id FROM old_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM news_index_refresh_keys(ARRAY(SELECT newsitem_id FROM old_rows UNION SELECT newsitem_id FROM new_rows));
    ELSE
        PERFORM news_index_refresh_keys(ARRAY(SELECT DISTINCT newsitem_id FROM new_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION news_index_news_newsitem_themes_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM news_index_refresh_keys(ARRAY(SELECT DISTINCT newsitem_id FROM old_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM news_index_refresh_keys(ARRAY(SELECT newsitem_id FROM old_rows UNION SELECT newsitem_id FROM new_rows));
    ELSE
        PERFORM news_index_refresh_keys(ARRAY(SELECT DISTINCT newsitem_id FROM new_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION news_index_records_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM news_newsindexentry;
    ELSIF TG_OP = 'DELETE' THEN
        DELETE FROM news_newsindexentry WHERE newsitem_id IN (SELECT id FROM old_rows);
    ELSE
        PERFORM news_index_refresh(ARRAY(SELECT id FROM new_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION news_index_refresh(ids bigint[]) RETURNS void
    LANGUAGE sql
    AS $$
    DELETE FROM news_newsindexentry WHERE newsitem_id = ANY(ids);
    INSERT INTO news_newsindexentry SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, r.published_on, ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'kind:' || r.kind] || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id IN (SELECT l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM news_newsitem_structures l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM news_newsitem_themes l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'countries:' || l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) AS k), to_tsvector('english'::regconfig, COALESCE(r.title, '') || ' ' || COALESCE(r.summary, '') || ' ' || COALESCE(r.body, '')) || to_tsvector('russian'::regconfig, COALESCE(r.title_ru, '') || ' ' || COALESCE(r.summary_ru, '') || ' ' || COALESCE(r.body_ru, ''))
    FROM news_newsitem r WHERE r.id = ANY(ids);
$$;

CREATE FUNCTION news_index_refresh_keys(ids bigint[]) RETURNS void
    LANGUAGE sql
    AS $$
    UPDATE news_newsindexentry AS x SET facets = ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'kind:' || r.kind] || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id IN (SELECT l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM news_newsitem_structures l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM news_newsitem_themes l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'countries:' || l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) AS k) FROM news_newsitem r WHERE r.id = x.newsitem_id AND x.newsitem_id = ANY(ids);
$$;

CREATE FUNCTION news_index_regions_changed() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM news_index_refresh_keys(ARRAY(SELECT l.newsitem_id FROM news_newsitem_countries l WHERE l.country_id IN (SELECT country_id FROM old_rows)));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM news_index_refresh_keys(ARRAY(SELECT l.newsitem_id FROM news_newsitem_countries l WHERE l.country_id IN (SELECT country_id FROM old_rows UNION SELECT country_id FROM new_rows)));
    ELSE
        PERFORM news_index_refresh_keys(ARRAY(SELECT l.newsitem_id FROM news_newsitem_countries l WHERE l.country_id IN (SELECT country_id FROM new_rows)));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER news_index_delete AFTER DELETE ON news_newsitem REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_records_changed();
CREATE TRIGGER news_index_delete AFTER DELETE ON news_newsitem_countries REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_news_newsitem_countries_changed();
CREATE TRIGGER news_index_delete AFTER DELETE ON news_newsitem_structures REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_news_newsitem_structures_changed();
CREATE TRIGGER news_index_delete AFTER DELETE ON news_newsitem_themes REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_news_newsitem_themes_changed();
CREATE TRIGGER news_index_facet_rows_changed_delete AFTER DELETE ON news_newsindexentry REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_facet_rows_changed();
CREATE TRIGGER news_index_facet_rows_changed_insert AFTER INSERT ON news_newsindexentry REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_facet_rows_changed();
CREATE TRIGGER news_index_facet_rows_changed_update AFTER UPDATE ON news_newsindexentry REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_facet_rows_changed();
CREATE TRIGGER news_index_insert AFTER INSERT ON news_newsitem REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_records_changed();
CREATE TRIGGER news_index_insert AFTER INSERT ON news_newsitem_countries REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_news_newsitem_countries_changed();
CREATE TRIGGER news_index_insert AFTER INSERT ON news_newsitem_structures REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_news_newsitem_structures_changed();
CREATE TRIGGER news_index_insert AFTER INSERT ON news_newsitem_themes REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_news_newsitem_themes_changed();
CREATE TRIGGER news_index_regions_changed_delete AFTER DELETE ON tntd_region_countries REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_regions_changed();
CREATE TRIGGER news_index_regions_changed_insert AFTER INSERT ON tntd_region_countries REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_regions_changed();
CREATE TRIGGER news_index_regions_changed_update AFTER UPDATE ON tntd_region_countries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_regions_changed();
CREATE TRIGGER news_index_truncate AFTER TRUNCATE ON news_newsitem FOR EACH STATEMENT EXECUTE FUNCTION news_index_records_changed();
CREATE TRIGGER news_index_update AFTER UPDATE ON news_newsitem REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_records_changed();
CREATE TRIGGER news_index_update AFTER UPDATE ON news_newsitem_countries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_news_newsitem_countries_changed();
CREATE TRIGGER news_index_update AFTER UPDATE ON news_newsitem_structures REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_news_newsitem_structures_changed();
CREATE TRIGGER news_index_update AFTER UPDATE ON news_newsitem_themes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_news_newsitem_themes_changed();
"""


class Migration(migrations.Migration):

    dependencies = [
        ("news", "0017_versions_and_unpublished"),
        ("tntd", "0016_content_engine"),
    ]

    operations = [PostgreSQL(FORWARD, BACKWARD)]
