"""Moving a model to another app renames nothing in a deployment's database: an existing
site's old addresses and staff profiles keep their rows, and the permissions granted on them
follow (website 0001, backoffice 0001, tntd 0021)."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connections

PROJECT = Path(__file__).resolve().parent.parent
BEFORE_THE_MOVE = "0020_department_acronym_and_head_in_each_language"

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "restored"])


def migrate(url, *target):
    environment = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)  # the project's own settings, as a deployment runs them
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0", *target],
        cwd=PROJECT, env=environment, check=True, capture_output=True,
    )


@pytest.fixture
def empty_database():
    """The empty database beside the test database (tests/settings.py), as DATABASE_URL."""
    with connections["restored"].cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    database = connections["restored"].settings_dict
    password = f":{quote(database['PASSWORD'], safe='')}" if database.get("PASSWORD") else ""
    host = quote(database["HOST"] or "127.0.0.1", safe="")
    yield f"postgres://{database['USER']}{password}@/{database['NAME']}?host={host}&port={database.get('PORT') or 5432}"
    connections["restored"].close()


def execute(sql):
    with connections["restored"].cursor() as cursor:
        cursor.execute(sql)


def rows(sql):
    with connections["restored"].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def test_a_site_migrated_past_the_move_keeps_its_moved_pages_profiles_and_permissions(empty_database):
    migrate(empty_database, "tntd", BEFORE_THE_MOVE)  # a deployment made before the move, with its permissions
    assert rows("SELECT app_label FROM django_content_type WHERE model = 'movedpage'") == [("tntd",)]
    execute("""
        INSERT INTO auth_user (username, password, is_superuser, first_name, last_name, email, is_staff, is_active,
                               date_joined)
            VALUES ('anna', '!', false, '', '', '', true, true, now());
        INSERT INTO tntd_staffprofile (user_id, second_factor_due, language)
            SELECT id, now(), 'ru' FROM auth_user WHERE username = 'anna';
        INSERT INTO tntd_movedpage (old_path, new_path, moved_at, version) VALUES ('/events/old/', '/events/new/', now(), 1);
        INSERT INTO auth_group_permissions (group_id, permission_id)
            SELECT g.id, p.id FROM auth_group g, auth_permission p WHERE g.name = 'Publishers' AND p.codename = 'change_movedpage';
    """)

    migrate(empty_database)

    assert rows("SELECT old_path, new_path FROM tntd_movedpage") == [("/events/old/", "/events/new/")]
    assert rows("SELECT u.username, p.language FROM tntd_staffprofile p JOIN auth_user u ON u.id = p.user_id") == [("anna", "ru")]
    assert rows("SELECT app_label FROM django_content_type WHERE model = 'movedpage'") == [("website",)]
    assert rows("""
        SELECT c.app_label, p.codename FROM auth_group_permissions gp JOIN auth_group g ON g.id = gp.group_id
        JOIN auth_permission p ON p.id = gp.permission_id JOIN django_content_type c ON c.id = p.content_type_id
        WHERE g.name = 'Publishers' AND p.codename = 'change_movedpage'
    """) == [("website", "change_movedpage")]
