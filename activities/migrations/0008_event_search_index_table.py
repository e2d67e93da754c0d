"""The events finder's search index (activities.EventIndexEntry, search/index.py), on
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
CREATE TABLE activities_eventindexentry (
    event_id bigint PRIMARY KEY,
    status varchar(10) NOT NULL,
    publish_at timestamptz,
    unpublish_at timestamptz,
    title varchar(300) NOT NULL,
    start_date date NOT NULL, ends_on date NOT NULL, 
    facets text[] NOT NULL,
    document tsvector NOT NULL
);
-- What a finder reads: published rows only; the publishing window included, so that a page
-- of ids (page 2,000 too) is read from the index alone.
CREATE INDEX event_index_by_date ON activities_eventindexentry (start_date DESC, title, event_id) INCLUDE (publish_at, unpublish_at) WHERE status = 'published'; CREATE INDEX event_index_by_title ON activities_eventindexentry (title, start_date, event_id) INCLUDE (publish_at, unpublish_at) WHERE status = 'published'; 
CREATE INDEX event_index_facets ON activities_eventindexentry USING gin (facets) WHERE status = 'published';
CREATE INDEX event_index_document ON activities_eventindexentry USING gin (document) WHERE status = 'published';


CREATE FUNCTION event_index_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM activities_eventindexentry WHERE event_id = ANY(ids);
    INSERT INTO activities_eventindexentry SELECT r.id, r.status, r.publish_at, r.unpublish_at, r.title, r.start_date, r.ends_on, ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'event_type:' || r.event_type] || ARRAY(SELECT 'countries:' || r.venue_country_id WHERE r.venue_country_id IS NOT NULL) || ARRAY(SELECT 'countries:' || l.country_id FROM activities_event_countries l WHERE l.event_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM activities_event_themes l WHERE l.event_id = r.id) || ARRAY(SELECT 'units:' || l.unit_id FROM activities_event_units l WHERE l.event_id = r.id) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM activities_event_structures l WHERE l.event_id = r.id) || ARRAY(SELECT 'partners:' || l.partnerorganisation_id FROM activities_event_partners l WHERE l.event_id = r.id)) AS k), to_tsvector('english'::regconfig, COALESCE(r.title, '') || ' ' || COALESCE(r.summary, '') || ' ' || COALESCE(r.body, '') || ' ' || COALESCE(r.venue_city, ''))
    FROM activities_event r WHERE r.id = ANY(ids);
$$;

CREATE FUNCTION event_index_refresh_keys(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    UPDATE activities_eventindexentry AS x SET facets = ARRAY(SELECT DISTINCT k FROM unnest(ARRAY['*', 'event_type:' || r.event_type] || ARRAY(SELECT 'countries:' || r.venue_country_id WHERE r.venue_country_id IS NOT NULL) || ARRAY(SELECT 'countries:' || l.country_id FROM activities_event_countries l WHERE l.event_id = r.id) || ARRAY(SELECT 'themes:' || l.theme_id FROM activities_event_themes l WHERE l.event_id = r.id) || ARRAY(SELECT 'units:' || l.unit_id FROM activities_event_units l WHERE l.event_id = r.id) || ARRAY(SELECT 'structures:' || l.oscestructure_id FROM activities_event_structures l WHERE l.event_id = r.id) || ARRAY(SELECT 'partners:' || l.partnerorganisation_id FROM activities_event_partners l WHERE l.event_id = r.id)) AS k) FROM activities_event r WHERE r.id = x.event_id AND x.event_id = ANY(ids);
$$;

CREATE FUNCTION event_index_records_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE TRIGGER event_index_insert AFTER INSERT ON activities_event
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_records_changed();
CREATE TRIGGER event_index_update AFTER UPDATE ON activities_event
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_records_changed();
CREATE TRIGGER event_index_delete AFTER DELETE ON activities_event
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_records_changed();
CREATE TRIGGER event_index_truncate AFTER TRUNCATE ON activities_event
    FOR EACH STATEMENT EXECUTE FUNCTION event_index_records_changed();

CREATE FUNCTION event_index_activities_event_countries_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER event_index_insert AFTER INSERT ON activities_event_countries
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_countries_changed();
CREATE TRIGGER event_index_update AFTER UPDATE ON activities_event_countries
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_countries_changed();
CREATE TRIGGER event_index_delete AFTER DELETE ON activities_event_countries
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_countries_changed();

CREATE FUNCTION event_index_activities_event_themes_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER event_index_insert AFTER INSERT ON activities_event_themes
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_themes_changed();
CREATE TRIGGER event_index_update AFTER UPDATE ON activities_event_themes
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_themes_changed();
CREATE TRIGGER event_index_delete AFTER DELETE ON activities_event_themes
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_themes_changed();

CREATE FUNCTION event_index_activities_event_units_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER event_index_insert AFTER INSERT ON activities_event_units
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_units_changed();
CREATE TRIGGER event_index_update AFTER UPDATE ON activities_event_units
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_units_changed();
CREATE TRIGGER event_index_delete AFTER DELETE ON activities_event_units
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_units_changed();

CREATE FUNCTION event_index_activities_event_structures_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER event_index_insert AFTER INSERT ON activities_event_structures
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_structures_changed();
CREATE TRIGGER event_index_update AFTER UPDATE ON activities_event_structures
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_structures_changed();
CREATE TRIGGER event_index_delete AFTER DELETE ON activities_event_structures
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_structures_changed();

CREATE FUNCTION event_index_activities_event_partners_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER event_index_insert AFTER INSERT ON activities_event_partners
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_partners_changed();
CREATE TRIGGER event_index_update AFTER UPDATE ON activities_event_partners
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_partners_changed();
CREATE TRIGGER event_index_delete AFTER DELETE ON activities_event_partners
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_index_activities_event_partners_changed();
SELECT event_index_refresh(ARRAY(SELECT id FROM activities_event));
"""

BACKWARD = """
DROP FUNCTION event_index_activities_event_countries_changed() CASCADE;
DROP FUNCTION event_index_activities_event_themes_changed() CASCADE;
DROP FUNCTION event_index_activities_event_units_changed() CASCADE;
DROP FUNCTION event_index_activities_event_structures_changed() CASCADE;
DROP FUNCTION event_index_activities_event_partners_changed() CASCADE;
DROP FUNCTION event_index_records_changed() CASCADE;
DROP FUNCTION event_index_refresh(bigint[]), event_index_refresh_keys(bigint[]);
DROP TABLE activities_eventindexentry;
"""


class Migration(migrations.Migration):
    dependencies = [("activities", "0007_publishing_window")]

    operations = [
        migrations.CreateModel(
            name="EventIndexEntry",
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
                        db_column="event_id",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="activities.event",
                    ),
                ),
                ("start_date", models.DateField()),
                ("ends_on", models.DateField()),
            ],
            options={"db_table": "activities_eventindexentry", "managed": False},
        ),
        PostgreSQL(FORWARD, BACKWARD),
    ]
