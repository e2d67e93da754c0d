"""Make the prepared file of a download of the whole archive (finders/prepared_downloads.py).

The site starts it when a file is missing; an operator may run it ahead of visitors: `manage.py
prepare_download /en/events/export.csv --origin https://tntd.example.org`.
"""

import os

from django.core.management.base import BaseCommand, CommandError
from django.urls import Resolver404

from finders import prepared_downloads


class Command(BaseCommand):
    help = "Make the prepared file of a download of the whole archive, for the content of now."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The download's address, e.g. /en/events/export.csv.")
        parser.add_argument("--origin", required=True, help="The site's scheme and host, e.g. https://tntd.example.org.")

    def handle(self, *args, path, origin, **options):
        if "://" not in origin:
            raise CommandError("--origin is a scheme and a host: https://tntd.example.org")
        if hasattr(os, "nice"):
            os.nice(10)  # after the web processes, on a busy machine
        try:
            made = prepared_downloads.prepare(path, origin)
        except (Resolver404, ValueError) as error:
            raise CommandError(f"{path}: {error or 'no such address'}") from None
        self.stdout.write(f"{path}: {made}" if made else f"{path}: another process is making it")
