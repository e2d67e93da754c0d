"""Keyword search in Russian (issue 10, search/query.py): the news search document gains the
Russian text, stemmed by PostgreSQL's Russian configuration, beside the English text (the
original columns) stemmed by its English one; every row is rebuilt.

Keyword search on the records (feeds, downloads, the API) now reads this index too, so the
records' own full-text index of migration 0002, English only, is dropped.

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
CREATE OR REPLACE FUNCTION news_index_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM news_newsindexentry WHERE newsitem_id = ANY(ids);
    INSERT INTO news_newsindexentry SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, r.published_on, ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'kind:' || r.kind] || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id IN (SELECT l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM news_newsitem_structures l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM news_newsitem_themes l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'countries:' || l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) AS k), to_tsvector('english'::regconfig, COALESCE(r.title, '') || ' ' || COALESCE(r.summary, '') || ' ' || COALESCE(r.body, '')) || to_tsvector('russian'::regconfig, COALESCE(r.title_ru, '') || ' ' || COALESCE(r.summary_ru, '') || ' ' || COALESCE(r.body_ru, ''))
    FROM news_newsitem r WHERE r.id = ANY(ids);
$$;

CREATE OR REPLACE FUNCTION news_index_refresh_keys(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE news_newsindexentry AS x SET facets = ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'kind:' || r.kind] || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id IN (SELECT l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM news_newsitem_structures l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM news_newsitem_themes l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'countries:' || l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) AS k) FROM news_newsitem r WHERE r.id = x.newsitem_id AND x.newsitem_id = ANY(ids);
$$;
SELECT news_index_refresh(ARRAY(SELECT id FROM news_newsitem));
"""

BACKWARD_1 = """
CREATE OR REPLACE FUNCTION news_index_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM news_newsindexentry WHERE newsitem_id = ANY(ids);
    INSERT INTO news_newsindexentry SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, r.published_on, ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'kind:' || r.kind] || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id IN (SELECT l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM news_newsitem_structures l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM news_newsitem_themes l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'countries:' || l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) AS k), to_tsvector('english'::regconfig, COALESCE(r.title, '') || ' ' || COALESCE(r.summary, '') || ' ' || COALESCE(r.body, ''))
    FROM news_newsitem r WHERE r.id = ANY(ids);
$$;

CREATE OR REPLACE FUNCTION news_index_refresh_keys(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE news_newsindexentry AS x SET facets = ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'kind:' || r.kind] || ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc
    WHERE rc.country_id IN (SELECT l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM news_newsitem_structures l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM news_newsitem_themes l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'countries:' || l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) AS k) FROM news_newsitem r WHERE r.id = x.newsitem_id AND x.newsitem_id = ANY(ids);
$$;
SELECT news_index_refresh(ARRAY(SELECT id FROM news_newsitem));
"""

FORWARD_2 = """
DROP INDEX IF EXISTS newsitem_search_vector;
"""

BACKWARD_2 = """
CREATE INDEX IF NOT EXISTS newsitem_search_vector ON news_newsitem USING gin (to_tsvector('english'::regconfig, COALESCE(title, '') || ' ' || COALESCE(summary, '') || ' ' || COALESCE(body, '')));
"""


class Migration(migrations.Migration):
    dependencies = [("news", "0014_translated_fields")]

    operations = [
        PostgreSQL(FORWARD_1, BACKWARD_1),
        PostgreSQL(FORWARD_2, BACKWARD_2),
    ]
