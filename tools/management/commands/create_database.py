"""Create the PostgreSQL database that DATABASE_URL names, if it does not exist yet, so that
`make bench` and `make bench-smoke` need nothing but a running server. It connects to the server's
maintenance database (`postgres`) with DATABASE_URL's user, password, host and port."""

import psycopg
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from psycopg import sql

MAINTENANCE_DATABASE = "postgres"
# OPTIONS that Django reads itself; the rest (connect_timeout, sslmode...) are libpq's.
DJANGO_OPTIONS = {"isolation_level", "assume_role", "server_side_binding", "pool"}


class Command(BaseCommand):
    help = "Create the PostgreSQL database DATABASE_URL names if it is missing."

    def handle(self, *args, **options):
        name = connection.settings_dict["NAME"]
        try:
            with psycopg.connect(**self.server_parameters(), autocommit=True) as server:
                if server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                    self.stdout.write(f"Database {name} exists.")
                    return
                server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.Error as error:
            raise CommandError(f"Could not create database {name}: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Database {name} created."))

    def server_parameters(self):
        """DATABASE_URL's connection settings, for the maintenance database instead of its own."""
        settings_dict = connection.settings_dict
        parameters = {
            "dbname": MAINTENANCE_DATABASE,
            "user": settings_dict["USER"],
            "password": settings_dict["PASSWORD"],
            "host": settings_dict["HOST"],
            "port": settings_dict["PORT"],
            **{key: value for key, value in settings_dict["OPTIONS"].items() if key not in DJANGO_OPTIONS},
        }
        return {key: value for key, value in parameters.items() if value not in (None, "")}
