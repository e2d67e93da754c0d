"""The project package: configuration only (settings, URLs, WSGI, logs, the development database)."""
