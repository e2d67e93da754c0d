"""/healthz: is this process up and can it reach its database?

Answered by a middleware placed first, before ALLOWED_HOSTS checks and the HTTPS
redirect: container probes call it on 127.0.0.1 over plain HTTP, whatever public host
name the site is configured with. It touches nothing but one `SELECT 1`.
"""

import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"


def database_is_reachable():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Health check: database unreachable: %s", error)
        return False
    return True


def health_response():
    healthy = database_is_reachable()
    response = JsonResponse(
        {"status": "ok" if healthy else "error", "database": "ok" if healthy else "unreachable"},
        status=200 if healthy else 503,
    )
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_PATH and request.method in ("GET", "HEAD"):
            return health_response()
        return self.get_response(request)
