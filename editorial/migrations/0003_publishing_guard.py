"""The database's side of "only the workflow changes a status": on PostgreSQL, a write that
publishes, unpublishes, moves a status or reschedules a published record is refused unless the
transaction says the editorial workflow is taking the step (editorial/workflow.py sets
`editorial.step` for the statements of a step, and an operator's import for its own). The
admin, bulk actions, fixtures, bulk_create and raw SQL all pass here."""

from django.db import migrations

TABLES = ("activities_event", "news_newsitem")

GUARD = """
CREATE OR REPLACE FUNCTION editorial_publishing_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('editorial.step', true), '') <> '' THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.status <> 'draft' THEN
            RAISE EXCEPTION 'A new % is a draft: only the editorial workflow publishes or submits it', TG_TABLE_NAME
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    ELSIF NEW.status IS DISTINCT FROM OLD.status
       OR (NEW.status = 'published' AND (NEW.publish_at IS DISTINCT FROM OLD.publish_at
                                         OR NEW.unpublish_at IS DISTINCT FROM OLD.unpublish_at)) THEN
        RAISE EXCEPTION 'Only the editorial workflow changes the status or publishing dates of % %', TG_TABLE_NAME, OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
""" + "".join(
    f"""
CREATE TRIGGER {table}_publishing_guard BEFORE INSERT OR UPDATE OF status, publish_at, unpublish_at ON {table}
    FOR EACH ROW EXECUTE FUNCTION editorial_publishing_guard();
"""
    for table in TABLES
)

UNGUARD = "".join(f"DROP TRIGGER IF EXISTS {table}_publishing_guard ON {table};\n" for table in TABLES) + (
    "DROP FUNCTION IF EXISTS editorial_publishing_guard();\n"
)


class RunSQLOnPostgreSQL(migrations.RunSQL):
    """RunSQL that runs on PostgreSQL only: elsewhere (SQLite) the guard does not exist."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):

    dependencies = [
        ("editorial", "0002_changes_from_tntd"),
        ("activities", "0017_versions_and_unpublished"),
        ("news", "0017_versions_and_unpublished"),
    ]

    operations = [RunSQLOnPostgreSQL(GUARD, UNGUARD)]
