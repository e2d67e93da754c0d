#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import sys
from pathlib import Path


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tntd.settings")
    # Development's settings (debug on, its own key), which `make run` writes; DJANGO_ENV_FILE=""
    # reads none, as the tests' subprocesses and deployments do.
    development = Path(__file__).resolve().parent / ".env.dev"
    os.environ.setdefault("DJANGO_ENV_FILE", str(development) if development.exists() else "")
    from django.core.management import execute_from_command_line  # noqa: PLC0415 (as in Django's own manage.py)

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
