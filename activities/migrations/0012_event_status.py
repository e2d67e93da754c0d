"""Whether an event takes place as announced (Event.event_status), the original dates of a
rescheduled one, and the SEQUENCE that subscribed calendars follow.

The SQL is the text the migration runs, frozen: it names no project module, so that a later
change to search/index.py never changes what this migration does.
"""

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
SELECT event_index_refresh_keys(ARRAY(SELECT id FROM activities_event));
"""

BACKWARD = """
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
SELECT event_index_refresh_keys(ARRAY(SELECT id FROM activities_event));
"""


class Migration(migrations.Migration):

    dependencies = [
        ('activities', '0011_index_region_keys'),
    ]

    operations = [
        migrations.AddField(
            model_name='event',
            name='calendar_sequence',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='event',
            name='event_status',
            field=models.CharField(choices=[('scheduled', 'Scheduled'), ('postponed', 'Postponed'), ('rescheduled', 'Rescheduled'), ('cancelled', 'Cancelled'), ('moved_online', 'Moved online')], default='scheduled', help_text='Postponed: new dates not known yet. Rescheduled: enter the new dates above and the original ones below. Visitors see a banner; subscribed calendars update.', max_length=20, verbose_name='takes place?'),
        ),
        migrations.AddField(
            model_name='event',
            name='original_end_date',
            field=models.DateField(blank=True, null=True, verbose_name='originally until'),
        ),
        migrations.AddField(
            model_name='event',
            name='original_start_date',
            field=models.DateField(blank=True, help_text='Only for a rescheduled event: its first planned dates.', null=True, verbose_name='originally from'),
        ),
        PostgreSQL(FORWARD, BACKWARD),
    ]
