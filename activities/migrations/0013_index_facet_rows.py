"""The events index's facet rows: its columns but the document, in a table of
their own that triggers keep equal to it, so that a facet count over a broad filter reads
34 MB at 100,000 events instead of 180 (search.index.SearchIndexFacets).

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
CREATE TABLE activities_eventindexfacets (
    event_id bigint PRIMARY KEY,
    status varchar(10) NOT NULL,
    publish_at timestamptz,
    unpublish_at timestamptz,
    title varchar(300) NOT NULL,
    start_date date NOT NULL, ends_on date NOT NULL, 
    facets text[] NOT NULL, regions_keys text[] NOT NULL, countries_keys text[] NOT NULL, themes_keys text[] NOT NULL, units_keys text[] NOT NULL, event_type_keys text[] NOT NULL, structures_keys text[] NOT NULL, partners_keys text[] NOT NULL
);
CREATE INDEX event_index_facet_rows ON activities_eventindexfacets USING gin (facets) WHERE status = 'published';
INSERT INTO activities_eventindexfacets SELECT r.event_id, r.status, r.publish_at, r.unpublish_at, r.title, r.start_date, r.ends_on, r.facets, ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'regions:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'countries:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'themes:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'units:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'event_type:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'structures:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'partners:')) FROM activities_eventindexentry r;

CREATE FUNCTION event_index_facet_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM activities_eventindexfacets WHERE event_id IN (SELECT event_id FROM old_rows);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO activities_eventindexfacets SELECT r.event_id, r.status, r.publish_at, r.unpublish_at, r.title, r.start_date, r.ends_on, r.facets, ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'regions:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'countries:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'themes:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'units:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'event_type:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'structures:')), ARRAY(SELECT k FROM unnest(r.facets) AS k WHERE starts_with(k, 'partners:')) FROM new_rows r;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER event_index_facet_rows_changed_insert AFTER INSERT ON activities_eventindexentry
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_facet_rows_changed();
CREATE TRIGGER event_index_facet_rows_changed_update AFTER UPDATE ON activities_eventindexentry
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_facet_rows_changed();
CREATE TRIGGER event_index_facet_rows_changed_delete AFTER DELETE ON activities_eventindexentry
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_facet_rows_changed();
"""

BACKWARD = """
DROP FUNCTION event_index_facet_rows_changed() CASCADE;
DROP TABLE activities_eventindexfacets;
"""


class Migration(migrations.Migration):

    dependencies = [
        ('activities', '0012_event_status'),
    ]

    operations = [
        migrations.CreateModel(
            name='EventIndexFacets',
            fields=[
                ('status', models.CharField(max_length=10)),
                ('publish_at', models.DateTimeField(null=True)),
                ('unpublish_at', models.DateTimeField(null=True)),
                ('title', models.CharField(max_length=300)),
                ('facets', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ('regions_keys', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ('countries_keys', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ('themes_keys', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ('units_keys', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ('event_type_keys', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ('structures_keys', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ('partners_keys', django.contrib.postgres.fields.ArrayField(base_field=models.TextField(), size=None)),
                ('record', models.OneToOneField(db_column='event_id', on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='+', serialize=False, to='activities.event')),
                ('start_date', models.DateField()),
                ('ends_on', models.DateField()),
            ],
            options={
                'db_table': 'activities_eventindexfacets',
                'managed': False,
            },
        ),
        PostgreSQL(FORWARD, BACKWARD),
    ]
