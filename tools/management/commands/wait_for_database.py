"""Wait until the database answers, for a bounded time, then fail with a clear message.

The container's entrypoint runs this before migrating: in a compose stack or a cluster
the database may start after the web container.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection


class Command(BaseCommand):
    help = "Wait for the default database to accept connections."

    def add_arguments(self, parser):
        parser.add_argument("--attempts", type=int, default=30, help="How many tries (default 30).")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds between tries (default 2).")

    def handle(self, *args, attempts, interval, **options):
        if attempts < 1:
            raise CommandError("--attempts must be at least 1.")
        for attempt in range(1, attempts + 1):
            try:
                connection.ensure_connection()
            except DatabaseError as error:
                last_error = error
                self.stderr.write(f"Database not ready (attempt {attempt}/{attempts}): {error}".strip())
                connection.close()
                if attempt < attempts:
                    time.sleep(interval)
            else:
                self.stdout.write("Database is ready.")
                return
        raise CommandError(
            f"The database did not answer after {attempts} attempts ({attempts * interval:.0f} s). "
            f"Check DATABASE_URL and that the server is running. Last error: {last_error}"
        )
