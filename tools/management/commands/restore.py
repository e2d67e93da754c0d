"""Restore a backup made by `manage.py backup` into an empty database, after checking every
checksum; its uploaded files go back to MEDIA_ROOT and HELD_MEDIA_ROOT."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tools.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database (and its files), after checking it."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive, **options):
        if not archive.is_file():
            raise CommandError(f"No archive at {archive}.")
        try:
            manifest = restore_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored {archive.name}: the database and {len(manifest['files']) - 1} files.")
