"""Follow the README's deployment steps as written, on a machine without a Docker engine.

CI runs it (`.venv/bin/python docker/deploy_smoke.py`) after ../shared/tools/container-smoke, whose
image it starts. A README line of a form it does not know fails the run: the two change together.
"""

import http.cookiejar
import os
import re
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from http import HTTPStatus
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
STORAGE = ["--storage-driver=vfs"]  # as container-smoke builds it
IMAGE = "localhost/{}:smoke".format(re.sub(r"[^a-z0-9\n]", "-", PROJECT.name))
ADMIN_PATH = "/admin/"
FIRST_ADMIN = {"<username>": "operator", "<email>": "operator@example.org"}
PORT = int(os.environ.get("DEPLOY_SMOKE_PORT", "18766"))
MACHINE_SERVICES = {  # compose's services, as this machine has them
    "DATABASE_URL": None,  # a fresh database, made below
    "REDIS_URL": "redis://127.0.0.1:6379/13",
}


class StepFailed(Exception):
    pass


def say(message):
    print(f"deploy-smoke: {message}", flush=True)


def readme_steps():
    text = (PROJECT / "README.md").read_text()
    block = re.search(r"<!-- deployment steps.*?-->\s*```sh\n(.*?)```\s*<!-- end of deployment steps -->", text, re.S)
    if not block:
        raise StepFailed("README.md has no deployment steps between the markers.")
    return [line for line in block.group(1).splitlines() if line.strip()]


def run(command, **options):
    return subprocess.run(command, check=True, text=True, capture_output=True, **options)


def env_file_values(path):
    values = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            values[name.strip()] = value.strip()
    return values


def compose_web_environment(folder, env_file):
    """The web service's environment as compose gives it: its env_file, then its `environment`."""
    try:
        config = run([str(Path(sys.executable).with_name("podman-compose")), "--env-file", env_file, "-f", "compose.yaml", "config"], cwd=folder).stdout
    except subprocess.CalledProcessError as error:
        raise StepFailed(f"podman-compose config refused compose.yaml: {error.stderr.strip()[-500:]}") from None
    web = yaml.safe_load(config)["services"]["web"]
    environment = {}
    for entry in web.get("env_file", []):
        path = folder / (entry["path"] if isinstance(entry, dict) else entry)
        if path.exists():
            environment.update(env_file_values(path))
    environment.update({name: str(value) for name, value in web["environment"].items()})
    return environment


