"""Development's settings file and a deployment's cannot mix: settings read only the file
DJANGO_ENV_FILE names, manage.py names `.env.dev`, and the tests name none."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PROJECT = Path(__file__).resolve().parent.parent
PRODUCTION = {"DJANGO_SECRET_KEY": "k" * 50, "DJANGO_ALLOWED_HOSTS": "example.org", "DATABASE_URL": "postgres://nowhere.invalid/none"}


def debug_in(env):
    """settings.DEBUG as a process started with `env` (and nothing else of ours) sees it."""
    result = subprocess.run(
        [sys.executable, "-c", "from tntd import settings; print(settings.DEBUG)"],
        cwd=PROJECT, env={"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **env},
        capture_output=True, text=True, timeout=60, check=False,  # the assertion below shows stderr
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip() == "True"


def test_settings_read_only_the_file_named(tmp_path):
    development = tmp_path / ".env.dev"
    development.write_text("DJANGO_DEBUG=1\nDJANGO_SECRET_KEY=dev\n")
    assert debug_in({**PRODUCTION, "DJANGO_ENV_FILE": str(development)})
    assert not debug_in(PRODUCTION)
    assert not debug_in({**PRODUCTION, "DJANGO_ENV_FILE": ""})


def test_the_environment_wins_over_the_file(tmp_path):
    development = tmp_path / ".env.dev"
    development.write_text("DJANGO_DEBUG=1\n")
    assert not debug_in({**PRODUCTION, "DJANGO_DEBUG": "0", "DJANGO_ENV_FILE": str(development)})


def test_the_test_suite_reads_no_settings_file():
    assert os.environ["DJANGO_ENV_FILE"] == "" and not settings.DEBUG
