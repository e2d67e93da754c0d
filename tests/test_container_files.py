"""The container's own files, checked without a container engine: gunicorn's settings as
gunicorn reads them, what the entrypoint runs in which case, the database wait, and the
Dockerfile's rules that the smoke run (../shared/tools/container-smoke) cannot see.
"""

import os
import re
import runpy
import socket
import stat
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError
from gunicorn.config import Config

PROJECT = Path(__file__).resolve().parent.parent
DOCKER = PROJECT / "docker"


# --- gunicorn.conf.py -------------------------------------------------------------------


def gunicorn_config(**environ):
    """The config file evaluated as gunicorn does, under the given environment."""
    with mock.patch.dict(os.environ, environ):
        names = runpy.run_path(str(DOCKER / "gunicorn.conf.py"))
    settings = {name: value for name, value in names.items() if not name.startswith("_") and name != "os"}
    config = Config()
    for name, value in settings.items():
        if name in config.settings:  # unknown names are the first test's business
            config.set(name, value)
    return settings, config


def test_every_gunicorn_setting_is_one_gunicorn_knows():
    # gunicorn silently ignores unknown names in a config file: a typo would go unnoticed.
    settings, config = gunicorn_config()
    assert set(settings) <= set(config.settings), set(settings) - set(config.settings)


def test_gunicorn_listens_on_port_and_scales_with_web_concurrency():
    _, config = gunicorn_config(PORT="9123", WEB_CONCURRENCY="5")
    assert config.bind == ["0.0.0.0:9123"]
    assert config.workers == 5


def test_gunicorn_defaults_for_a_container():
    with mock.patch.dict(os.environ):
        for name in ("PORT", "WEB_CONCURRENCY", "GUNICORN_MAX_REQUESTS", "GUNICORN_MAX_REQUESTS_JITTER"):
            os.environ.pop(name, None)
        _, config = gunicorn_config()
    assert config.bind == ["0.0.0.0:8000"]
    assert config.accesslog == "-"  # access log on stdout
    assert config.max_requests > 0 and 0 < config.max_requests_jitter < config.max_requests
    assert config.graceful_timeout > 0
    # Its default place, $HOME/.gunicorn, is not writable by the image's user.
    assert config.control_socket_disable is True


# --- docker/entrypoint.sh ---------------------------------------------------------------


