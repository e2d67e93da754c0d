"""What every app's database checks share: they look only at databases whose migrations are
all applied (`migrate` runs the checks before it applies anything)."""

from django.db import connections
from django.db.migrations.executor import MigrationExecutor


def migrated_connections(databases):
    """The connections of `databases` (aliases) that have no migration left to apply."""
    for alias in databases or ():
        executor = MigrationExecutor(connections[alias])
        if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
            yield connections[alias]
