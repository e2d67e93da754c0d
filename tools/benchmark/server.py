"""gunicorn as the container runs it (docker/gunicorn.conf.py), for the load test, but listening on
127.0.0.1 and with the benchmark's settings: debug off, a throwaway key, plain HTTP and the bare
reference view. Its output, access log included, goes to a log file."""

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

BENCHMARK_SETTINGS = "tools.benchmark.settings"
READY_ATTEMPTS = 120  # × READY_INTERVAL: how long gunicorn may take to answer its first request
READY_INTERVAL = 0.25
STOP_TIMEOUT = 45  # seconds; more than the configuration's graceful timeout
RESTART_MESSAGE = "Autorestarting worker"  # what gunicorn logs when a worker has served its max_requests


class ServerError(Exception):
    pass


@dataclass
class Server:
    port: int
    pid: int
    log_path: Path

    def worker_restarts(self):
        """How many times so far a worker has been recycled (after GUNICORN_MAX_REQUESTS), from the log."""
        return self.log_path.read_text(errors="replace").count(RESTART_MESSAGE)

    def worker_pids(self):
        return child_pids(self.pid)

    def sole_worker(self):
        """The pid of a one-worker server's worker (a new one, once ready, if gunicorn has replaced it)."""
        for _ in range(READY_ATTEMPTS):
            workers = self.worker_pids()
            if len(workers) == 1 and answers(self.port):
                return workers[0]
            time.sleep(READY_INTERVAL)
        raise ServerError(f"gunicorn should have one worker, not {len(workers)}.")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def child_pids(pid):
    """The processes whose parent is `pid` (from /proc: Linux only)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The fields after the command name, which is in parentheses and may hold spaces.
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process has ended meanwhile
        if parent == pid:
            children.append(int(stat.parent.name))
    return sorted(children)


def database_url():
    """This test database as DATABASE_URL; its host and port as libpq options, which a Unix
    socket directory (the embedded server's) needs."""
    database = connection.settings_dict
    password = f":{quote(database['PASSWORD'], safe='')}" if database.get("PASSWORD") else ""
    options = f"host={quote(database['HOST'] or '127.0.0.1', safe='')}&port={database.get('PORT') or 5432}"
    return f"postgres://{database['USER']}{password}@/{database['NAME']}?{options}"


def server_environment(port, **extra):
    """This process's environment (so the same DATABASE_URL, REDIS_URL...) with the benchmark's settings."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": BENCHMARK_SETTINGS,
        "PORT": str(port),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        **extra,
    }


def collect_static_files():
    """collectstatic as the image's build runs it: with debug off, pages name the hashed files,
    which must exist. Run under the benchmark's settings, in a process of its own."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=server_environment(0),
        check=True,
    )


def answers(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status == HTTPStatus.OK
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()


def log_tail(log_path, lines=20):
    return "\n".join(log_path.read_text(errors="replace").splitlines()[-lines:])


def wait_until_ready(process, port, log_path):
    for _ in range(READY_ATTEMPTS):
        if process.poll() is not None:
            raise ServerError(f"gunicorn exited with status {process.returncode}:\n{log_tail(log_path)}")
        if answers(port):
            return
        time.sleep(READY_INTERVAL)
    raise ServerError(f"gunicorn did not answer within {READY_ATTEMPTS * READY_INTERVAL:.0f} s:\n{log_tail(log_path)}")


def stop(process):
    if process.poll() is None:
        process.terminate()  # SIGTERM: gunicorn's graceful shutdown
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def gunicorn(log_path, **environment):
    """A running gunicorn; stopped on leaving, whatever happened. `environment` adds variables (WEB_CONCURRENCY...)."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn",
        "--config", "docker/gunicorn.conf.py",
        "--bind", f"127.0.0.1:{port}",  # overrides the configuration's 0.0.0.0
        "tntd.wsgi:application",
    ]  # fmt: skip
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=server_environment(port, **environment),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_ready(process, port, log_path)
        yield Server(port=port, pid=process.pid, log_path=log_path)
    finally:
        stop(process)


def served_prepared(port, path):
    """Whether `path` is answered from a prepared file now (a length known ahead), reading it whole."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        while response.read(1024 * 1024):
            pass
        return response.status == HTTPStatus.OK and response.getheader("Content-Length") is not None
    finally:
        connection.close()
