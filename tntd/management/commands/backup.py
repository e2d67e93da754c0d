"""Back up the site: the database and the uploaded files in one dated, checksummed archive
(tntd/backups.py). The archive holds secrets: keep it encrypted (README.md, "Backups")."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tntd.backups import BackupError, make_backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into one dated archive, with its checksum."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=Path("."), help="Folder to write the archive into (default: here).")

    def handle(self, *args, output, **options):
        if not output.is_dir():
            raise CommandError(f"{output} is not a folder.")
        try:
            archive = make_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(str(archive))
