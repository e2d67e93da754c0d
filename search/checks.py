"""System checks: each search index's spec agrees with its models and with the functions the
database runs."""

from django.core import checks

from publishing.checks import migrated_connections
from search import sql as index_sql
from search.index import index_models


@checks.register()
def search_indexes_match_their_specs(app_configs, **kwargs):
    """The index models and their records say what the spec says."""
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
    return errors


def installed_functions(cursor, names):
    cursor.execute("SELECT proname, prosrc FROM pg_proc WHERE proname = ANY(%s)", [list(names)])
    return dict(cursor.fetchall())


@checks.register(checks.Tags.database)
def database_runs_what_the_specs_make(app_configs, databases=None, **kwargs):
    """The functions installed are the ones the specs make now. Skipped while migrations are
    pending: `migrate` runs checks first."""
    errors = []
    for connection in migrated_connections(databases):
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
    return errors
