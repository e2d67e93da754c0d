"""Settings for the benchmark (`manage.py benchmark`, `make bench`) and its gunicorn only: production's,
with debug always off, so that the timings mean something, and the URLconf with the bare reference
view. A throwaway secret key and local host names fill in what is not given, and plain HTTP is not
redirected: the benchmark's gunicorn listens on 127.0.0.1 only."""

import os
import secrets

os.environ["DJANGO_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
# The benchmark is one client asking thousands of times: the API's per-client limit would
# answer 429 and time nothing.
os.environ.setdefault("DJANGO_API_RATE_LIMIT", "1000000/s")

from tntd.settings import *  # noqa: E402,F403

ROOT_URLCONF = "tools.benchmark.urls"
