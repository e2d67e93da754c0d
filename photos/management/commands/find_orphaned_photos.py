"""List (or delete, with --delete) the stored files nothing refers to any more.

A photo is kept while a record, a pending change or a revision names it; a rendition while its
photo is; a photo kept from a form with errors for KEPT_FOR. Every app's file fields are read.
"""

import datetime
import posixpath

import reversion
from django.apps import apps
from django.core.files.storage import storages
from django.core.management.base import BaseCommand
from django.db import models
from django.utils import timezone
from reversion.errors import RevertError
from reversion.models import Version

from photos.models import KEPT_FOR, KEPT_UPLOADS, held_photos

RENDITIONS = "CACHE/images/"  # django-imagekit's: CACHE/images/<photo's name without extension>/<hash>.jpg


def walk(storage, folder=""):
    """Every file's name under `folder` of `storage`."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield posixpath.join(folder, name)
    for name in folders:
        yield from walk(storage, posixpath.join(folder, name))


def storage_alias(field):
    """Which of settings.STORAGES a file field writes to: "held" or "default"."""
    return "held" if getattr(field, "_storage_callable", None) is held_photos else "default"


def referenced(alias):
    """The names that records, and their revisions, give files of the storage `alias`."""
    names = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.FileField) or storage_alias(field) != alias:
                continue
            names.update(model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True))
            if not reversion.is_registered(model):
                continue
            for version in Version.objects.get_for_model(model).iterator():
                try:
                    value = version.field_dict.get(field.name)
                except RevertError:  # a revision the model can no longer read: it names nothing usable
                    continue
                if value:
                    names.add(str(value))
    return names


class Command(BaseCommand):
    help = "List the stored photos and renditions nothing refers to; --delete removes them."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Delete the files found.")

    def handle(self, *args, delete=False, **options):
        found = [*self.orphans("default"), *self.orphans("held")]
        for alias, name in found:
            self.stdout.write(f"{alias}: {name}")
            if delete:
                storages[alias].delete(name)
        verb = "Deleted" if delete else "Found"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(found)} orphaned file(s)."))

    def orphans(self, alias):
        storage = storages[alias]
        kept = referenced(alias)
        sources = {name.rsplit(".", 1)[0] for name in kept}
        recently = timezone.now() - datetime.timedelta(seconds=KEPT_FOR)
        for name in walk(storage):
            if name in kept:
                continue
            if name.startswith(RENDITIONS) and posixpath.dirname(name.removeprefix(RENDITIONS)) in sources:
                continue
            if name.startswith(KEPT_UPLOADS) and storage.get_modified_time(name) > recently:
                continue
            yield alias, name
