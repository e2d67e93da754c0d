"""System check: the database's triggers watch every table of public content, so that the
content version cached pages are kept under moves with each change."""

from django.apps import apps
from django.core import checks

from publishing.checks import migrated_connections
from website.caching import PUBLIC_CONTENT


def watched_tables(cursor):
    """The tables whose statements mark their transaction as changing public content."""
    cursor.execute(
        "SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid"
        " WHERE p.proname IN ('content_changed', 'search_index_rows_changed') AND NOT t.tgisinternal"
    )
    return {table for (table,) in cursor.fetchall()}


def public_tables():
    for label in PUBLIC_CONTENT:
        model = apps.get_model(label)
        yield model._meta.db_table
        for field in model._meta.local_many_to_many:
            yield field.remote_field.through._meta.db_table


@checks.register(checks.Tags.database)
def public_content_is_watched(app_configs, databases=None, **kwargs):
    """Skipped while migrations are pending: `migrate` runs checks first."""
    errors = []
    for connection in migrated_connections(databases):
        with connection.cursor() as cursor:
            unwatched = sorted(set(public_tables()) - watched_tables(cursor))
        if unwatched:
            errors.append(checks.Error(
                f"No trigger marks changes of public content in {', '.join(unwatched)}: cached pages would not see them.",
                hint="A migration adds the trigger content_changed to each (tntd 0016).", id="tntd.E105",
            ))
    return errors
