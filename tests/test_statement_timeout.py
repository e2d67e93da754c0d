"""The guard against a slow database: web requests get a PostgreSQL statement timeout that
management commands do not.

Which processes get the timeout is decided at start-up, so that is checked in Django
processes started the way gunicorn, runserver and manage.py start them.
"""

import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.db import connection

from tests.test_production_settings import PROJECT, last_line, manage, production_env

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="statement_timeout is a PostgreSQL setting; SQLite has no equivalent"
)
SHOW_STATEMENT_TIMEOUT = (
    "from django.db import connection; cursor = connection.cursor(); "
    "cursor.execute('SHOW statement_timeout'); print(cursor.fetchone()[0])"
)


def python(script, **env):
    """A fresh Python process in the project, like gunicorn's workers: only the given environment."""
    clean_env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **env}
    return subprocess.run([sys.executable, "-c", script], cwd=PROJECT, env=clean_env, capture_output=True, text=True, timeout=60)


@pytest.fixture
def database_url(db):
    """The test database's address, for the Django processes a test starts."""
    params = connection.settings_dict
    credentials = quote(params["USER"]) + (f":{quote(params['PASSWORD'])}" if params["PASSWORD"] else "")
    return f"postgres://{credentials}@{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}/{params['NAME']}"


# --- Who gets the timeout ------------------------------------------------------------------

@postgresql_only
@pytest.mark.parametrize(
    ("configured", "expected"), [(None, "5s"), ("0.25", "250ms"), ("0", "0")], ids=["default", "configured", "disabled"]
)
def test_the_web_entry_point_gives_its_connections_the_statement_timeout(database_url, configured, expected):
    env = production_env(DATABASE_URL=database_url)
    if configured is not None:
        env["DATABASE_STATEMENT_TIMEOUT"] = configured
    result = python("import tntd.wsgi; " + SHOW_STATEMENT_TIMEOUT, **env)
    assert last_line(result) == expected, result.stderr


@postgresql_only
def test_runserver_gets_it_too_even_on_a_connection_opened_before_it_loaded_the_site(database_url):
    # runserver checks migrations, then loads WSGI_APPLICATION (tntd.wsgi), as this script does.
    script = (
        SHOW_STATEMENT_TIMEOUT + "; from django.core.servers.basehttp import get_internal_wsgi_application; "
        "get_internal_wsgi_application(); " + SHOW_STATEMENT_TIMEOUT
    )
    result = manage("shell", "-v", "0", "-c", script, **production_env(DATABASE_URL=database_url))
    assert result.stdout.split() == ["0", "5s"], result.stderr


@postgresql_only
def test_management_commands_run_without_it(database_url):
    # migrate, load_seed_content and bulk generators may legitimately run for minutes.
    result = manage("shell", "-v", "0", "-c", SHOW_STATEMENT_TIMEOUT,
                    **production_env(DATABASE_URL=database_url, DATABASE_STATEMENT_TIMEOUT="1"))
    assert last_line(result) == "0", result.stderr


def test_a_negative_timeout_stops_start_up_with_a_clear_message():
    result = manage("check", **production_env(DATABASE_STATEMENT_TIMEOUT="-5"))
    assert result.returncode != 0
    assert "DATABASE_STATEMENT_TIMEOUT is in seconds: 0 (no limit) or more." in result.stderr
