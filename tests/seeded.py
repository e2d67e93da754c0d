"""The reference data that migrations load, and the seed content for tests that fetch many
pages once (module-scoped fixtures)."""

from contextlib import contextmanager
from io import StringIO

from django.contrib.auth.models import Group, Permission
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from organisation import reference_data
from organisation.models import Country, Region


def load_reference_data():
    """What the data migrations load (countries, regions, the editorial groups), loaded again
    where a transactional test's flush removed it. The permissions come back by themselves:
    the flush recreates them."""
    if not Country.objects.exists():
        reference_data.load_countries(Country)
    if not Region.objects.exists():
        reference_data.load_regions(Region, Country)
    if not Group.objects.exists():
        reference_data.grant_roles(Group, Permission, reference_data.ROLES)


def kept_at_each_statement():
    """For the rest of the transaction, the database writes what it derives from content (the
    search indexes, their counts, the content version) at the end of each statement, not at
    commit (tntd 0016): for a test's transaction, which is rolled back, never committed."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT content_changes_ready()")  # the session's tables, and their trigger
        cursor.execute("SET CONSTRAINTS content_commit IMMEDIATE")


@contextmanager
def seed_site_for_module(django_db_blocker, tmp_path_factory):
    """For a module-scoped fixture that fetches many pages once: the seed content, empty caches
    and a media folder of its own, in a transaction rolled back on leaving."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        transaction.atomic(),
    ):
        kept_at_each_statement()
        for cache in caches.all():
            cache.clear()
        call_command("load_seed_content", stdout=StringIO())
        yield
        transaction.set_rollback(True)
