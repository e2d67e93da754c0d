"""The container's own files, checked without a container engine: gunicorn's settings as
gunicorn reads them, what the entrypoint runs in which case, the database wait, and the
Dockerfile's rules that the smoke run (../shared/tools/container-smoke) cannot see.
"""

import fnmatch
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
        cwd=bin_dir, env=env, capture_output=True, text=True, timeout=30, check=False,  # the test reads the outcome
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
            cwd=PROJECT, capture_output=True, text=True, timeout=30, check=False,  # it is to fail
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

def dockerfile_stages():
    """[(base image, stage name, [(INSTRUCTION, arguments)])]: the Dockerfile as a builder reads
    it (continuation lines joined, comments dropped), so that its layout may change freely."""
    text = re.sub(r"\\\n", " ", (PROJECT / "Dockerfile").read_text())
    stages = []
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, arguments = line.partition(" ")
        if instruction.upper() == "FROM":
            base, *rest = arguments.split()
            stages.append((base, rest[-1] if rest else "", []))
        elif stages:
            stages[-1][2].append((instruction.upper(), " ".join(arguments.split())))
    return stages


def runtime_stage():
    return dockerfile_stages()[-1][2]


def test_every_stage_is_a_slim_python_313():
    bases = [base for base, _, _ in dockerfile_stages()]
    assert len(bases) >= 2  # a build stage, and the runtime stage that copies from it
    assert all(re.fullmatch(r"python:3\.13(\.\d+)?-slim(-\w+)?", base) for base in bases), bases


def test_the_runtime_stage_installs_no_compiler_and_only_runtime_requirements():
    commands = " ".join(arguments for instruction, arguments in runtime_stage() if instruction == "RUN")
    # One system package, a runtime tool: PostgreSQL's client programs, for backup and restore.
    installed = re.findall(r"\b(?:apt-get|apt|apk) (?:install|add)\b((?:\s+[-\w.]+)+)", commands)
    assert [[name for name in packages.split() if not name.startswith("-")] for packages in installed] == [["postgresql-client"]]
    everything = " ".join(arguments for _, _, stage in dockerfile_stages() for _, arguments in stage)
    assert not re.search(r"\b(gcc|build-essential)\b", everything) and "requirements-dev" not in everything


def test_the_runtime_stage_runs_as_a_numeric_non_root_user():
    users = [arguments for instruction, arguments in runtime_stage() if instruction == "USER"]
    assert users and re.fullmatch(r"[1-9]\d*(:\d+)?", users[-1])


def test_the_image_is_labelled_and_checks_its_health():
    labels = " ".join(arguments for instruction, arguments in runtime_stage() if instruction == "LABEL")
    for label in ("title", "description", "version", "revision"):
        assert f"org.opencontainers.image.{label}=" in labels
    (healthcheck,) = [arguments for instruction, arguments in runtime_stage() if instruction == "HEALTHCHECK"]
    assert "healthcheck.py" in healthcheck
    assert "/healthz" in (DOCKER / "healthcheck.py").read_text()


def build_context_ignores(path):
    """Whether .dockerignore keeps `path` out of the build context, matching its patterns as
    the builder does: from the context's root, "**/" at any depth, a directory's pattern
    covering all inside it, a later "!pattern" taking a path back."""
    parts = Path(path).parts
    ignored = False
    for raw_line in (PROJECT / ".dockerignore").read_text().splitlines():
        line = raw_line.strip()
        if not line or line.startswith("#"):
            continue
        negate, pattern = line.startswith("!"), line.lstrip("!").rstrip("/")
        starts = range(len(parts)) if pattern.startswith("**/") else [0]
        pattern = pattern.removeprefix("**/")
        candidates = ["/".join(parts[i:n]) for i in starts for n in range(i + 1, len(parts) + 1)]
        if any(fnmatch.fnmatchcase(candidate, pattern) for candidate in candidates):
            ignored = not negate
    return ignored


def test_secrets_tests_and_local_files_stay_out_of_the_build_context():
    for path in (".env", ".git/config", ".venv/bin/python", "tests/test_models.py", ".postgres/PG_VERSION", "tntd/__pycache__/x.pyc"):
        assert build_context_ignores(path), path
    for path in ("manage.py", "tntd/settings.py", "docker/entrypoint.sh", "requirements.txt"):
        assert not build_context_ignores(path), path


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
