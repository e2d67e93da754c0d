"""What the database derives from content (tntd 0016, search/sql.py): the search indexes,
their key counts and the content version stay right whatever wrote the rows (the ORM, bulk
inserts, bulk updates, loaddata, raw SQL, TRUNCATE, another process), each record's rows are
written once per transaction, and a change is public within a second of its commit."""

import datetime
import json
import threading
import time
from io import StringIO

import pytest
from django.core import checks
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import Client

from activities.filters import EventFilterSet
from activities.models import Event, EventIndexEntry
from news.models import NewsIndexEntry, NewsItem
from organisation.models import Country, Region, Theme
from publishing.models import Status, publishing_writes
from search import counts
from tests import factories
from tests.seeded import kept_at_each_statement
from tests.test_production_settings import last_line, manage, production_env
from tntd import settings as project_settings
from website import caching

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    albania, serbia = Country.objects.get(code="AL"), Country.objects.get(code="RS")
    policing, cyber = factories.ThemeFactory(slug="policing"), factories.ThemeFactory(slug="cyber")
    for number in range(6):
        factories.EventFactory(venue_country=albania if number % 2 else serbia, countries=[albania],
                               themes=[policing, cyber][: 1 + number % 2])
        factories.NewsItemFactory(countries=[serbia], themes=[cyber])
    factories.EventFactory(status=Status.DRAFT, venue_country=albania, themes=[policing])
    return {"albania": albania, "serbia": serbia, "policing": policing, "cyber": cyber}


def counted_now(index_model):
    """{key: public rows} counted over the index's rows one by one: the oracle."""
    return index_model.facets_model.objects.published().facet_key_counts()


