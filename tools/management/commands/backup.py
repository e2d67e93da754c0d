"""Back up the site: the database and the uploaded files in one dated, checksummed archive
(tools/backups.py). The archive holds secrets: keep it encrypted (README.md, "Backups")."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tools.backups import BackupError, make_backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into one dated archive, with its checksum."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=Path("."), help="Folder to write the archive into, made if missing (default: here).")

    def handle(self, *args, output, **options):
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"{output} is not a folder that can be written: {error.strerror}.") from None
        try:
            archive = make_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(str(archive))
