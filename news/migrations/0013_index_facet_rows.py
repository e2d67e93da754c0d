"""The news index's facet rows, as the events index's (activities migration 0013).

The SQL is the text the migration runs, frozen: it names no project module, so that a later
change to search/index.py never changes what this migration does.
"""

import django.contrib.postgres.fields
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
CREATE TABLE news_newsindexfacets (
    newsitem_id bigint PRIMARY KEY,
    status varchar(10) NOT NULL,
    publish_at timestamptz,
    unpublish_at timestamptz,
    title varchar(300) NOT NULL,
    published_on date NOT NULL, 
    facets text[] NOT NULL, kind_keys text[] NOT NULL, structures_keys text[] NOT NULL, themes_keys text[] NOT NULL, regions_keys text[] NOT NULL, countries_keys text[] NOT NULL
);
CREATE INDEX news_index_facet_rows ON news_newsindexfacets USING gin (facets) WHERE status = 'published';
INSERT INTO news_newsindexfacets SELECT r.newsitem_id, r.status, r.publish_at, r.unpublish_at, r.title, r.published_on, r.facets, ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'kind:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'structures:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'themes:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'regions:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'countries:')) FROM news_newsindexentry r;

CREATE FUNCTION news_index_facet_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM news_newsindexfacets WHERE newsitem_id IN (SELECT newsitem_id FROM old_rows);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO news_newsindexfacets SELECT r.newsitem_id, r.status, r.publish_at, r.unpublish_at, r.title, r.published_on, r.facets, ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'kind:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'structures:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'themes:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'regions:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'countries:')) FROM new_rows r;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER news_index_facet_rows_changed_insert AFTER INSERT ON news_newsindexentry
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_facet_rows_changed();
CREATE TRIGGER news_index_facet_rows_changed_update AFTER UPDATE ON news_newsindexentry
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_facet_rows_changed();
CREATE TRIGGER news_index_facet_rows_changed_delete AFTER DELETE ON news_newsindexentry
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION news_index_facet_rows_changed();
"""

BACKWARD = """
DROP FUNCTION news_index_facet_rows_changed() CASCADE;
DROP TABLE news_newsindexfacets;
"""


class Migration(migrations.Migration):

    dependencies = [
        ('news', '0012_kind'),
    ]

    operations = [
        migrations.CreateModel(
            name='NewsIndexFacets',
            fields=[
                ('status', models.CharField(max_length=10)),
                ('publish_at', models.DateTimeField(null=True)),
                ('unpublish_at', models.DateTimeField(null=True)),
                ('title', models.CharField(max_length=300)),
                ('facets', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ('kind_keys', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ('structures_keys', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ('themes_keys', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ('regions_keys', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ('countries_keys', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ('record', models.OneToOneField(db_column='newsitem_id', on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='+', serialize=False, to='news.newsitem')),
                ('published_on', models.DateField()),
            ],
            options={
                'db_table': 'news_newsindexfacets',
                'managed': False,
            },
        ),
        PostgreSQL(FORWARD, BACKWARD),
    ]
