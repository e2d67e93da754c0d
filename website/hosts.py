"""Host headers (issue 20). Django checks a Host's name against ALLOWED_HOSTS but takes any
port with it, and that port goes into every absolute address the site writes (canonical links,
feeds, exports): here the port must be one of settings.ALLOWED_PORTS (checked by
website.request_limits.RequestLimitsMiddleware). A refused host is a
client's mistake or a scan, not ours: one line at WARNING in the log, not an ERROR traceback."""

import logging

from django.conf import settings


def port_allowed(port):
    """Whether a Host header's port (digits, or "" for none) is one the site runs on."""
    allowed = settings.ALLOWED_PORTS
    return not port or "*" in allowed or int(port) in {int(p) for p in allowed}


class OneLineWarning(logging.Filter):
    """For the django.security.DisallowedHost logger (settings.LOGGING): each record at
    WARNING, without its traceback."""

    def filter(self, record):
        record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        record.exc_info = record.exc_text = record.stack_info = None
        return True
