"""The guard against a slow database: web requests get a PostgreSQL statement timeout that
management commands do not, and a query it cancels (or a database out of reach) gives the
503 page instead of a hang or a bare 500.

Which processes get the timeout is decided at start-up, so that is checked in Django
processes started the way gunicorn, runserver and manage.py start them.
"""

import json
import os
import socket
import subprocess
import sys
from contextlib import contextmanager

import html5lib
import pytest
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection, connections

from activities.models import Event
from tests.factories import EventFactory
from tests.markup import headings, parse
from tests.test_production_settings import PROJECT, last_line, manage, production_env
from tests.test_production_settings import database_url as url_of_this_database
from website.overload import unavailable_response

SHOW_STATEMENT_TIMEOUT = (
    "from django.db import connection; cursor = connection.cursor(); "
    "cursor.execute('SHOW statement_timeout'); print(cursor.fetchone()[0])"
)


def python(script, **env):
    """A fresh Python process in the project, like gunicorn's workers: only the given environment."""
    clean_env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "DJANGO_ENV_FILE": "", **env}
    return subprocess.run(  # tests read the outcome, and show stderr when it is not the one expected
        [sys.executable, "-c", script], cwd=PROJECT, env=clean_env, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.fixture
def database_url(db):
    """The test database's address, for the Django processes a test starts."""
    return url_of_this_database()


# --- Who gets the timeout ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("configured", "expected"), [(None, "5s"), ("0.25", "250ms"), ("0", "0")], ids=["default", "configured", "disabled"]
)
def test_the_web_entry_point_gives_its_connections_the_statement_timeout(database_url, configured, expected):
    env = production_env(DATABASE_URL=database_url)
    if configured is not None:
        env["DATABASE_STATEMENT_TIMEOUT"] = configured
    result = python("import tntd.wsgi; " + SHOW_STATEMENT_TIMEOUT, **env)
    assert last_line(result) == expected, result.stderr


def test_web_statements_run_without_parallel_workers(database_url):
    """A visitor's query takes one server process, never the cores of others' (website/overload.py)."""
    script = "import tntd.wsgi; " + SHOW_STATEMENT_TIMEOUT.replace("statement_timeout", "max_parallel_workers_per_gather")
    result = python(script, **production_env(DATABASE_URL=database_url, DATABASE_STATEMENT_TIMEOUT="0"))
    assert last_line(result) == "0", result.stderr


def test_runserver_gets_it_too_even_on_a_connection_opened_before_it_loaded_the_site(database_url):
    # runserver checks migrations, then loads WSGI_APPLICATION (tntd.wsgi), as this script does.
    script = (
        SHOW_STATEMENT_TIMEOUT + "; from django.core.servers.basehttp import get_internal_wsgi_application; "
        "get_internal_wsgi_application(); " + SHOW_STATEMENT_TIMEOUT
    )
    result = manage("shell", "-v", "0", "-c", script, **production_env(DATABASE_URL=database_url))
    shown = [line for line in result.stdout.splitlines() if not line.startswith("{")]  # not the JSON log lines
    assert shown == ["0", "5s"], result.stderr


def test_management_commands_run_without_it(database_url):
    # migrate, load_seed_content and bulk generators may legitimately run for minutes.
    result = manage("shell", "-v", "0", "-c", SHOW_STATEMENT_TIMEOUT,
                    **production_env(DATABASE_URL=database_url, DATABASE_STATEMENT_TIMEOUT="1"))
    assert last_line(result) == "0", result.stderr


def test_a_negative_timeout_stops_start_up_with_a_clear_message():
    result = manage("check", **production_env(DATABASE_STATEMENT_TIMEOUT="-5"))
    assert result.returncode != 0
    assert "DATABASE_STATEMENT_TIMEOUT is in seconds: 0 (no limit) or more." in result.stderr


# --- The 503 page --------------------------------------------------------------------------

def test_the_503_page_renders_without_a_database_and_parses_cleanly():
    # No django_db mark: any query here would raise.
    response = unavailable_response()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    document = parser.parse(response.content.decode())
    assert parser.errors == []
    assert document.get("lang") == "en"
    assert [h1.text for h1 in document.iter("h1")] == ["Temporarily unavailable"]
    assert document.find(".//header[@class='site-header']") is not None
    assert document.find(".//body//a").get("href") == "#main" and document.find(".//main[@id='main']") is not None
    assert document.find(".//meta[@name='robots']").get("content") == "noindex"


@contextmanager
def table_locked_by_another_session(model):
    """Another session holds an exclusive lock on the model's table, as a long migration or
    bulk job would: every query of it waits until the lock is released."""
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    other.set_autocommit(False)
    try:
        with other.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {other.ops.quote_name(model._meta.db_table)} IN ACCESS EXCLUSIVE MODE")
        yield
    finally:
        other.rollback()
        other.close()


@contextmanager
def statement_timeout(value):
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = %s", [value])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")


def test_a_page_whose_query_outlasts_the_timeout_answers_503_and_the_next_request_works(transactional_db, client, caplog):
    # transactional_db: autocommit, as in production, so a cancelled statement aborts no
    # test-wide transaction and the connection's state afterwards is the real one.
    EventFactory(title="Border security training course")
    cache.clear()  # the page must come from the database
    with statement_timeout("200ms"):
        with table_locked_by_another_session(Event):
            response = client.get("/en/events/?q=border")
        assert response.status_code == 503
        assert "503.html" in [template.name for template in response.templates]
        assert len(headings(parse(response), "h1")) == 1  # the page, in the site's layout
        assert response["Retry-After"] == "30" and "no-store" in response["Cache-Control"]
        assert "/en/events/?q=border" in caplog.text and "statement timeout" in caplog.text
        assert [record.levelname for record in caplog.records if record.name == "website.overload"] == ["WARNING"]

        # Same connection, same limit, lock gone: the site answers again.
        again = client.get("/en/events/?q=border")
        assert again.status_code == 200 and "Border security training course" in again.text


def test_a_database_out_of_reach_answers_503_and_logs_an_error():
    # A port bound but not listening refuses connections at once, for as long as it is held.
    with socket.socket() as closed_port:
        closed_port.bind(("127.0.0.1", 0))
        url = f"postgres://nobody@127.0.0.1:{closed_port.getsockname()[1]}/tntd"
        script = (
            "from tntd.wsgi import application; from django.test import Client; "
            "response = Client().get('/en/events/'); "
            "from django.template.loader import render_to_string; "
            "print(response.status_code, response['Retry-After'], response.text == render_to_string('503.html'))"
        )
        # The test settings: static files without collectstatic, requests from the test client.
        result = python(script, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="tests.settings")
    assert last_line(result) == "503 30 True", result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert any(
        record["level"] == "ERROR" and record["logger"] == "website.overload"
        and record["message"].startswith("Database unavailable answering /en/events/")
        for record in records
    ), result.stdout
