"""The plans PostgreSQL runs for the public pages: no query reads the events or news tables
once per option (per country, per theme...) or once per row.

Each page is requested over a few thousand synthetic events; every SELECT it ran is then
explained with EXPLAIN (ANALYZE, FORMAT JSON). With parallel workers and nested-loop joins
switched off, a query that reads a content table more than once per execution can only be
doing so through a correlated subquery, which is the shape that made /events/ and /themes/
grow with the number of countries and themes (a SubPlan executed once per country).
"""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F, Func, OuterRef, Subquery
from django.test.utils import CaptureQueriesContext

from activities.models import Event, EventIndexEntry
from news.models import NewsItem
from organisation.models import Country, OsceStructure, Theme, Unit

pytestmark = pytest.mark.django_db

EVENTS, NEWS_ITEMS = 2000, 400


def content_tables():
    """The events and news tables, their link tables and search index: what grows with the archive."""
    tables = {EventIndexEntry._meta.db_table}
    for model in (Event, NewsItem):
        tables.add(model._meta.db_table)
        tables.update(field.remote_field.through._meta.db_table for field in model._meta.many_to_many)
    return tables


def scans(plan):
    """Every node of a plan tree."""
    yield plan
    for child in plan.get("Plans", ()):
        yield from scans(child)


def repeated_scans(sql, tables):
    """[(table, node type, times executed)] for each read of a content table that ran more than once."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        cursor.execute("SET LOCAL enable_nestloop = off")
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0]
        cursor.execute("RESET max_parallel_workers_per_gather")
        cursor.execute("RESET enable_nestloop")
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return [
        (node["Relation Name"], node["Node Type"], node["Actual Loops"])
        for node in scans(plan[0]["Plan"])
        if node.get("Relation Name") in tables and node["Actual Loops"] > 1
    ]


@pytest.fixture
def archive():
    call_command("generate_benchmark_content", events=EVENTS, news=NEWS_ITEMS, seed=7, verbosity=0)


def public_pages():
    country = Country.objects.filter(events_hosted__isnull=False).first()
    theme, unit, structure = Theme.objects.first(), Unit.objects.first(), OsceStructure.objects.first()
    return [
        "/en/",
        "/en/events/",
        f"/en/events/?country={country.code.lower()}&theme={theme.slug}&type=workshop",
        "/en/events/?q=terrorism",
        "/en/events/?when=upcoming&sort=title&page=2",
        "/en/news/",
        f"/en/news/?country={country.code.lower()}&theme={theme.slug}",
        "/en/news/?q=border",
        "/en/themes/",
        "/en/countries/",
        country.get_absolute_url(),
        theme.get_absolute_url(),
        unit.get_absolute_url(),
        structure.get_absolute_url(),
    ]


def test_no_page_reads_the_archive_once_per_option_or_row(client, archive):
    assert Event.objects.published().count() > 1500  # thousands of events, as the plans must hold at scale
    tables = content_tables()
    problems = []
    for url in public_pages():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200, url
        selects = [query["sql"] for query in context.captured_queries if query["sql"].startswith("SELECT")]
        assert selects, url
        for sql in selects:
            problems += [f"{url}: {table} read {loops} times ({node})\n  {sql[:300]}"
                         for table, node, loops in repeated_scans(sql, tables)]
    assert not problems, "\n".join(problems)


def test_the_check_catches_a_count_per_option():
    """The old country facet (a correlated count per country) is what the check above must catch:
    its subquery reads the events table once per country, even while the table is empty."""
    per_country = (
        Event.objects.filter(venue_country=OuterRef("pk")).order_by()
        .annotate(n=Func(F("pk"), function="COUNT")).values("n")
    )
    sql = str(Country.objects.annotate(n=Subquery(per_country)).values_list("code", "n").query)
    assert repeated_scans(sql, content_tables())
