"""compose.yaml, checked by parsing it: no Docker engine runs on our machines."""

from pathlib import Path

import yaml

COMPOSE = yaml.safe_load((Path(__file__).resolve().parent.parent / "compose.yaml").read_text())


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