def drift(index_model):
    """The index's own check (rebuild_search_index --check): {problem: rows} where any."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT problem, found FROM {index_model.spec.name}_check()")
        return {problem: found for problem, found in cursor.fetchall() if found}


def assert_kept(*index_models):
    for index_model in index_models or (EventIndexEntry, NewsIndexEntry):
        assert counts.key_counts(index_model) == counted_now(index_model)
        assert drift(index_model) == {}


def built_events(prefix, number):
    """Events made in memory, as bulk_create takes them (it runs no save(), which sets ends_on)."""
    events = [factories.EventFactory.build(slug=f"{prefix}-{n}") for n in range(number)]
    for event in events:
        event.ends_on = event.start_date
    return events


def insert_event_with_sql(cursor, slug, country_code, status="published"):
    """An event as a SQL import or another application writes it: no Django code runs."""
    cursor.execute("SELECT set_config('editorial.step', 'import', true)")  # an operator's import (publishing.models)
    cursor.execute(
        """INSERT INTO activities_event (created_at, updated_at, photo, photo_caption, photo_credit, photo_alt, status,
               title, slug, event_type, start_date, date_precision, ends_on, venue_city, is_online, summary, body,
               calendar_sequence, event_status, version, venue_country_id)
           SELECT now(), now(), '', '', '', '', %s, %s, %s, 'workshop', '2026-06-01', 'day', '2026-06-01', 'Bishkek',
               false, 'Written with SQL.', '', 0, 'scheduled', 1, id FROM tntd_country WHERE code = %s
           RETURNING id""",
        [status, f"Imported {slug}", slug, country_code],
    )
    return cursor.fetchone()[0]


# --- Every way of writing keeps the counts -----------------------------------------------------


def test_the_kept_counts_are_the_public_rows_counted(archive):
    assert_kept()
    assert counts.archive_total(EventFilterSet) == 6
    assert counts.archive_count(EventFilterSet, "country", archive["albania"]) == 6
    assert counts.archive_count(EventFilterSet, "theme", archive["cyber"]) == 3


def test_saves_links_and_deletes_through_the_orm(archive):
    event = Event.objects.filter(status=Status.PUBLISHED).first()
    event.title = "Renamed"
    event.venue_country = Country.objects.get(code="KG")
    event.save()
    event.themes.set([archive["cyber"]])
    event.countries.add(archive["serbia"])
    NewsItem.objects.first().delete()
    archive["policing"].delete()  # its links go by cascade
    Region.objects.get(slug="central-asia").countries.remove(Country.objects.get(code="KG"))  # keys the index follows
    assert_kept()


def test_bulk_inserts_and_bulk_updates(archive):
    with publishing_writes():
        made = Event.objects.bulk_create(built_events("bulk", 5))
        Event.countries.through.objects.bulk_create(
            [Event.countries.through(event_id=event.pk, country=archive["serbia"]) for event in made]
        )
        Event.objects.filter(pk=made[0].pk).update(status=Status.DRAFT)
    assert counts.archive_count(EventFilterSet, "country", archive["serbia"]) == 3 + 4
    assert_kept()


def test_raw_sql_and_truncate(archive):
    with connection.cursor() as cursor:
        insert_event_with_sql(cursor, "raw", "KG")
        cursor.execute("UPDATE activities_event SET event_type = 'conference' WHERE slug = 'raw'")
        cursor.execute("DELETE FROM activities_event_themes WHERE theme_id = %s", [archive["policing"].pk])
        assert_kept()
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the links' foreign keys, checked before a TRUNCATE
        cursor.execute("TRUNCATE news_newsitem_themes")
    assert counts.archive_count(EventFilterSet, "country", Country.objects.get(code="KG")) == 1
    assert_kept()


def test_loaddata(archive, tmp_path):
    fixture = tmp_path / "events.json"
    fixture.write_text(json.dumps([{
        "model": "activities.event",
        "fields": {"title": "Loaded workshop", "slug": "loaded", "event_type": "workshop", "start_date": "2026-06-01",
                   "ends_on": "2026-06-01", "status": "published", "venue_country": archive["serbia"].pk,
                   "themes": [archive["cyber"].pk], "created_at": "2026-01-01T00:00:00Z",
                   "updated_at": "2026-01-01T00:00:00Z"},
    }]))
    with publishing_writes():
        call_command("loaddata", str(fixture), stdout=StringIO())
    assert counts.archive_count(EventFilterSet, "theme", archive["cyber"]) == 4
    assert_kept()


def test_a_scheduled_record_counts_only_within_its_window(archive, time_machine):
    now = datetime.datetime.now(datetime.UTC)
    factories.EventFactory(venue_country=Country.objects.get(code="KG"), publish_at=now + datetime.timedelta(hours=1))
    factories.NewsItemFactory(published_on=(now + datetime.timedelta(days=2)).date(), countries=[archive["albania"]])
    kyrgyzstan = Country.objects.get(code="KG")
    assert counts.archive_count(EventFilterSet, "country", kyrgyzstan) == 0
    assert_kept()
    time_machine.move_to(now + datetime.timedelta(days=3), tick=False)
    assert counts.archive_count(EventFilterSet, "country", kyrgyzstan) == 1
    assert counts.key_counts(NewsIndexEntry)["*"] == 7
    assert_kept()


# --- Where pages read them ---------------------------------------------------------------------------


def test_the_unfiltered_finder_shows_the_kept_counts(client, archive):
    with connection.cursor() as cursor:  # a planted figure shows where the page reads its counts
        cursor.execute("INSERT INTO search_index_key_counts VALUES ('event_index', %s, 99, 4236)",
                       [f"themes:{archive['cyber'].pk}"])
    assert "(4239<" in client.get("/en/events/").text  # 3 cyber events, and the planted 4,236
    assert "4239" not in client.get("/en/events/?country=rs").text  # filtered: counted over the rows


def test_rebuild_search_index_checks_and_repairs(archive):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_index_key_counts VALUES ('event_index', '*', 99, 1)")
        cursor.execute("DELETE FROM activities_eventindexfacets WHERE event_id = (SELECT min(event_id) FROM activities_eventindexfacets)")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("rebuild_search_index", "--check", stdout=out)
    assert "event_index: facet rows unlike their index row: 1" in out.getvalue()
    assert "event_index: key counts unlike a count of the rows: " in out.getvalue()
    call_command("rebuild_search_index", "event_index", stdout=StringIO())
    call_command("rebuild_search_index", "--check", stdout=StringIO())
    assert_kept()


def test_rebuild_search_index_refuses_an_unknown_index():
    with pytest.raises(CommandError, match="No index nope"):
        call_command("rebuild_search_index", "nope", stdout=StringIO())


# --- The system checks that keep the spec, the finders and the database in agreement --------------


def test_the_database_runs_what_the_specs_make():
    assert checks.run_checks(databases=["default"], tags=[checks.Tags.database]) == []


def test_a_function_unlike_its_spec_is_an_error():
    with connection.cursor() as cursor:
        cursor.execute("CREATE OR REPLACE FUNCTION event_index_key_counts(timestamptz, date)"
                       " RETURNS TABLE (key text, n bigint) LANGUAGE sql AS $$ SELECT '*', 0::bigint $$")
    errors = checks.run_checks(databases=["default"], tags=[checks.Tags.database])
    assert [error.id for error in errors] == ["tntd.E104"]
    assert "event_index_key_counts()" in errors[0].msg


def test_public_content_without_a_trigger_is_an_error():
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER content_changed ON tntd_budget")
    errors = checks.run_checks(databases=["default"], tags=[checks.Tags.database])
    assert [error.id for error in errors] == ["tntd.E105"] and "tntd_budget" in errors[0].msg


def test_a_facet_filtering_other_keys_than_its_spec_counts_is_an_error(monkeypatch):
    monkeypatch.setattr(EventFilterSet.base_filters["theme"], "field_name", "units")
    assert [error.id for error in checks.run_checks()] == ["tntd.E103"]


# --- Committed: one write per record, visible to others at once, editors at the same time ---------


def index_rows_written():
    """Rows this transaction inserted into the events index and its facet rows (on a connection
    that has run nothing else: a backend's counts of earlier transactions may not be flushed yet)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, n_tup_ins FROM pg_stat_xact_user_tables"
                       " WHERE relname IN ('activities_eventindexentry', 'activities_eventindexfacets')")
        return dict(cursor.fetchall())


