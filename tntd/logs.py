"""Log JSON lines in production, each of a request's records carrying the request's id.

The id is the proxy's `X-Request-ID`, or one gunicorn's `pre_request` hook gives it
(`assign_request_id`), so gunicorn's access line and Django's records about a request match.
"""

import logging
import re
import uuid

from gunicorn import glogging
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

REQUEST_ID_HEADER = "X-REQUEST-ID"  # as gunicorn spells a request's header names
# An id from the proxy is kept only when it cannot be mistaken for anything else in a log line.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
JSON_FIELDS = "{levelname}{name}{message}"


def json_formatter():
    """Time (ISO 8601, UTC), level, logger and message, then whatever the record carries (request_id...)."""
    return JsonFormatter(
        JSON_FIELDS, style="{", timestamp="time", rename_fields={"levelname": "level", "name": "logger"},
        json_ensure_ascii=False,
        # Django attaches the request object to its records: RequestIdFilter names it by its id.
        reserved_attrs=[*RESERVED_ATTRS, "request"],
    )


def assign_request_id(worker, request):
    """Give `request` an id unless the proxy gave it a usable one (gunicorn's pre_request hook)."""
    given = [value for name, value in request.headers if name == REQUEST_ID_HEADER]
    if len(given) == 1 and VALID_REQUEST_ID.fullmatch(given[0]):
        return
    request.headers = [(name, value) for name, value in request.headers if name != REQUEST_ID_HEADER]
    request.headers.append((REQUEST_ID_HEADER, uuid.uuid4().hex))


class RequestIdFilter(logging.Filter):
    """Add `request_id` to a record Django made about a request (it passes `request=`)."""

    def filter(self, record):
        request = getattr(record, "request", None)
        meta = getattr(request, "META", None)
        if meta and "HTTP_X_REQUEST_ID" in meta:
            record.request_id = meta["HTTP_X_REQUEST_ID"]
        return True


class GunicornJsonLogger(glogging.Logger):
    """gunicorn's error and access logs as JSON lines; an access line names the request's id,
    method, path, status, duration and size."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(json_formatter())

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        self.access_log.info("request", extra={
            "request_id": environ.get("HTTP_X_REQUEST_ID"),
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "query": environ.get("QUERY_STRING") or None,
            "status": int(status),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "bytes": getattr(resp, "sent", None),
            "remote_addr": environ.get("REMOTE_ADDR"),
            "user_agent": environ.get("HTTP_USER_AGENT"),
        })
