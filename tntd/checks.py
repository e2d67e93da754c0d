"""System checks that keep what is declared once in agreement with what uses it: each search
index's spec with its models, its finder and the functions installed in the database, and
the list of public content with the database's triggers that watch it."""

from django.core import checks
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.urls import get_resolver

from tntd import index_sql
from tntd.caching import PUBLIC_CONTENT
from tntd.finder import FinderFilterSet
from tntd.search_index import index_models


def finders():
    """Every finder FilterSet (the URLconf imports them all)."""
    get_resolver().url_patterns  # noqa: B018 (imports the views, and with them the finders)
    found, classes = [], [FinderFilterSet]
    while classes:
        subclasses = classes.pop().__subclasses__()
        found += subclasses
        classes += subclasses
    return [finder for finder in found if finder.index_model is not None]


@checks.register()
def search_indexes_match_their_specs(app_configs, **kwargs):
    """The index models, their records and their finders say what the spec says."""
    errors = []
    for model in index_models():
        spec, records = model.spec, model.spec.records
        label = f"{records._meta.label} ({spec.name})"
        tables = (model._meta.db_table, model.facets_model._meta.db_table, model._meta.get_field("record").column)
        if tables != (spec.table, spec.facets_table, spec.key):
            errors.append(checks.Error(f"{model._meta.label}'s tables or key column are not its spec's.", obj=model, id="tntd.E101"))
        missing = [name for name in spec.columns if name not in {f.name for f in model._meta.concrete_fields}]
        missing += [name for name in records.search_fields if name not in {f.name for f in records._meta.concrete_fields}]
        missing += [name for name in spec.links if name not in {f.name for f in records._meta.many_to_many}]
        if missing:
            errors.append(checks.Error(f"{label}: no field {', '.join(missing)} for its spec.", obj=model, id="tntd.E102"))
    for finder in finders():
        spec = finder.index_model.spec
        for parameter, key_field in spec.facets.items():
            filter_ = finder.base_filters.get(parameter)
            if filter_ is None or filter_.field_name != key_field:
                errors.append(checks.Error(
                    f"{finder.__name__}'s facet “{parameter}” should filter the keys “{key_field}” of {spec.name}.",
                    hint="Its filter's field_name is the key field the index counts.", obj=finder, id="tntd.E103",
                ))
    return errors


def migrated(connection):
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def installed_functions(cursor, names):
    cursor.execute("SELECT proname, prosrc FROM pg_proc WHERE proname = ANY(%s)", [list(names)])
    return dict(cursor.fetchall())


def watched_tables(cursor):
    """The tables whose statements mark their transaction as changing public content."""
    cursor.execute(
        "SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid"
        " WHERE p.proname IN ('content_changed', 'search_index_rows_changed') AND NOT t.tgisinternal"
    )
    return {table for (table,) in cursor.fetchall()}


def public_tables():
    from django.apps import apps

    for label in PUBLIC_CONTENT:
        model = apps.get_model(label)
        yield model._meta.db_table
        for field in model._meta.local_many_to_many:
            yield field.remote_field.through._meta.db_table


@checks.register(checks.Tags.database)
def database_keeps_what_the_specs_say(app_configs, databases=None, **kwargs):
    """The functions installed are the ones the specs make now, and every table of public
    content is watched. Skipped while migrations are pending: `migrate` runs checks first."""
    errors = []
    for alias in databases or ():
        connection = connections[alias]
        if not migrated(connection):
            continue
        with connection.cursor() as cursor:
            for model in index_models():
                made = index_sql.functions(model.spec)
                installed = installed_functions(cursor, made)
                for name, statement in made.items():
                    if installed.get(name) != statement.split("$$")[1]:
                        errors.append(checks.Error(
                            f"The database's {name}() is not what the spec of {model.spec.name} makes now.",
                            hint=f"A migration installs it: `manage.py index_sql {model.spec.name}` prints the SQL to put in one.",
                            obj=model, id="tntd.E104",
                        ))
            unwatched = sorted(set(public_tables()) - watched_tables(cursor))
            if unwatched:
                errors.append(checks.Error(
                    f"No trigger marks changes of public content in {', '.join(unwatched)}: cached pages would not see them.",
                    hint="A migration adds the trigger content_changed to each (tntd 0016).", id="tntd.E105",
                ))
    return errors
