"""Settings for the benchmark (`manage.py benchmark`, `make bench`) and its gunicorn, and for nothing else.

The production settings with two differences: debug is always off, as in production, so that
the timings mean something; and the URLconf adds the bare reference view (tools/benchmark/urls.py),
which the production URLconf never serves. A throwaway secret key and local host names are
filled in when none are given, and plain HTTP is not redirected, since the benchmark's
gunicorn listens on 127.0.0.1 only.
"""

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
