"""Backup and restore (tools/backups.py): the seeded site with a photo, backed up, restored into
a new database and folders, compared table by table and file by file."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connections

from tests import factories
from tools import backups

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "restored"])  # pg_dump reads what is committed


def table_digests(using):
    """{table: digest of all its rows} for every table of the public schema."""
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        tables = [name for (name,) in cursor.fetchall()]
        digests = {}
        for table in tables:
            cursor.execute(f'SELECT count(*), md5(coalesce(string_agg(t::text, \'|\' ORDER BY t::text), \'\')) FROM "{table}" t')
            digests[table] = cursor.fetchone()
    return digests


def files_in(root):
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest() for path in Path(root).rglob("*") if path.is_file()}


@pytest.fixture
def restored_database():
    """The empty database beside the test database (tests/settings.py), emptied again."""
    with connections["restored"].cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    yield "restored"
    connections["restored"].close()


def test_a_backup_restored_elsewhere_holds_every_row_and_file(settings, tmp_path, restored_database):
    settings.MEDIA_ROOT, settings.HELD_MEDIA_ROOT = tmp_path / "media", tmp_path / "held"
    call_command("load_seed_content", stdout=io.StringIO())
    factories.EventFactory(title="Course with a photo", photo=SimpleUploadedFile("p.png", factories.png_bytes(), content_type="image/png"),
                           photo_alt="Officers in a classroom")
    (tmp_path / "held" / "waiting").mkdir(parents=True)
    (tmp_path / "held" / "waiting" / "change.png").write_bytes(factories.png_bytes())
    before, media, held = table_digests("default"), files_in(tmp_path / "media"), files_in(tmp_path / "held")
    assert media and held and before["activities_event"][0] > 30

    out = io.StringIO()
    call_command("backup", output=tmp_path / "backups" / "daily", stdout=out)  # a folder it makes
    archive = Path(out.getvalue().strip())
    assert archive.parent == tmp_path / "backups" / "daily" and archive.name.startswith("tntd-backup-")
    assert Path(f"{archive}.sha256").exists()

    settings.MEDIA_ROOT, settings.HELD_MEDIA_ROOT = tmp_path / "media-restored", tmp_path / "held-restored"
    backups.restore_backup(archive, using=restored_database)
    assert table_digests(restored_database) == before
    assert files_in(tmp_path / "media-restored") == media and files_in(tmp_path / "held-restored") == held


def test_a_damaged_archive_is_refused_before_anything_is_restored(settings, tmp_path, restored_database):
    settings.MEDIA_ROOT, settings.HELD_MEDIA_ROOT = tmp_path / "media", tmp_path / "held"
    archive = backups.make_backup(tmp_path)
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    with pytest.raises(backups.BackupError):
        backups.restore_backup(archive, using=restored_database)
    assert table_digests(restored_database) == {}


def test_a_member_that_would_land_outside_its_folder_is_refused(settings, tmp_path, restored_database):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = backups.make_backup(tmp_path)
    Path(f"{archive}.sha256").unlink()
    manifest = backups.checked_manifest(archive)
    hostile = tmp_path / "hostile.tar"
    with tarfile.open(archive) as source, tarfile.open(hostile, "w") as tar:
        body = b"x"
        manifest["files"]["media/../../escaped"] = hashlib.sha256(body).hexdigest()
        text = json.dumps(manifest).encode()
        info = tarfile.TarInfo(backups.MANIFEST_MEMBER)
        info.size = len(text)
        tar.addfile(info, io.BytesIO(text))
        for member in source.getmembers():
            if member.name != backups.MANIFEST_MEMBER:
                tar.addfile(member, source.extractfile(member))
        info = tarfile.TarInfo("media/../../escaped")
        info.size = 1
        tar.addfile(info, io.BytesIO(body))
    with pytest.raises(backups.BackupError):
        backups.restore_backup(hostile, using=restored_database)
    assert not (tmp_path.parent / "escaped").exists()


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = backups.make_backup(tmp_path)
    with pytest.raises(CommandError):
        call_command("restore", str(archive))
