"""Follow the README's deployment steps as written, on a machine without a Docker engine.

Run by CI after ../shared/tools/container-smoke, whose image it starts (localhost/<folder>:smoke):

    .venv/bin/python docker/deploy_smoke.py

Each line between the README's "deployment steps" markers is done as it says, in a copy of the
project's deployment files:
- `cp A B`: copied, and DJANGO_SECRET_KEY set in it, as its comment asks;
- `docker compose --env-file F up ...`: `podman-compose config` checks compose.yaml with that
  file; the image is started with the web service's environment from it, the database and
  Redis being the machine's (compose's `db` and `redis` are not there);
- `docker compose exec web COMMAND`: COMMAND runs in the running container (<username> and
  <email> filled in); then its printed password and code must sign in to the back office.
A line of any other form fails the run: the README and this script change together.
"""

import http.cookiejar
import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
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
                if response.status == 200:
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
        return urllib.parse.urlsplit(landed).path == ADMIN_PATH and response.status == 200 and "login" not in response.geturl()


def main():
    folder = Path(tempfile.mkdtemp(prefix="deploy-smoke-"))
    for name in ("compose.yaml", "deploy.env.example", "Dockerfile"):
        shutil.copy(PROJECT / name, folder / name)
    shutil.copytree(PROJECT / "docker", folder / "docker")
    database = f"deploy_smoke_{os.getpid()}"
    container = None
    server = None
    environment = {}
    try:
        for line in readme_steps():
            command = shlex.split(line, comments=True)
            say(f"$ {line.split('#')[0].strip()}")
            if command[:1] == ["cp"] and len(command) == 3:
                shutil.copy(folder / command[1], folder / command[2])
                settings_file = folder / command[2]
                key = secrets.token_urlsafe(50)
                text = settings_file.read_text()
                if not re.search(r"^DJANGO_SECRET_KEY=$", text, re.M):
                    raise StepFailed(f"{command[2]} has no empty DJANGO_SECRET_KEY= line to fill in.")
                settings_file.write_text(re.sub(r"^DJANGO_SECRET_KEY=$", f"DJANGO_SECRET_KEY={key}", text, flags=re.M))
            elif command[:4] == ["docker", "compose", "--env-file", command[3] if len(command) > 3 else ""] and "up" in command:
                environment = compose_web_environment(folder, command[3])
                run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", f"create database {database}"])
                environment.update(MACHINE_SERVICES, DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{database}", PORT=str(PORT))
                container = run(["buildah", *STORAGE, "from", IMAGE]).stdout.strip()
                flags = [argument for name, value in environment.items() for argument in ("--env", f"{name}={value}")]
                server = subprocess.Popen(
                    ["buildah", *STORAGE, "run", "--isolation", "chroot", *flags, container, "--",
                     "/app/docker/entrypoint.sh", "gunicorn", "--config", "/app/docker/gunicorn.conf.py", "tntd.wsgi:application"],
                    stdout=open(folder / "server.log", "w"), stderr=subprocess.STDOUT, start_new_session=True,
                )  # fmt: skip
                wait_for(f"http://127.0.0.1:{PORT}/healthz")
                say(f"the image answers with compose's web settings on :{PORT}")
            elif command[:4] == ["docker", "compose", "exec", "web"] and container:
                inner = [FIRST_ADMIN.get(argument, argument) for argument in command[4:]]
                flags = [argument for name, value in environment.items() for argument in ("--env", f"{name}={value}")]
                output = run(["buildah", *STORAGE, "run", "--isolation", "chroot", *flags, container, "--", *inner]).stdout
                printed = dict(re.findall(r"^(username|password|one-time code): (\S+)$", output, re.M))
                if not {"username", "password", "one-time code"} <= set(printed):
                    raise StepFailed(f"the first-run step printed no username, password and code:\n{output}")
                if not sign_in(f"http://127.0.0.1:{PORT}", printed["username"], printed["password"], printed["one-time code"]):
                    raise StepFailed("the printed password and code did not open the back office.")
                say("signed in to the back office with the printed password and one-time code")
            else:
                raise StepFailed(f"a step this script does not know how to follow: {line}")
        if container is None:
            raise StepFailed("the steps never started the site.")
        flags = [argument for name, value in environment.items() for argument in ("--env", f"{name}={value}")]
        output = run(["buildah", *STORAGE, "run", "--isolation", "chroot", *flags, container, "--",
                      "python", "manage.py", "backup", "--output", "/tmp/backups"]).stdout  # fmt: skip
        say(f"a backup from inside the container: {output.strip().splitlines()[-1] if output.strip() else 'done'}")
        say("OK: the README's deployment steps work as written")
        return 0
    except (StepFailed, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", "") or ""
        say(f"FAIL {error} {detail.strip()[-800:]}")
        log = folder / "server.log"
        if log.exists():
            print(log.read_text()[-3000:])
        return 1
    finally:
        if server is not None:
            os.killpg(server.pid, 15)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, 9)
        if container:
            subprocess.run(["buildah", *STORAGE, "rm", container], capture_output=True)
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc",
                        f"drop database if exists {database} with (force)"], capture_output=True)  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
