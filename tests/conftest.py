import shutil

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.cache import caches
from django.utils import translation
from pytest_django.plugin import blocking_manager_key

from organisation import reference_data
from tests.factories import UserFactory
from tests.seeded import kept_at_each_statement, load_reference_data
from tests.test_admin import user_in_group


def pytest_collection_modifyitems(items):
    """Run the browser tests last: their live server flushes the database afterwards,
    including the rows that data migrations load (countries, groups)."""
    items.sort(key=lambda item: "/tests/browser/" in item.path.as_posix())


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (a browser test's live server, the statement timeout's) ends by
    flushing the database, and the rows data migrations load with it. In one process
    pytest-django runs such tests last; on several workers (make test) other tests may follow
    on the same worker: once every fixture of the test is torn down, the flush done, the rows
    are loaded again."""
    result = yield
    if is_transactional(item) and nextitem is not None:  # after the last test, the test database is gone
        with item.config.stash[blocking_manager_key].unblock():
            load_reference_data()
    return result


@pytest.fixture(autouse=True)
def english_to_start_with():
    """Each test starts in English, the site's default: a request to a /ru/ page leaves Russian
    active in the thread, and with it `event.title = ...` would write the Russian column."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def no_prepared_downloads():
    """Each test starts with no prepared download: its content version, rolled back with the
    test, comes again in the next one, which must not be served the file of another's content."""
    shutil.rmtree(settings.DOWNLOADS_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with nothing cached: caches outlive the rollback of a test's database."""
    for cache in caches.all():
        cache.clear()


def is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return "transactional_db" in getattr(item, "fixturenames", ()) or bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture(autouse=True)
def derived_data_at_each_statement(request):
    """A test in a transaction never commits: the database writes the search indexes, their
    counts and the content version at the end of each statement instead (tntd 0016), so
    that the test sees them as a visitor sees them after a commit. Transactional tests
    commit, and see them written at commit as on the site."""
    uses_database = request.node.get_closest_marker("django_db") or "db" in request.fixturenames
    if uses_database and not is_transactional(request.node):
        request.getfixturevalue("db")
        kept_at_each_statement()


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


# The back office's roles (tests.test_admin.user_in_group), signed in by each test as needed.


@pytest.fixture
def editor(db):
    return user_in_group("Editors")


@pytest.fixture
def other_editor(editor):
    """A second Editor, to edit the same record as the first."""
    user = UserFactory(username="second-editor")
    user.groups.add(*editor.groups.all())
    return user


@pytest.fixture
def publisher(db):
    return user_in_group("Publishers")


@pytest.fixture
def roles(transactional_db):
    """The Editors, Publishers and Finance groups, which a previous transactional test's flush may
    have removed with the other rows that migrations load (the permissions come back by themselves)."""
    reference_data.grant_roles(Group, Permission, reference_data.ROLES)
