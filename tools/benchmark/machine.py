"""What a benchmark run measured on: when, which code, the machine, the versions and the data size."""

import datetime
import os
import platform
import subprocess
from pathlib import Path

import django
from django.conf import settings
from django.db import connection

from activities.models import Event
from news.models import NewsItem


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def memory_total():
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def revision():
    """The commit measured, marked when the working tree has changes; None outside a git checkout."""

    def git(*args):
        return subprocess.run(
            ["git", *args], cwd=settings.BASE_DIR, capture_output=True, text=True, check=True, timeout=10
        ).stdout.strip()

    try:
        commit = git("rev-parse", "--short", "HEAD")
        changed = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{commit} (with uncommitted changes)" if changed else commit


def database_version():
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"


def content_counts():
    return {
        "events_published": Event.objects.published().count(),
        "events_draft": Event.objects.drafts().count(),
        "news_published": NewsItem.objects.published().count(),
        "news_draft": NewsItem.objects.drafts().count(),
    }


def load_average():
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "unknown"


def describe():
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "revision": revision(),
        "cores": os.cpu_count(),
        "cpu": cpu_model(),
        "memory": memory_total(),
        "load_average": load_average(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": database_version(),
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "debug": settings.DEBUG,
        **content_counts(),
    }
