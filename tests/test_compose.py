"""compose.yaml, checked by parsing it: no Docker engine runs on our machines."""

import re
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
COMPOSE_TEXT = (PROJECT / "compose.yaml").read_text()
COMPOSE = yaml.safe_load(COMPOSE_TEXT)


def mounts(service):
    """{volume or path: (where in the container, read-only?)} of a service."""
    found = {}
    for entry in COMPOSE["services"][service].get("volumes", []):
        source, target, *options = entry.split(":")
        found[source] = (target, "ro" in options)
    return found


def published_ports(service):
    """{port on the host: port in the container}."""
    return dict(tuple(entry.split(":")) for entry in COMPOSE["services"][service].get("ports", []))


def test_the_site_is_reached_through_the_proxy_on_port_8000():
    services = COMPOSE["services"]
    assert services["db"]["image"].startswith("postgres:")
    assert services["web"]["build"] == "."
    assert not published_ports("web") and not published_ports("db")  # only the proxy is reachable
    assert published_ports("proxy") == {"8000": "8080"}


def test_the_proxy_serves_the_photos_the_web_container_writes_and_passes_the_rest_on():
    assert mounts("web")["media"] == ("/data/media", False)
    assert mounts("proxy")["media"] == ("/data/media", True)  # read-only
    config_path, _ = mounts("proxy")["./docker/nginx.conf"]
    assert config_path.startswith("/etc/nginx/conf.d/")
    config = (PROJECT / "docker" / "nginx.conf").read_text()
    media = re.search(r"location /media/ \{(.*?)\}", config, re.S).group(1)
    assert "alias /data/media/;" in media and "nosniff" in media
    assert re.search(r"listen 8080;", config) and "proxy_pass http://web:8000;" in config


def test_postgres_data_lives_on_a_named_volume():
    assert {"postgres-data", "media"} <= set(COMPOSE["volumes"])
    assert mounts("db")["postgres-data"] == ("/var/lib/postgresql/data", False)


def test_web_waits_for_a_healthy_database():
    db_check = COMPOSE["services"]["db"]["healthcheck"]["test"]
    assert "pg_isready" in " ".join(db_check)
    assert COMPOSE["services"]["web"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_web_environment_points_at_the_database_and_loads_the_seed_content():
    env = COMPOSE["services"]["web"]["environment"]
    db = COMPOSE["services"]["db"]["environment"]
    assert env["DATABASE_URL"].startswith(f"postgres://{db['POSTGRES_USER']}:")
    assert env["DATABASE_URL"].endswith(f"@db:5432/{db['POSTGRES_DB']}")
    assert "DJANGO_SECRET_KEY" in env and ":?" in env["DJANGO_SECRET_KEY"]  # required, no default
    assert env["DJANGO_LOAD_SEED_CONTENT"].endswith("1}")


def compose_default(value):
    """What compose substitutes for `${NAME:-default}` when neither the shell nor deploy.env sets NAME."""
    return re.sub(r"\$\{[A-Z0-9_]+:-([^}]*)\}", r"\1", str(value))


def test_the_site_answers_on_plain_http_localhost_by_default():
    env = COMPOSE["services"]["web"]["environment"]
    assert "localhost" in compose_default(env["DJANGO_ALLOWED_HOSTS"]).split(",")
    # Without a TLS proxy in front, an HTTPS redirect or secure-only cookies would lock the
    # visitor (and the admin's sign-in) out of http://localhost:8000.
    for switch in ("DJANGO_SECURE_SSL_REDIRECT", "DJANGO_SESSION_COOKIE_SECURE", "DJANGO_CSRF_COOKIE_SECURE"):
        assert compose_default(env[switch]) == "0", switch
    assert compose_default(env["DJANGO_SECURE_HSTS_SECONDS"]) == "0"


def test_the_example_env_file_names_everything_compose_requires():
    required = set(re.findall(r"\$\{([A-Z0-9_]+):\?", COMPOSE_TEXT))
    example = {line.split("=", 1)[0] for line in (PROJECT / "deploy.env.example").read_text().splitlines() if "=" in line and not line.startswith("#")}
    assert required and required <= example


def test_every_web_replica_shares_one_redis_and_the_volumes():
    services = COMPOSE["services"]
    web = services["web"]
    assert compose_default(web["environment"]["REDIS_URL"]) == "redis://redis:6379/0"
    assert web["depends_on"]["redis"]["condition"] == "service_healthy" and "healthcheck" in services["redis"]
    # Replicas: no fixed container name or host port on web (the proxy publishes 8000), and the
    # photos and prepared downloads on named volumes every replica mounts.
    assert "container_name" not in web and "ports" not in web
    assert {"media", "held", "downloads"} <= set(mounts("web"))