@pytest.mark.django_db(transaction=True)
def test_a_transaction_writes_each_record_once_however_many_statements_touch_it():
    """An import: a batch of records, then each kind of link in a statement of its own."""
    theme, unit = factories.ThemeFactory(), factories.UnitFactory()
    connection.close()  # a new server process (index_rows_written)
    with transaction.atomic(), publishing_writes():
        made = Event.objects.bulk_create(built_events("import", 40))
        for relation, target in ((Event.themes, theme), (Event.units, unit), (Event.countries, Country.objects.first())):
            through = relation.through
            column = through._meta.get_field(relation.field.m2m_reverse_field_name()).attname
            through.objects.bulk_create([through(event_id=event.pk, **{column: target.pk}) for event in made])
        Event.objects.filter(pk__in=[event.pk for event in made[:10]]).update(summary="Corrected")
        kept_at_each_statement()  # what the commit would do, done now, to read this transaction's statistics
        assert index_rows_written() == {"activities_eventindexentry": 40, "activities_eventindexfacets": 40}
    assert_kept()


def in_another_connection(read):
    """What `read()` returns on a connection of its own, as another request would see it."""
    found = []

    def run():
        try:
            found.append(read())
        finally:
            connection.close()

    reader = threading.Thread(target=run)
    reader.start()
    reader.join()
    return found[0]


@pytest.mark.django_db(transaction=True)
def test_others_see_a_change_at_its_commit_not_before():
    before = caching.content_version()
    with transaction.atomic():
        event = factories.EventFactory(title="Committed later")
        indexed = EventIndexEntry.objects.filter(pk=event.pk).exists
        assert in_another_connection(caching.content_version) == before
        assert not in_another_connection(indexed)
    assert in_another_connection(caching.content_version) != before
    assert in_another_connection(indexed)


@pytest.fixture
def page_cache(settings):
    settings.CACHES = {**settings.CACHES, "default": project_settings.CACHES["default"]}


@pytest.mark.django_db(transaction=True)
def test_an_event_written_with_raw_sql_is_public_within_a_second(page_cache):
    """With the page cache on: pages cached before the import are not served after it."""
    client = Client()
    urls = ["/en/countries/kg/", "/en/events/?country=kg", "/api/v1/events/?country=kg"]
    for url in urls:
        assert "imported-from-sql" not in client.get(url).text.lower().replace(" ", "-")
    with transaction.atomic(), connection.cursor() as cursor:
        insert_event_with_sql(cursor, "imported-from-sql", "KG")
    committed = time.monotonic()
    for url in urls:
        while "imported-from-sql" not in client.get(url).text.lower().replace(" ", "-"):
            assert time.monotonic() - committed < 1, f"{url} does not show the import after a second"
            time.sleep(0.05)


def save_events(ids, errors, started):
    """An editor's saves: a title and a country link each, one transaction per save."""
    started.wait()
    try:
        kyrgyzstan = Country.objects.get(code="KG")
        for pk in ids:
            with transaction.atomic():
                event = Event.objects.get(pk=pk)
                event.title = f"{event.title} (edited)"
                event.save()
                event.countries.add(kyrgyzstan)
    except Exception as error:  # noqa: BLE001 (reported by the test)
        errors.append(error)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_editors_saving_at_once_neither_fail_nor_miscount():
    events = [factories.EventFactory(slug=f"edited-{n}") for n in range(32)]
    errors, started = [], threading.Barrier(8)
    editors = [threading.Thread(target=save_events, args=([e.pk for e in events[n::8]], errors, started))
               for n in range(8)]
    for editor in editors:
        editor.start()
    for editor in editors:
        editor.join()
    assert errors == []
    assert counts.archive_count(EventFilterSet, "country", Country.objects.get(code="KG")) == 32
    assert_kept(EventIndexEntry)


@pytest.mark.django_db(transaction=True)
def test_a_change_from_another_process_reaches_this_ones_pages(page_cache):
    client = Client()
    factories.ThemeFactory(name="Policing", slug="policing")
    assert "Police reform" not in client.get("/en/themes/").text
    script = "from organisation.models import Theme; Theme.objects.filter(slug='policing').update(name='Police reform'); print('done')"
    result = manage("shell", "-c", script, **production_env())
    assert last_line(result) == "done", result.stderr
    assert "Police reform" in client.get("/en/themes/").text


def test_theme_names_are_not_in_the_index(archive):
    """A renamed theme changes no index row: its pages are made stale by the version alone."""
    before = EventIndexEntry.objects.order_by("pk").values_list("facets", flat=True)
    before = list(before)
    Theme.objects.filter(pk=archive["policing"].pk).update(name="Police development")
    assert list(EventIndexEntry.objects.order_by("pk").values_list("facets", flat=True)) == before


def test_a_publishable_table_without_the_publishing_guard_is_an_error():
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER news_newsitem_publishing_guard ON news_newsitem")
    errors = checks.run_checks(databases=["default"], tags=[checks.Tags.database])
    assert [(error.id, error.obj._meta.label) for error in errors] == [("editorial.E001", "news.NewsItem")]
