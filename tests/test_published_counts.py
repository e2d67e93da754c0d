"""Stored published counts (tntd.counts): pages read the same with them as counted live, they
never count drafts, and a failed refresh leaves pages counting live rather than wrong."""

import pytest
from django.db import DatabaseError

from tests import factories
from tntd import caching, counts
from tntd.models import Country, PublishedCount
from tntd.publishing import Status, publishing_writes

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    albania, serbia = Country.objects.get(code="AL"), Country.objects.get(code="RS")
    policing, cyber = factories.ThemeFactory(slug="policing"), factories.ThemeFactory(slug="cyber")
    unit = factories.UnitFactory(slug="spmu")
    presence = factories.OsceStructureFactory(slug="presence-in-albania")
    for number in range(6):
        factories.EventFactory(venue_country=albania if number % 2 else serbia, countries=[albania],
                               themes=[policing, cyber][: 1 + number % 2], units=[unit], structures=[presence])
        factories.NewsItemFactory(countries=[serbia], themes=[cyber], structures=[presence])
    # Drafts everywhere the published content is: none of them may be counted.
    factories.EventFactory(status=Status.DRAFT, venue_country=albania, countries=[serbia], themes=[policing],
                           units=[unit], structures=[presence])
    factories.NewsItemFactory(status=Status.DRAFT, countries=[albania], themes=[policing], structures=[presence])


PAGES = ["/en/", "/en/events/", "/en/events/?country=al", "/en/events/?page=1&sort=title", "/en/news/", "/en/news/?theme=cyber",
         "/en/themes/", "/en/countries/", "/en/countries/al/", "/en/countries/rs/", "/en/themes/policing/", "/en/units/spmu/",
         "/en/structures/presence-in-albania/", "/sitemap.xml",
         "/ru/", "/ru/events/", "/ru/news/", "/ru/countries/", "/ru/themes/"]


def rendered(client):
    return {url: client.get(url).content.decode() for url in PAGES}


def test_pages_read_the_same_with_stored_counts_as_counted_live(client, archive):
    live = rendered(client)
    counts.refresh()
    assert PublishedCount.objects.exists()
    assert rendered(client) == live


def test_stored_counts_are_the_published_archive(archive):
    counts.refresh()
    events = counts.summary(factories.EventFactory._meta.model)
    assert events.total == 6
    assert events.count("country", "AL") == 6 and events.count("country", "RS") == 3
    assert events.count("theme", "policing") == 6 and events.count("theme", "cyber") == 3
    assert events.count("unit", "spmu") == 6
    news = counts.summary(factories.NewsItemFactory._meta.model)
    assert news.total == 6
    assert news.count("country", "AL") == 0 and news.count("theme", "policing") == 0


def test_the_finder_shows_stored_counts_without_counting(client, archive, django_assert_max_num_queries):
    counts.refresh()
    # A planted figure proves where the finder reads its counts: the stored row, not a count.
    PublishedCount.objects.filter(content="activities.event", facet="theme", value="cyber").update(count=4242)
    assert "4242" in client.get("/en/events/").content.decode()
    assert "4242" not in client.get("/en/events/?country=rs").content.decode()  # filtered: counted live


def test_stored_counts_name_the_choices_in_each_language(client, archive):
    counts.refresh()
    english, russian = (client.get(f"/{language}/events/").content.decode() for language in ("en", "ru"))
    assert "Albania" in english and "Serbia" in english
    # Russian names, in Russian order: «Албания» before «Сербия».
    assert "Албания" in russian and "Сербия" in russian
    assert russian.index("Албания") < russian.index("Сербия")
    assert 'name="country" value="AL"' in russian  # the addresses are the same in every language


@pytest.mark.parametrize("stored", [True, False], ids=["stored", "counted live"])
def test_choices_are_in_the_order_of_the_page_language(client, stored):
    # Afghanistan comes before Albania in English; «Албания» before «Афганистан» in Russian.
    afghanistan, albania = Country.objects.get(code="AF"), Country.objects.get(code="AL")
    factories.EventFactory(countries=[afghanistan, albania])
    if stored:
        counts.refresh()
    english, russian = (client.get(f"/{language}/events/").content.decode() for language in ("en", "ru"))
    assert english.index('value="AF"') < english.index('value="AL"')
    assert russian.index('value="AL"') < russian.index('value="AF"')


def test_a_failed_refresh_leaves_pages_counting_live(client, archive, monkeypatch, caplog):
    counts.refresh()
    PublishedCount.objects.filter(facet="").update(count=999)  # what an out-of-date total would say

    def broken():
        raise DatabaseError("canceling statement due to statement timeout")

    monkeypatch.setattr(counts, "live_rows", broken)
    counts.refresh()
    assert not PublishedCount.objects.exists()
    assert "could not be refreshed" in caplog.text
    assert "<strong>6</strong> events" in client.get("/en/events/").content.decode()


def test_a_committed_change_refreshes_the_counts_once(archive, django_capture_on_commit_callbacks, monkeypatch):
    counts.refresh()
    theme = factories.ThemeFactory(slug="new-theme")
    refreshes = []
    real_refresh = counts.refresh
    monkeypatch.setattr(counts, "refresh", lambda: refreshes.append(1) or real_refresh())
    with django_capture_on_commit_callbacks(execute=True):
        # One transaction, many signals: a save and its links, as the admin makes them.
        event = factories.EventFactory(status=Status.DRAFT)
        event.themes.set([theme])
        with publishing_writes():
            event.status = Status.PUBLISHED
            event.save()
    assert len(refreshes) == 1
    stored = counts.summary(event._meta.model)
    assert stored.total == 7 and stored.count("theme", "new-theme") == 1


def test_a_budget_change_bumps_the_version_without_recounting(archive, django_capture_on_commit_callbacks, monkeypatch):
    """No count depends on budgets or departments: their changes spare the recount."""
    refreshes = []
    monkeypatch.setattr(counts, "refresh", lambda: refreshes.append(1))
    # What the archive's creation left pending: its transaction never commits in a test.
    monkeypatch.setattr(caching.pending_refresh, "recount", {})
    before = caching.content_version()
    with django_capture_on_commit_callbacks(execute=True):
        factories.BudgetFactory()
    assert refreshes == [] and caching.content_version() != before
    with django_capture_on_commit_callbacks(execute=True):
        factories.ThemeFactory()
    assert refreshes == [1]