@pytest.fixture
def fake_python(tmp_path):
    """A `python` that records each call and fails the database wait when told to."""
    log = tmp_path / "calls.log"
    script = tmp_path / "bin" / "python"
    script.parent.mkdir()
    script.write_text(
        "#!/bin/sh\n"
        f'echo "$*" >> "{log}"\n'
        'case "$*" in *wait_for_database*) exit "${FAKE_DATABASE_DOWN:-0}" ;; esac\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script.parent, log


def run_entrypoint(fake_python, **environ):
    bin_dir, log = fake_python
    env = {"PATH": f"{bin_dir}:{os.environ['PATH']}", **environ}
    result = subprocess.run(
        ["sh", str(DOCKER / "entrypoint.sh"), "echo", "server started"],
        cwd=bin_dir, env=env, capture_output=True, text=True, timeout=30,
    )
    calls = log.read_text().splitlines() if log.exists() else []
    return result, calls


def test_entrypoint_waits_migrates_then_starts_the_server(fake_python):
    result, calls = run_entrypoint(fake_python)
    assert result.returncode == 0, result.stderr
    assert calls[0].startswith("manage.py wait_for_database --attempts 30 --interval 2")
    assert calls[1:] == ["manage.py migrate --noinput"]
    assert result.stdout.strip().endswith("server started")


def test_entrypoint_leaves_migrations_to_a_release_step_when_told(fake_python):
    result, calls = run_entrypoint(fake_python, DJANGO_MIGRATE="0")
    assert result.returncode == 0, result.stderr
    assert not any("migrate" in call for call in calls)
    assert "server started" in result.stdout


def test_entrypoint_loads_the_seed_content_when_asked(fake_python):
    result, calls = run_entrypoint(fake_python, DJANGO_LOAD_SEED_CONTENT="1")
    assert result.returncode == 0, result.stderr
    assert calls[1:] == ["manage.py migrate --noinput", "manage.py load_seed_content"]


def test_entrypoint_stops_when_the_database_never_answers(fake_python):
    result, calls = run_entrypoint(fake_python, FAKE_DATABASE_DOWN="1")
    assert result.returncode != 0
    assert len(calls) == 1  # neither migrations nor the server
    assert "server started" not in result.stdout


# --- wait_for_database --------------------------------------------------------------------


def test_database_wait_gives_up_with_a_clear_message():
    refused = OperationalError("connection refused")
    with mock.patch("django.db.connection.ensure_connection", side_effect=refused) as connect:
        with pytest.raises(CommandError, match=r"did not answer after 3 attempts.*DATABASE_URL.*connection refused"):
            call_command("wait_for_database", attempts=3, interval=0)
    assert connect.call_count == 3


def test_database_wait_returns_once_the_database_answers(capsys):
    answers = [OperationalError("starting up"), None]
    with mock.patch("django.db.connection.ensure_connection", side_effect=answers) as connect:
        call_command("wait_for_database", attempts=5, interval=0)
    assert connect.call_count == 2
    assert "Database is ready." in capsys.readouterr().out


def test_database_wait_gives_up_on_a_server_that_never_answers():
    # A socket that accepts connections and never speaks: without a connect timeout,
    # each attempt would hang for minutes and the container would never report why.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "manage.py", "wait_for_database", "--attempts", "1"],
            cwd=PROJECT, capture_output=True, text=True, timeout=30,
            env={
                "PATH": os.environ["PATH"],
                "DJANGO_SECRET_KEY": "x" * 50,
                "DJANGO_ALLOWED_HOSTS": "localhost",
                "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/tntd",
            },
        )
    assert result.returncode != 0
    assert "The database did not answer after 1 attempts" in result.stderr
    assert "timeout" in result.stderr.lower()


# --- Dockerfile ---------------------------------------------------------------------------

DOCKERFILE = (PROJECT / "Dockerfile").read_text()


def test_both_stages_are_python_313_slim():
    assert re.findall(r"^FROM (\S+)", DOCKERFILE, re.MULTILINE) == ["python:3.13-slim", "python:3.13-slim"]


def test_the_runtime_stage_installs_no_compiler_and_only_runtime_requirements():
    runtime = DOCKERFILE.split("AS runtime", 1)[1]
    assert "apt-get" not in runtime and "gcc" not in DOCKERFILE and "build-essential" not in DOCKERFILE
    assert "requirements-dev" not in DOCKERFILE


def test_the_image_is_labelled_and_checks_its_health():
    for label in ("title", "description", "version", "revision"):
        assert f"org.opencontainers.image.{label}=" in DOCKERFILE
    assert re.search(r"^HEALTHCHECK .*\n\s+CMD .*healthcheck\.py", DOCKERFILE, re.MULTILINE)
    assert "/healthz" in (DOCKER / "healthcheck.py").read_text()


def test_secrets_and_tests_stay_out_of_the_build_context():
    ignored = (PROJECT / ".dockerignore").read_text().split()
    assert {".env", ".git", ".venv", "tests/", "db.sqlite3"} <= set(ignored)


# --- README.md ----------------------------------------------------------------------------


def test_the_readme_documents_every_variable_the_container_reads():
    settings = (PROJECT / "tntd" / "settings.py").read_text()
    read = set(re.findall(r'(?:env(?:\.\w+)?|_required_in_production)\("([A-Z0-9_]+)"', settings))
    for script in ("gunicorn.conf.py", "healthcheck.py"):
        read |= set(re.findall(r"""os\.environ\.get\(["']([A-Z0-9_]+)["']""", (DOCKER / script).read_text()))
    read |= set(re.findall(r"\$\{([A-Z0-9_]+)", (DOCKER / "entrypoint.sh").read_text()))
    configuration = (PROJECT / "README.md").read_text().split("## Configuration", 1)[1]
    assert len(read) > 30  # the patterns still find what they look for
    assert {name for name in read if f"`{name}`" not in configuration} == set()
