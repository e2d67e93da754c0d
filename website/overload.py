"""Keep a slow or lost database from hanging web pages: a statement timeout, then a 503 page.

Only web processes opt in (`limit_web_statements()`, from tntd/wsgi.py), as libpq startup options
costing no query per request; management commands never do, and run unbounded.
"""

import logging

import psycopg
from django.conf import settings
from django.db import OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30

# PostgreSQL error classes that mean "cannot serve this now, try again later" rather than a
# fault in the code: 08 connection exception, 53 insufficient resources (too many
# connections, out of memory or disk), 57 operator intervention (a statement cancelled by
# the timeout, a server shutting down or starting up).
UNAVAILABLE_ERROR_CLASSES = ("08", "53", "57")


def web_limits():
    """{PostgreSQL setting: value} for the statements of web requests: the statement timeout of
    settings.DATABASE_STATEMENT_TIMEOUT (seconds; 0 leaves statements unbounded), and each
    statement in its own server process, without parallel workers: one visitor's query never
    takes the cores the other visitors need, and at this site's sizes parallel plans were
    slower anyway (docs/benchmark.md)."""
    limits = {"max_parallel_workers_per_gather": "0"}
    if seconds := settings.DATABASE_STATEMENT_TIMEOUT:
        limits["statement_timeout"] = str(max(1, round(seconds * 1000)))  # whole milliseconds
    return limits


def limit_web_statements():
    """Give every PostgreSQL connection this process opens from now on the web_limits()."""
    limits = [f"-c {name}={value}" for name, value in web_limits().items()]
    for alias in connections:
        connection = connections[alias]
        options = connection.settings_dict["OPTIONS"]
        options["options"] = " ".join([options.get("options", ""), *limits]).strip()
        # A connection opened before this call (runserver checks migrations first) would
        # keep serving without the limits: close it, the next query reconnects with them.
        connection.close()


def database_unavailable(error):
    """Is this error the database being too slow or out of reach, not a bug?"""
    cause = error.__cause__ if isinstance(error, OperationalError) else None
    if not isinstance(cause, psycopg.OperationalError):
        return False
    # No SQLSTATE: the server never answered (refused, unreachable, connection lost).
    return cause.sqlstate is None or cause.sqlstate[:2] in UNAVAILABLE_ERROR_CLASSES


def unavailable_response():
    """The 503 page: rendered without a request or the database, never cached, with a hint
    for clients and crawlers of when to come back."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Turn a view's database timeout or lost database into the 503 page.

    Both mean "try again shortly" to a visitor. A cancelled statement is logged as a warning (one
    slow page), a database out of reach as an error (an outage)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_unavailable(exception):
            return None
        if isinstance(exception.__cause__, psycopg.errors.QueryCanceled):
            logger.warning("Database statement cancelled answering %s: %s", request.get_full_path(), exception)
        else:
            logger.error("Database unavailable answering %s: %s", request.get_full_path(), exception)
        return unavailable_response()
