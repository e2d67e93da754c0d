"""gunicorn settings for the container; each can be changed through the environment."""

import os

from tntd import logs as _logs

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))

# Requests slower than this are killed; on shutdown, workers get this long to finish.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5

# Recycle workers now and then so that a slow leak never takes a container down;
# the jitter keeps them from all restarting at once. Not too often: a new worker starts
# with an empty page cache (without Redis) and builds its pages again, and a low limit
# recycles a busy container's workers all the time (the benchmark's "worker restarts").
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "1000"))
# Load Django once in the master: a recycled worker is a fork, ready at once, instead of
# importing the project again; the workers share the loaded code's memory. Django connects
# to the database lazily, so no connection is shared across the fork.
preload_app = True

# Access and error logs to stdout/stderr, where container platforms collect them: JSON lines
# unless DJANGO_LOG_FORMAT=text, each request with its id, status and duration (tntd/logs.py).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
if os.environ.get("DJANGO_LOG_FORMAT", "json") == "json":
    logger_class = "tntd.logs.GunicornJsonLogger"
pre_request = _logs.assign_request_id

# No control socket: containers are managed by signals from the platform, and its default
# place ($HOME/.gunicorn) is not writable by the unprivileged user.
control_socket_disable = True

# Heartbeat files in memory, not on the container's (possibly slow, overlay) disk.
worker_tmp_dir = "/dev/shm"
# Trust X-Forwarded-* only from these proxy addresses (comma-separated, or * behind a private network).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
