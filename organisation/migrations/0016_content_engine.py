"""Derived data kept by the database (issue 19): the search indexes written once per record and
transaction, their key counts kept by +1/-1, and the content version that page caches are
keyed on, all bumped by triggers in the same transaction as the change, whatever wrote it
(the admin, `bulk_create`, `loaddata`, a SQL import, a second application).

- A statement that changes public content queues the records it touched
  (`search_index_queue`) and marks its transaction (`content_changes`, one row). Both are
  temporary tables of the session, made by its first change (`content_changes_ready()`) and
  emptied at each commit, so no other session ever waits on them, and their rows leave no
  dead rows behind for VACUUM (a bulk import queues hundreds of thousands).
- The mark's deferred constraint trigger, `content_commit`, runs once, as the transaction
  commits: it rewrites each queued record's index rows once (`<index>_refresh`, installed
  by each index's own migration), which adds the difference of their keys to
  `search_index_key_counts`, and it bumps `content_version`, with the time of the next
  scheduled publication or withdrawal, after which the first reader bumps it again
  (`content_version_now(time)`).
- The counts are kept in eight shards per key (by server process), so that editors saving at
  once add to different rows rather than wait for each other.

The tables of organisation content (themes, countries, units, budgets...) are marked too:
their pages are cached under the same version.

The SQL is the text the migration runs, frozen: it names no project module.
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


ENGINE = """

CREATE TABLE content_version (
    id integer PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL,
    changed_at timestamptz NOT NULL,
    next_change_at timestamptz
);
INSERT INTO content_version VALUES (1, 1, now(), NULL);

-- The indexes installed (each index's migration adds its row), for the functions below.
CREATE TABLE search_indexes (
    name text PRIMARY KEY,
    records regclass NOT NULL,
    entries regclass NOT NULL,
    facet_rows regclass NOT NULL,
    key text NOT NULL
);

-- Published index rows per key, summed over the shards.
CREATE TABLE search_index_key_counts (
    index_name text NOT NULL,
    key text NOT NULL,
    shard smallint NOT NULL,
    n bigint NOT NULL,
    PRIMARY KEY (index_name, key, shard)
);

CREATE FUNCTION search_index_count(counted_index text, removed jsonb, added jsonb) RETURNS void LANGUAGE sql AS $$
    INSERT INTO search_index_key_counts AS c (index_name, key, shard, n)
    SELECT counted_index, d.key, pg_backend_pid() % 8, sum(d.n) FROM (
        SELECT key, -value::bigint AS n FROM jsonb_each_text(removed)
        UNION ALL
        SELECT key, value::bigint FROM jsonb_each_text(added)
    ) AS d
    GROUP BY d.key HAVING sum(d.n) <> 0
    ORDER BY d.key  -- every transaction locks the rows in one order: no deadlock
    ON CONFLICT (index_name, key, shard) DO UPDATE SET n = c.n + excluded.n;
$$;

-- What this session's transaction has changed, until it commits (see the migration's docstring).
CREATE FUNCTION content_changes_ready() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF to_regclass('pg_temp.content_changes') IS NULL THEN
        CREATE TEMPORARY TABLE search_index_queue (index_name text NOT NULL, record_id bigint NOT NULL)
            ON COMMIT DELETE ROWS;
        CREATE TEMPORARY TABLE content_changes (changed boolean PRIMARY KEY) ON COMMIT DELETE ROWS;
        CREATE CONSTRAINT TRIGGER content_commit AFTER INSERT ON pg_temp.content_changes
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION content_commit();
    END IF;
END $$;

CREATE FUNCTION content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM content_changes_ready();
    INSERT INTO pg_temp.content_changes VALUES (true) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

-- For a statement on records or link tables: TG_ARGV[0] the index, TG_ARGV[1] the changed
-- rows' column of the record's id.
CREATE FUNCTION search_index_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    queued bigint := 0;
    more bigint;
BEGIN
    PERFORM content_changes_ready();
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        EXECUTE format('INSERT INTO pg_temp.search_index_queue SELECT %L, %I FROM old_rows', TG_ARGV[0], TG_ARGV[1]);
        GET DIAGNOSTICS queued = ROW_COUNT;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        EXECUTE format('INSERT INTO pg_temp.search_index_queue SELECT %L, %I FROM new_rows', TG_ARGV[0], TG_ARGV[1]);
        GET DIAGNOSTICS more = ROW_COUNT;
        queued := queued + more;
    END IF;
    IF queued > 0 THEN
        INSERT INTO pg_temp.content_changes VALUES (true) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

