"""Production start-up rules and security headers.

The settings module is evaluated once per process, so start-up behaviour is checked in
subprocesses with a clean environment, as a container would start.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.db import connection

PROJECT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    clean_env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "DJANGO_ENV_FILE": "", **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=clean_env, capture_output=True, text=True, timeout=60,
        check=False,  # tests read the return code: some expect a failure
    )


def last_line(result):
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def database_url():
    """The address of the database this test process uses (its test database, once a test asks
    for `db`), for the Django processes a test starts."""
    params = connection.settings_dict
    credentials = quote(params["USER"]) + (f":{quote(params['PASSWORD'])}" if params["PASSWORD"] else "")
    host = params["HOST"] or "localhost"
    if host.startswith("/"):  # a socket's folder (the embedded server): libpq's `host` parameter
        return f"postgres://{credentials}@/{params['NAME']}?host={quote(host)}&port={params['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}:{params['PORT'] or 5432}/{params['NAME']}"


def production_env(**overrides):
    return {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "portal.example.org",
        "DATABASE_URL": database_url(),
        **overrides,
    }


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", **production_env(DJANGO_SECRET_KEY=""))
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", **production_env(DJANGO_ALLOWED_HOSTS=""))
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off" in result.stderr


def test_production_refuses_to_start_without_a_database_address():
    result = manage("check", **production_env(DATABASE_URL=""))
    assert result.returncode != 0
    assert "DATABASE_URL must be set when DJANGO_DEBUG is off" in result.stderr


def test_debug_mode_starts_without_them():
    result = manage("check", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_check_deploy_is_clean_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_the_admin_url_is_configurable():
    script = "from django.urls import reverse; print(reverse('admin:index'))"
    result = manage("shell", "-c", script, **production_env(DJANGO_ADMIN_URL="back-office/"))
    assert last_line(result) == "/back-office/", result.stderr


def test_redis_becomes_the_cache_when_configured():
    script = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    with_redis = manage("shell", "-c", script, **production_env(REDIS_URL="redis://127.0.0.1:6379/0"))
    without = manage("shell", "-c", script, **production_env())
    assert last_line(with_redis) == "django.core.cache.backends.redis.RedisCache", with_redis.stderr
    assert last_line(without) == "django.core.cache.backends.locmem.LocMemCache", without.stderr


def test_media_goes_to_s3_when_a_bucket_is_configured():
    script = "from django.core.files.storage import storages; print(type(storages['default']).__name__)"
    with_bucket = manage("shell", "-c", script, **production_env(AWS_STORAGE_BUCKET_NAME="tntd-media"))
    without = manage("shell", "-c", script, **production_env())
    assert last_line(with_bucket) == "S3Storage", with_bucket.stderr
    assert last_line(without) == "FileSystemStorage", without.stderr


@pytest.mark.parametrize(
    "bucket",
    [
        {},
        {"AWS_S3_REGION_NAME": "eu-central-1"},
        {"AWS_S3_ENDPOINT_URL": "https://minio.example.org:9000"},
        {"AWS_S3_CUSTOM_DOMAIN": "media.example.org"},
    ],
    ids=["aws", "aws-region", "s3-compatible-endpoint", "custom-domain"],
)
def test_the_content_security_policy_lets_bucket_photos_show(bucket):
    script = (
        "from django.conf import settings; from django.core.files.storage import storages; "
        "print(storages['default'].url('events/photo.jpg')); "
        "print(' '.join(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    )
    result = manage("shell", "-v", "0", "-c", script, **production_env(AWS_STORAGE_BUCKET_NAME="tntd-media", **bucket))
    photo_url, img_src = result.stdout.strip().splitlines()[-2:]
    photo = urlsplit(photo_url)
    assert f"{photo.scheme}://{photo.netloc}" in img_src.split(), result.stderr


def test_logs_go_to_stdout():
    script = "import logging; logging.getLogger('tntd').warning('written for the platform')"
    result = manage("shell", "-v", "0", "-c", script, **production_env())
    # One JSON object a line, for the platform's log store (tntd/logs.py).
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert {"level": "WARNING", "logger": "tntd", "message": "written for the platform"}.items() <= records[-1].items(), result.stderr
    assert "written for the platform" not in result.stderr


@pytest.mark.django_db
def test_security_headers_on_a_public_page(client, settings):
    settings.SECURE_SSL_REDIRECT = False
    response = client.get("/en/events/", secure=True)
    headers = response.headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/en/events/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
