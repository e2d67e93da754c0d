"""When the database is too slow: the statement timeout of web requests.

The timeout is a libpq startup option of each PostgreSQL connection, so it costs no query
per request and survives CONN_MAX_AGE reuse. Only web processes opt in, by calling
`limit_web_statements()` from tntd/wsgi.py; management commands (migrate,
load_seed_content, bulk data generation) never import that module and run unbounded.
"""

from django.conf import settings
from django.db import connections


def limit_web_statements():
    """Give every PostgreSQL connection this process opens from now on the statement timeout
    of settings.DATABASE_STATEMENT_TIMEOUT (seconds; 0 leaves statements unbounded)."""
    seconds = settings.DATABASE_STATEMENT_TIMEOUT
    if not seconds:
        return
    milliseconds = max(1, round(seconds * 1000))  # PostgreSQL counts whole milliseconds
    for alias in connections:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        options = connection.settings_dict["OPTIONS"]
        options["options"] = f"{options.get('options', '')} -c statement_timeout={milliseconds}".strip()
        # A connection opened before this call (runserver checks migrations first) would
        # keep serving without the limit: close it, the next query reconnects with it.
        connection.close()
