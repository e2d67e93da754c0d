"""Settings for the test suite: the real settings module with test-only values.

DATABASE_URL names the PostgreSQL server the tests make their databases on; without it, the
project's own embedded server (tntd/embedded_database.py).
"""

import os

os.environ["DJANGO_ENV_FILE"] = ""  # a developer's .env.dev (debug on) is never read here
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-key-never-used-outside-the-test-suite")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_EMBEDDED_DATABASE", "1")  # when DATABASE_URL names no server

from tntd.settings import *  # noqa: E402,F403

# Plain static storage: the hashed manifest exists only after collectstatic.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# One folder per pytest-xdist worker ("gw0"...), so that workers never share uploads.
MEDIA_ROOT = BASE_DIR / ".test-media" / os.environ.get("PYTEST_XDIST_WORKER", "main")  # noqa: F405
HELD_MEDIA_ROOT = MEDIA_ROOT.with_name(MEDIA_ROOT.name + "-held")
STORAGES["held"] = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": HELD_MEDIA_ROOT, "base_url": None}}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PHOTO_RENDITIONS_IN_BACKGROUND = False  # made when the save commits, so that a test can look
# Serve static files straight from the source folders (no collectstatic before tests),
# which the browser tests' live server needs for the stylesheet.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Pages are not cached here, so that every test measures what a page really costs;
# tests/test_caching.py switches the project's page cache on.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
# A second factor for every member of staff is on in production; the tests of it
# (tests/test_sign_in.py) switch it on, the other tests sign in with force_login.
TWO_FACTOR_REQUIRED = False
# Prepared downloads made in the request that finds them missing, so that a test can look;
# one folder per pytest-xdist worker.
PREPARE_DOWNLOADS = "now"
DOWNLOADS_ROOT = MEDIA_ROOT.with_name(MEDIA_ROOT.name + "-downloads")
# Tests read a download's status and leave it unread, which a server never does: no slot is
# ever given back then. tests/test_download_limits.py sets the limits it tests.
DOWNLOAD_STREAMS_PER_PROCESS = 1_000_000
# An empty database beside the test database, for restoring a backup into (tests/test_backups.py).
DATABASES["restored"] = {  # noqa: F405
    **DATABASES["default"],  # noqa: F405
    "NAME": f"{DATABASES['default']['NAME']}_restored",  # noqa: F405
    "TEST": {"MIGRATE": False},
}
