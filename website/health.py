"""Answer the probes: /livez (this process answers; restart it if not) and /healthz (it can serve).

/healthz reaches the database and the cache, nothing more. A middleware placed first answers both,
before ALLOWED_HOSTS and the HTTPS redirect: container probes call 127.0.0.1 over plain HTTP.
"""

import logging

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
LIVENESS_PATH = "/livez"


def database_is_reachable():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Health check: database unreachable: %s", error)
        return False
    return True


def cache_is_reachable():
    """The default cache (Redis when configured) answers a write and a read."""
    try:
        caches["default"].set("tntd:health", "ok", 10)
        caches["default"].get("tntd:health")
        return True
    except Exception as error:  # any backend's failure: the probe says so, never a 500
        logger.error("Health check: cache unreachable: %s", error)
        return False


def probe_response(checks):
    """200 when every check holds, else 503; the body names each check's result."""
    healthy = all(checks.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "error", **{name: "ok" if ok else "unreachable" for name, ok in checks.items()}},
        status=200 if healthy else 503,
    )
    add_never_cache_headers(response)
    return response


def health_response():
    return probe_response({"database": database_is_reachable(), "cache": cache_is_reachable()})


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            if request.path_info == HEALTH_PATH:
                return health_response()
            if request.path_info == LIVENESS_PATH:
                return probe_response({})
        return self.get_response(request)
