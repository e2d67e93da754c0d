"""System check: the database refuses a change of status that does not come through the
workflow, on the table of every publishable model (editorial migration 0003's trigger)."""

from django.core import checks

from editorial.registry import publishable_models
from publishing.checks import migrated_connections


def guarded_tables(cursor):
    cursor.execute(
        "SELECT tgrelid::regclass::text FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid"
        " WHERE p.proname = 'editorial_publishing_guard' AND NOT t.tgisinternal"
    )
    return {table for (table,) in cursor.fetchall()}


@checks.register(checks.Tags.database)
def publishable_tables_are_guarded(app_configs, databases=None, **kwargs):
    """Skipped while migrations are pending: `migrate` runs checks first."""
    errors = []
    for connection in migrated_connections(databases):
        with connection.cursor() as cursor:
            guarded = guarded_tables(cursor)
        for model in publishable_models():
            if model._meta.db_table not in guarded:
                errors.append(checks.Error(
                    f"{model._meta.label}'s table has no publishing guard: a status could change outside the workflow.",
                    hint="A migration of its app adds the trigger editorial_publishing_guard to it (editorial 0003).",
                    obj=model, id="editorial.E001",
                ))
    return errors
