"""A GIN index for the events finder's full-text search, on PostgreSQL only.

The expression is exactly what `search.query.search_vector` produces for the fields in
`Event.search_fields`, so the planner can use it. SQLite searches with
LIKE and gets no index.
"""

from django.db import migrations

INDEX = "event_search_vector"
EXPRESSION = (
    "to_tsvector('english'::regconfig, COALESCE(title, '') || ' ' || COALESCE(summary, '') || ' ' "
    "|| COALESCE(body, '') || ' ' || COALESCE(venue_city, ''))"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON activities_event USING gin ({EXPRESSION})")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
