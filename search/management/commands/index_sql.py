"""Print the SQL that installs a search index's functions and triggers as its spec makes them
now (search/sql.py), for a new migration to hold as literal text."""

from django.core.management.base import BaseCommand, CommandError

from search import sql as index_sql
from search.index import index_models


class Command(BaseCommand):
    help = "Print the SQL of a search index's functions and triggers as its spec makes them, for a migration."

    def add_arguments(self, parser):
        parser.add_argument("index", help="The index's name: " + ", ".join(m.spec.name for m in index_models()))
        parser.add_argument("--functions", action="store_true", help="Only the functions (CREATE OR REPLACE).")

    def handle(self, *args, index, functions, **options):
        specs = {model.spec.name: model.spec for model in index_models()}
        if index not in specs:
            raise CommandError(f"No index “{index}”; there are {', '.join(specs)}.")
        spec = specs[index]
        self.stdout.write("\n".join(index_sql.functions(spec).values()) if functions else index_sql.install(spec))
