import pytest
from django.core.cache import caches

from tests.factories import UserFactory


def pytest_collection_modifyitems(items):
    """Run the browser tests last: their live server flushes the database afterwards,
    including the rows that data migrations load (countries, groups)."""
    items.sort(key=lambda item: "/tests/browser/" in item.path.as_posix())


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with nothing cached: caches outlive the rollback of a test's database."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
