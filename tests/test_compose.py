"""compose.yaml, checked by parsing it: no Docker engine runs on our machines."""

import re
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
COMPOSE_TEXT = (PROJECT / "compose.yaml").read_text()
COMPOSE = yaml.safe_load(COMPOSE_TEXT)


def test_web_and_database_services():
    assert set(COMPOSE["services"]) == {"web", "db"}
    assert COMPOSE["services"]["db"]["image"].startswith("postgres:")
    assert COMPOSE["services"]["web"]["build"] == "."
    assert "8000:8000" in COMPOSE["services"]["web"]["ports"]


def test_postgres_data_and_media_live_on_named_volumes():
    assert {"postgres-data", "media"} <= set(COMPOSE["volumes"])
    assert "postgres-data:/var/lib/postgresql/data" in COMPOSE["services"]["db"]["volumes"]
    assert "media:/data/media" in COMPOSE["services"]["web"]["volumes"]


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
    """What compose substitutes for `${NAME:-default}` when neither the shell nor .env sets NAME."""
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
    example = {line.split("=", 1)[0] for line in (PROJECT / ".env.example").read_text().splitlines() if "=" in line and not line.startswith("#")}
    assert required and required <= example
