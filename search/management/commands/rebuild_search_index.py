"""Rebuild the search indexes and their key counts from the records, or report drift with --check.

The database keeps them as content changes: this is for verifying, and for repairing after
something went around its triggers. A rebuild is one transaction. See docs/search-index.md.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from search.index import index_models


class Command(BaseCommand):
    help = "Rebuild the search indexes and their counts from the records; --check reports drift without writing."

    def add_arguments(self, parser):
        names = ", ".join(model.spec.name for model in index_models())
        parser.add_argument("indexes", nargs="*", help=f"Which: {names} (default: all).")
        parser.add_argument("--check", action="store_true", help="Report rows and counts that differ; exit 1 if any.")

    def handle(self, *args, indexes, check, **options):
        specs = {model.spec.name: model.spec for model in index_models()}
        unknown = sorted(set(indexes) - set(specs))
        if unknown:
            raise CommandError(f"No index {', '.join(unknown)}; there are {', '.join(specs)}.")
        drift = 0
        for name in indexes or specs:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = 0")  # a request's limit is not an operator's
                if check:
                    cursor.execute(f"SELECT problem, found FROM {connection.ops.quote_name(name + '_check')}()")
                    problems = [(problem, found) for problem, found in cursor.fetchall() if found]
                    drift += len(problems)
                    for problem, found in problems:
                        self.stdout.write(f"{name}: {problem}: {found:,}")
                    if not problems:
                        self.stdout.write(f"{name}: rows and counts as the records make them.")
                else:
                    cursor.execute("SELECT search_index_rebuild(%s)", [name])
                    self.stdout.write(f"{name}: rebuilt.")
        if drift:
            raise CommandError("The search indexes differ from what the records make: run rebuild_search_index.")
