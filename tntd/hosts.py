"""Host headers (issue 20). Django checks a Host's name against ALLOWED_HOSTS but takes any
port with it, and that port goes into every absolute address the site writes (canonical links,
feeds, exports): here the port must be one of settings.ALLOWED_PORTS. A refused host is a
client's mistake or a scan, not ours: one line at WARNING in the log, not an ERROR traceback."""

import logging

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port


def port_allowed(port):
    """Whether a Host header's port (digits, or "" for none) is one the site runs on."""
    allowed = settings.ALLOWED_PORTS
    return not port or "*" in allowed or int(port) in {int(p) for p in allowed}


class AllowedPortMiddleware:
    """Before anything that writes an address (SecurityMiddleware's HTTPS redirect first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = request.get_host()  # DisallowedHost for a name not in ALLOWED_HOSTS
        if not port_allowed(split_domain_port(host)[1]):
            raise DisallowedHost(f"Invalid HTTP_HOST header: {host!r}. Its port is not in DJANGO_ALLOWED_PORTS.")
        return self.get_response(request)


class OneLineWarning(logging.Filter):
    """For the django.security.DisallowedHost logger (settings.LOGGING): each record at
    WARNING, without its traceback."""

    def filter(self, record):
        record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        record.exc_info = record.exc_text = record.stack_info = None
        return True