-- A TRUNCATE of records or links: every record of the index, and every row it has, again.
CREATE FUNCTION search_index_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    spec search_indexes;
BEGIN
    SELECT * INTO STRICT spec FROM search_indexes WHERE name = TG_ARGV[0];
    PERFORM content_changes_ready();
    EXECUTE format('INSERT INTO pg_temp.search_index_queue SELECT %L, %I FROM %s UNION SELECT %L, id FROM %s',
                   spec.name, spec.key, spec.entries, spec.name, spec.records);
    INSERT INTO pg_temp.content_changes VALUES (true) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE FUNCTION search_index_rebuild(rebuilt text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    spec search_indexes;
BEGIN
    SELECT * INTO STRICT spec FROM search_indexes WHERE name = rebuilt;
    EXECUTE format('DELETE FROM %s', spec.entries);
    EXECUTE format('DELETE FROM %s', spec.facet_rows);
    DELETE FROM search_index_key_counts WHERE index_name = spec.name;
    EXECUTE format('SELECT %I(ARRAY(SELECT id FROM %s))', spec.name || '_refresh', spec.records);
    PERFORM content_changes_ready();
    INSERT INTO pg_temp.content_changes VALUES (true) ON CONFLICT DO NOTHING;
END $$;

-- When public content next changes by itself after `moment`: a publication or withdrawal scheduled.
CREATE FUNCTION content_next_change(moment timestamptz) RETURNS timestamptz LANGUAGE plpgsql STABLE AS $$
DECLARE
    spec search_indexes;
    soonest timestamptz;
    candidate timestamptz;
BEGIN
    FOR spec IN SELECT * FROM search_indexes LOOP
        EXECUTE format('SELECT LEAST('
                       '(SELECT min(publish_at) FROM %1$s WHERE status = %2$L AND publish_at > $1), '
                       '(SELECT min(unpublish_at) FROM %1$s WHERE status = %2$L AND unpublish_at > $1))',
                       spec.facet_rows, 'published') INTO candidate USING moment;
        soonest := LEAST(soonest, candidate);
    END LOOP;
    RETURN soonest;
END $$;

CREATE FUNCTION content_commit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    queued record;
BEGIN
    FOR queued IN
        WITH taken AS (DELETE FROM pg_temp.search_index_queue RETURNING index_name, record_id)
        SELECT index_name, array_agg(DISTINCT record_id) AS ids FROM taken GROUP BY index_name ORDER BY index_name
    LOOP
        EXECUTE format('SELECT %I($1)', queued.index_name || '_refresh') USING queued.ids;
    END LOOP;
    DELETE FROM pg_temp.content_changes;  -- a later statement of the transaction marks it again
    UPDATE content_version SET version = version + 1, changed_at = clock_timestamp(), next_change_at = content_next_change(now());
    RETURN NULL;
END $$;

-- The version pages are cached under at `moment` (the site's clock), bumped first if a scheduled
-- change has come.
CREATE FUNCTION content_version_now(moment timestamptz) RETURNS content_version LANGUAGE plpgsql AS $$
DECLARE
    current content_version;
BEGIN
    SELECT * INTO current FROM content_version;
    IF current.next_change_at <= moment THEN
        UPDATE content_version SET version = version + 1, changed_at = clock_timestamp(), next_change_at = content_next_change(moment)
            WHERE next_change_at <= moment RETURNING * INTO current;
        IF NOT FOUND THEN  -- another process bumped it meanwhile
            SELECT * INTO current FROM content_version;
        END IF;
    END IF;
    RETURN current;
END $$;
"""

ENGINE_BACKWARD = """
DROP FUNCTION content_version_now(timestamptz);
DROP TABLE IF EXISTS pg_temp.content_changes, pg_temp.search_index_queue;
DROP FUNCTION content_commit(), content_next_change(timestamptz), search_index_rebuild(text), search_index_truncated(),
    search_index_rows_changed(), content_changed(), content_changes_ready(), search_index_count(text, jsonb, jsonb);
DROP TABLE search_index_key_counts, search_indexes, content_version;
"""

# The organisation's tables, whose changes only make cached pages stale.
MARKS = """
CREATE TRIGGER content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tntd_theme
    FOR EACH STATEMENT EXECUTE FUNCTION content_changed();
CREATE TRIGGER content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tntd_country
    FOR EACH STATEMENT EXECUTE FUNCTION content_changed();
CREATE TRIGGER content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tntd_region
    FOR EACH STATEMENT EXECUTE FUNCTION content_changed();
CREATE TRIGGER content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tntd_region_countries
    FOR EACH STATEMENT EXECUTE FUNCTION content_changed();
CREATE TRIGGER content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tntd_department
    FOR EACH STATEMENT EXECUTE FUNCTION content_changed();
CREATE TRIGGER content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tntd_departmentlink
    FOR EACH STATEMENT EXECUTE FUNCTION content_changed();
CREATE TRIGGER content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tntd_unit
    FOR EACH STATEMENT EXECUTE FUNCTION content_changed();
CREATE TRIGGER content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tntd_unit_themes
    FOR EACH STATEMENT EXECUTE FUNCTION content_changed();
CREATE TRIGGER content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tntd_oscestructure
    FOR EACH STATEMENT EXECUTE FUNCTION content_changed();
CREATE TRIGGER content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tntd_partnerorganisation
    FOR EACH STATEMENT EXECUTE FUNCTION content_changed();
CREATE TRIGGER content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tntd_budget
    FOR EACH STATEMENT EXECUTE FUNCTION content_changed();
"""

MARKS_BACKWARD = """
DROP TRIGGER content_changed ON tntd_theme;
DROP TRIGGER content_changed ON tntd_country;
DROP TRIGGER content_changed ON tntd_region;
DROP TRIGGER content_changed ON tntd_region_countries;
DROP TRIGGER content_changed ON tntd_department;
DROP TRIGGER content_changed ON tntd_departmentlink;
DROP TRIGGER content_changed ON tntd_unit;
DROP TRIGGER content_changed ON tntd_unit_themes;
DROP TRIGGER content_changed ON tntd_oscestructure;
DROP TRIGGER content_changed ON tntd_partnerorganisation;
DROP TRIGGER content_changed ON tntd_budget;
"""


class Migration(migrations.Migration):

    dependencies = [
        ('tntd', '0015_staff_profiles'),
    ]

    operations = [
        PostgreSQL(ENGINE, ENGINE_BACKWARD),
        PostgreSQL(MARKS, MARKS_BACKWARD),
    ]
