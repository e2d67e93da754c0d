"""The news finder's search index gains region keys ("regions:<id>"): a news item is in every
region of the countries it names, as events are (activities migration 0011).

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
CREATE OR REPLACE FUNCTION news_index_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM news_newsindexentry WHERE newsitem_id = ANY(ids);
    INSERT INTO news_newsindexentry SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, r.published_on, ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'content_type:' || r.content_type] || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id IN (SELECT l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM news_newsitem_structures l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM news_newsitem_themes l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'countries:' || l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) AS k), to_tsvector('english'::regconfig, COALESCE(r.title, '') || ' ' || COALESCE(r.summary, '') || ' ' || COALESCE(r.body, ''))
    FROM news_newsitem r WHERE r.id = ANY(ids);
$$;

CREATE OR REPLACE FUNCTION news_index_refresh_keys(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE news_newsindexentry AS x SET facets = ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'content_type:' || r.content_type] || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id IN (SELECT l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM news_newsitem_structures l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM news_newsitem_themes l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'countries:' || l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) AS k) FROM news_newsitem r WHERE r.id = x.newsitem_id AND x.newsitem_id = ANY(ids);
$$;

CREATE FUNCTION news_index_regions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE TRIGGER news_index_regions_changed_insert AFTER INSERT ON tntd_region_countries
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_regions_changed();
CREATE TRIGGER news_index_regions_changed_update AFTER UPDATE ON tntd_region_countries
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_regions_changed();
CREATE TRIGGER news_index_regions_changed_delete AFTER DELETE ON tntd_region_countries
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_regions_changed();
SELECT news_index_refresh_keys(ARRAY(SELECT id FROM news_newsitem));
"""

BACKWARD = """
DROP FUNCTION news_index_regions_changed() CASCADE;

CREATE OR REPLACE FUNCTION news_index_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM news_newsindexentry WHERE newsitem_id = ANY(ids);
    INSERT INTO news_newsindexentry SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, r.published_on, ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'content_type:' || r.content_type] || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM news_newsitem_structures l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM news_newsitem_themes l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'countries:' || l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) AS k), to_tsvector('english'::regconfig, COALESCE(r.title, '') || ' ' || COALESCE(r.summary, '') || ' ' || COALESCE(r.body, ''))
    FROM news_newsitem r WHERE r.id = ANY(ids);
$$;

CREATE OR REPLACE FUNCTION news_index_refresh_keys(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE news_newsindexentry AS x SET facets = ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'content_type:' || r.content_type] || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM news_newsitem_structures l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM news_newsitem_themes l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'countries:' || l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) AS k) FROM news_newsitem r WHERE r.id = x.newsitem_id AND x.newsitem_id = ANY(ids);
$$;
SELECT news_index_refresh_keys(ARRAY(SELECT id FROM news_newsitem));
"""


class Migration(migrations.Migration):
    dependencies = [("news", "0010_ready_for_review"), ("tntd", "0009_regions")]

    operations = [
        PostgreSQL(FORWARD, BACKWARD),
    ]