def wait_for(url, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == HTTPStatus.OK:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(1)
    raise StepFailed(f"{url} did not answer 200 within {seconds} s.")


def sign_in(base, username, password, code):
    """Sign in through the back office's form, as a browser would; whether the back office opens."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = f"{base}{ADMIN_PATH}login/"
    opener.open(login, timeout=10).read()
    token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    form = {"csrfmiddlewaretoken": token, "username": username, "password": password, "otp_token": code, "next": ADMIN_PATH}
    request = urllib.request.Request(login, data=urllib.parse.urlencode(form).encode(), headers={"Referer": login})
    with opener.open(request, timeout=10) as response:
        landed = response.geturl()
    with opener.open(f"{base}{ADMIN_PATH}", timeout=10) as response:
        return (
            urllib.parse.urlsplit(landed).path == ADMIN_PATH
            and response.status == HTTPStatus.OK
            and "login" not in response.geturl()
        )


class Deployment:
    """What the steps have made so far: the later steps use it, and the clean-up removes it."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="deploy-smoke-"))
        self.database = f"deploy_smoke_{os.getpid()}"
        self.container = None
        self.server = None
        self.environment = {}

    def run_arguments(self, command):
        """`buildah run` of `command` in the container, with the web service's environment."""
        flags = [argument for name, value in self.environment.items() for argument in ("--env", f"{name}={value}")]
        return ["buildah", *STORAGE, "run", "--isolation", "chroot", *flags, self.container, "--", *command]

    def run_in_container(self, command):
        return run(self.run_arguments(command)).stdout


def copy_deployment_files(folder):
    for name in ("compose.yaml", "deploy.env.example", "Dockerfile"):
        shutil.copy(PROJECT / name, folder / name)
    shutil.copytree(PROJECT / "docker", folder / "docker")


def copy_settings(deployment, source, copy):
    """`cp A B`: copy, and set DJANGO_SECRET_KEY in the copy, as its comment asks."""
    shutil.copy(deployment.folder / source, deployment.folder / copy)
    settings_file = deployment.folder / copy
    key = secrets.token_urlsafe(50)
    text = settings_file.read_text()
    if not re.search(r"^DJANGO_SECRET_KEY=$", text, re.M):
        raise StepFailed(f"{copy} has no empty DJANGO_SECRET_KEY= line to fill in.")
    settings_file.write_text(re.sub(r"^DJANGO_SECRET_KEY=$", f"DJANGO_SECRET_KEY={key}", text, flags=re.M))


def start_site(deployment, env_file):
    """`docker compose --env-file F up`: check compose.yaml with F (`podman-compose config`), then
    start the image with the web service's environment from it; the database and Redis are the
    machine's, as compose's `db` and `redis` are not there."""
    deployment.environment = environment = compose_web_environment(deployment.folder, env_file)
    run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", f"create database {deployment.database}"])
    environment.update(MACHINE_SERVICES, DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{deployment.database}", PORT=str(PORT))
    deployment.container = run(["buildah", *STORAGE, "from", IMAGE]).stdout.strip()
    deployment.server = subprocess.Popen(
        deployment.run_arguments(
            ["/app/docker/entrypoint.sh", "gunicorn", "--config", "/app/docker/gunicorn.conf.py", "tntd.wsgi:application"]
        ),
        stdout=open(deployment.folder / "server.log", "w"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    wait_for(f"http://127.0.0.1:{PORT}/healthz")
    say(f"the image answers with compose's web settings on :{PORT}")


def first_run(deployment, command):
    """`docker compose exec web COMMAND`: run it in the container (<username> and <email> filled
    in), then sign in to the back office with the password and code it printed."""
    output = deployment.run_in_container([FIRST_ADMIN.get(argument, argument) for argument in command])
    printed = dict(re.findall(r"^(username|password|one-time code): (\S+)$", output, re.M))
    if not {"username", "password", "one-time code"} <= set(printed):
        raise StepFailed(f"the first-run step printed no username, password and code:\n{output}")
    if not sign_in(f"http://127.0.0.1:{PORT}", printed["username"], printed["password"], printed["one-time code"]):
        raise StepFailed("the printed password and code did not open the back office.")
    say("signed in to the back office with the printed password and one-time code")


def follow(deployment, line):
    """Do what one line between the README's "deployment steps" markers says, in the copy of the
    project's deployment files; refuse a line of any other form."""
    command = shlex.split(line, comments=True)
    say(f"$ {line.split('#')[0].strip()}")
    match command:
        case ["cp", source, copy]:
            copy_settings(deployment, source, copy)
        case ["docker", "compose", "--env-file", env_file, *_] if "up" in command:
            start_site(deployment, env_file)
        case ["docker", "compose", "exec", "web", *inner] if deployment.container:
            first_run(deployment, inner)
        case _:
            raise StepFailed(f"a step this script does not know how to follow: {line}")


def back_up(deployment):
    output = deployment.run_in_container(["python", "manage.py", "backup", "--output", "/tmp/backups"])
    say(f"a backup from inside the container: {output.strip().splitlines()[-1] if output.strip() else 'done'}")


def report_failure(deployment, error):
    detail = getattr(error, "stderr", "") or ""
    say(f"FAIL {error} {detail.strip()[-800:]}")
    log = deployment.folder / "server.log"
    if log.exists():
        print(log.read_text()[-3000:])


def clean_up(deployment):
    """Stop the server, remove the container, the database and the copied files."""
    if deployment.server is not None:
        os.killpg(deployment.server.pid, signal.SIGTERM)
        try:
            deployment.server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(deployment.server.pid, signal.SIGKILL)
    if deployment.container:
        subprocess.run(["buildah", *STORAGE, "rm", deployment.container], capture_output=True, check=False)
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc",
                    f"drop database if exists {deployment.database} with (force)"], capture_output=True, check=False)  # fmt: skip
    shutil.rmtree(deployment.folder, ignore_errors=True)


def main():
    deployment = Deployment()
    copy_deployment_files(deployment.folder)
    try:
        for line in readme_steps():
            follow(deployment, line)
        if deployment.container is None:
            raise StepFailed("the steps never started the site.")
        back_up(deployment)
        say("OK: the README's deployment steps work as written")
        return 0
    except (StepFailed, subprocess.CalledProcessError) as error:
        report_failure(deployment, error)
        return 1
    finally:
        clean_up(deployment)


if __name__ == "__main__":
    sys.exit(main())
