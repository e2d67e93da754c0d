"""Models and migrations must agree: a model change without its migration fails here; and the
migrations that make the database's functions and triggers hold their SQL as literal text."""

import ast
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command


@pytest.mark.django_db
def test_no_pending_migrations():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"Models have changes without a migration:\n{out.getvalue()}")


PROJECT_PACKAGES = ("tntd", "activities", "news", "editorial")


def migration_files():
    root = Path(settings.BASE_DIR)
    return sorted(path for package in PROJECT_PACKAGES for path in (root / package / "migrations").glob("0*.py"))


def project_imports(path):
    """The project modules a migration imports, and whether it imports modules by name."""
    tree = ast.parse(path.read_text())
    names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    names += [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module]
    by_name = any(isinstance(node, ast.Name) and node.id == "import_module" for node in ast.walk(tree))
    return [name for name in names if name.split(".")[0] in PROJECT_PACKAGES], by_name


@pytest.mark.parametrize("path", migration_files(), ids=lambda path: f"{path.parent.parent.name}/{path.name}")
def test_a_migration_that_makes_triggers_or_functions_holds_their_sql_and_imports_none_of_the_project(path):
    """What a migration does on a fresh database never changes with today's code (issue 19)."""
    source = path.read_text()
    if not re.search(r"CREATE (OR REPLACE )?(FUNCTION|TRIGGER|CONSTRAINT TRIGGER)", source):
        return
    imported, by_name = project_imports(path)
    assert imported == [] and not by_name, f"{path} imports {imported}"


@pytest.mark.django_db
@pytest.mark.parametrize(("app", "migration", "text"), [
    ("tntd", "0016", "CREATE CONSTRAINT TRIGGER content_commit AFTER INSERT ON pg_temp.content_changes"),
    ("activities", "0018", "CREATE OR REPLACE FUNCTION event_index_refresh(ids bigint[])"),
    ("news", "0018", "CREATE OR REPLACE FUNCTION news_index_key_counts(timestamptz, date)"),
])
def test_sqlmigrate_shows_the_sql_an_index_migration_runs(app, migration, text):
    out = io.StringIO()
    call_command("sqlmigrate", app, migration, stdout=out)
    assert text in out.getvalue()
