"""WSGI entry point, served by gunicorn in the container and loaded by runserver.

Importing it makes this process a web server: its database statements get the timeout of
DATABASE_STATEMENT_TIMEOUT. Management commands never import it, so they run unbounded.
"""
import os

from django.core.wsgi import get_wsgi_application

from website.overload import limit_web_statements

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tntd.settings")

application = get_wsgi_application()
limit_web_statements()
