"""The news finder's search index (news.NewsIndexEntry, search/index.py), on
PostgreSQL only: its table, its indexes, and the triggers that keep it.

The SQL is the text the migration runs, frozen: it names no project module, so that a later
change to search/index.py never changes what this migration does.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


class PostgreSQL(migrations.RunSQL):
    """RunSQL on PostgreSQL, the one database the project runs on; nothing on another."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


FORWARD = """
CREATE TABLE news_newsindexentry (
    newsitem_id bigint PRIMARY KEY,
    status varchar(10) NOT NULL,
    publish_at timestamptz,
    unpublish_at timestamptz,
    title varchar(300) NOT NULL,
    published_on date NOT NULL, 
    facets text[] NOT NULL,
    document tsvector NOT NULL
);
-- What a finder reads: published rows only; the publishing window included, so that a page
-- of ids (page 2,000 too) is read from the index alone.
CREATE INDEX news_index_by_date ON news_newsindexentry (published_on DESC, title, newsitem_id) INCLUDE (publish_at, unpublish_at) WHERE status = 'published'; CREATE INDEX news_index_by_title ON news_newsindexentry (title, published_on, newsitem_id) INCLUDE (publish_at, unpublish_at) WHERE status = 'published'; 
CREATE INDEX news_index_facets ON news_newsindexentry USING gin (facets) WHERE status = 'published';
CREATE INDEX news_index_document ON news_newsindexentry USING gin (document) WHERE status = 'published';


CREATE FUNCTION news_index_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM news_newsindexentry WHERE newsitem_id = ANY(ids);
    INSERT INTO news_newsindexentry SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, r.published_on, ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'content_type:' || r.content_type] || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM news_newsitem_structures l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM news_newsitem_themes l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'countries:' || l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) AS k), to_tsvector('english'::regconfig, COALESCE(r.title, '') || ' ' || COALESCE(r.summary, '') || ' ' || COALESCE(r.body, ''))
    FROM news_newsitem r WHERE r.id = ANY(ids);
$$;

CREATE FUNCTION news_index_refresh_keys(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE news_newsindexentry AS x SET facets = ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'content_type:' || r.content_type] || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM news_newsitem_structures l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM news_newsitem_themes l WHERE l.newsitem_id = r.id) || ARRAY(SELECT 'countries:' || l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id)) AS k) FROM news_newsitem r WHERE r.id = x.newsitem_id AND x.newsitem_id = ANY(ids);
$$;

CREATE FUNCTION news_index_records_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE TRIGGER news_index_insert AFTER INSERT ON news_newsitem
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_records_changed();
CREATE TRIGGER news_index_update AFTER UPDATE ON news_newsitem
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_records_changed();
CREATE TRIGGER news_index_delete AFTER DELETE ON news_newsitem
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_records_changed();
CREATE TRIGGER news_index_truncate AFTER TRUNCATE ON news_newsitem
    FOR EACH STATEMENT EXECUTE FUNCTION news_index_records_changed();

CREATE FUNCTION news_index_news_newsitem_structures_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER news_index_insert AFTER INSERT ON news_newsitem_structures
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_news_newsitem_structures_changed();
CREATE TRIGGER news_index_update AFTER UPDATE ON news_newsitem_structures
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION news_index_news_newsitem_structures_changed();
CREATE TRIGGER news_index_delete AFTER DELETE ON news_newsitem_structures
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_news_newsitem_structures_changed();

CREATE FUNCTION news_index_news_newsitem_themes_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER news_index_insert AFTER INSERT ON news_newsitem_themes
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_news_newsitem_themes_changed();
CREATE TRIGGER news_index_update AFTER UPDATE ON news_newsitem_themes
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION news_index_news_newsitem_themes_changed();
CREATE TRIGGER news_index_delete AFTER DELETE ON news_newsitem_themes
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_news_newsitem_themes_changed();

CREATE FUNCTION news_index_news_newsitem_countries_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER news_index_insert AFTER INSERT ON news_newsitem_countries
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_news_newsitem_countries_changed();
CREATE TRIGGER news_index_update AFTER UPDATE ON news_newsitem_countries
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION news_index_news_newsitem_countries_changed();
CREATE TRIGGER news_index_delete AFTER DELETE ON news_newsitem_countries
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_news_newsitem_countries_changed();
SELECT news_index_refresh(ARRAY(SELECT id FROM news_newsitem));
"""

BACKWARD = """
DROP FUNCTION news_index_news_newsitem_structures_changed() CASCADE;
DROP FUNCTION news_index_news_newsitem_themes_changed() CASCADE;
DROP FUNCTION news_index_news_newsitem_countries_changed() CASCADE;
DROP FUNCTION news_index_records_changed() CASCADE;
DROP FUNCTION news_index_refresh(bigint[]), news_index_refresh_keys(bigint[]);
DROP TABLE news_newsindexentry;
"""


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
        PostgreSQL(FORWARD, BACKWARD),
    ]
