"""The finders' search indexes (search/index.py, PostgreSQL only) gives exactly
what the records give: the same events in the same order, the same counts, after any kind
of change, since its rows are kept by the database's triggers in the same transaction."""

import datetime
import re
from collections import Counter

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activities.filters import EventFilterSet
from activities.models import Event, EventIndexEntry
from news.filters import NewsFilterSet
from news.models import NewsIndexEntry, NewsItem
from organisation.models import Country, Region, Theme
from publishing.models import publishing_writes
from tests import factories

pytestmark = pytest.mark.django_db

SEARCHES = [
    "",
    "country=AL",
    "country=al&country=RS",
    "theme=cyber&type=workshop",
    "country=AL&theme=cyber&type=training_course",
    "q=cybercrime",
    "q=cybercrime&country=RS",
    "unit=spmu&sort=title",
    "structure=presence&partner=unodc&sort=date",
    "when=upcoming",
    "year=2017&country=RS",
    "from=2017-05-01&to=2017-06-30",
    "type=workshop&type=conference&country=AT",
    "region=south-eastern-europe",
    "region=south-eastern-europe&region=central-asia&theme=policing",
    "region=south-eastern-europe&country=AT",
]


@pytest.fixture
def events():
    albania, serbia, austria = (Country.objects.get(code=code) for code in ("AL", "RS", "AT"))
    cyber = factories.ThemeFactory(name="Cyber security", slug="cyber")
    policing = factories.ThemeFactory(name="Policing", slug="policing")
    unit = factories.UnitFactory(name="Strategic Police Matters Unit", slug="spmu")
    presence = factories.OsceStructureFactory(name="Presence in Albania", slug="presence")
    unodc = factories.PartnerOrganisationFactory(name="UNODC", slug="unodc")
    make = factories.EventFactory
    made = [
        make(title="Cybercrime workshop in Tirana", venue_country=albania, themes=[cyber], units=[unit]),
        make(title="Cybercrime training", event_type=Event.Type.TRAINING_COURSE, venue_country=albania,
             countries=[albania, serbia], themes=[cyber, policing], structures=[presence], partners=[unodc]),
        make(title="Border conference", event_type=Event.Type.CONFERENCE, countries=[serbia, austria],
             start_date=datetime.date(2017, 6, 1), themes=[policing], units=[unit]),
        make(title="A policing seminar on cybercrime", event_type=Event.Type.SEMINAR, venue_country=serbia,
             start_date=datetime.date(2030, 1, 1), themes=[policing], partners=[unodc]),
        make(title="Online workshop", is_online=True, countries=[austria], start_date=datetime.date(2017, 5, 10)),
        make(title="Draft cybercrime workshop", status="draft", venue_country=albania, themes=[cyber]),
        # Published, but outside their publishing windows: embargoed, and withdrawn.
        make(title="Embargoed cybercrime workshop", venue_country=albania, themes=[cyber],
             publish_at=timezone.now() + datetime.timedelta(days=1)),
        make(title="Withdrawn cybercrime workshop", venue_country=serbia, themes=[cyber],
             unpublish_at=timezone.now() - datetime.timedelta(days=1)),
        # Not upcoming, though its dates are: cancelled.
        make(title="Cancelled border workshop", venue_country=albania, start_date=datetime.date(2031, 1, 1),
             event_status="cancelled"),
    ]
    return made


def countries_of(record):
    """The countries a record is in: an event's venue and those taking part; a news item's."""
    venue = [record.venue_country] if getattr(record, "venue_country", None) else []
    return {*venue, *record.countries.all()}


# What each facet counts a record under, read from the record itself: the oracle the index's
# counts are checked against.
FACET_VALUES = {
    "type": lambda record: [getattr(record, "event_type", None) or record.kind],
    "theme": lambda record: [theme.slug for theme in record.themes.all()],
    "unit": lambda record: [unit.slug for unit in record.units.all()],
    "structure": lambda record: [structure.slug for structure in record.structures.all()],
    "partner": lambda record: [partner.slug for partner in record.partners.all()],
    "country": lambda record: [country.code for country in countries_of(record)],
    "region": lambda record: {region.slug for country in countries_of(record) for region in country.regions.all()},
}


def from_records(filterset, name):
    """[(value, label, count)] of facet `name` counted over the records one by one, in Python."""
    counts = Counter()
    for record in filterset.filtered(filterset.queryset.all(), excluding=name):
        counts.update(str(value) for value in FACET_VALUES[name](record) if value)
    return [(value, label, counts[value]) for _, value, label in filterset.choices(name) if counts[value]]


def assert_index_agrees(search, filterset_class=EventFilterSet):
    model = filterset_class._meta.model
    filterset = filterset_class(QueryDict(search), queryset=model.objects.published())
    assert list(filterset.results().values_list("pk", flat=True)) == list(filterset.qs.values_list("pk", flat=True))
    assert filterset.total() == filterset.qs.count()
    for name in filterset.facets:
        assert filterset.indexed_facet(name) == from_records(filterset, name), (search, name)


@pytest.mark.parametrize("search", SEARCHES)
def test_the_index_finds_and_counts_what_the_records_do(events, search):
    assert_index_agrees(search)


def test_drafts_are_in_the_index_but_never_found(events):
    assert EventIndexEntry.objects.count() == Event.objects.count()
    filterset = EventFilterSet(QueryDict("q=draft"), queryset=Event.objects.published())
    assert list(filterset.results()) == [] and filterset.total() == 0


def test_every_kind_of_change_reaches_the_index(events):
    tirana, training, conference, seminar, online, draft, embargoed, withdrawn, cancelled = events
    albania, serbia = Country.objects.get(code="AL"), Country.objects.get(code="RS")

    training.title = "Financial investigation training"  # its document
    training.venue_country = serbia  # its countries
    training.save()
    tirana.themes.clear()  # links removed
    conference.countries.add(albania)  # links added
    with publishing_writes():  # an import's bulk writes of statuses
        Event.objects.filter(pk=draft.pk).update(status="published")
        Event.objects.filter(pk=seminar.pk).update(status="draft")
    online.delete()
    cancelled.event_status = "scheduled"  # back on: upcoming again
    cancelled.save()
    Theme.objects.get(slug="policing").delete()  # its links go by cascade
    Region.objects.get(slug="south-eastern-europe").countries.remove(serbia)  # a region's countries
    Region.objects.get(slug="central-asia").countries.add(Country.objects.get(code="AT"))
    for search in [*SEARCHES, "q=financial", "q=draft", "theme=policing", "region=central-asia"]:
        assert_index_agrees(search)
    assert not EventIndexEntry.objects.filter(pk=online.pk).exists()
    assert_facet_rows_copy_the_index(EventIndexEntry)


def assert_facet_rows_copy_the_index(index_model):
    """The facet rows that the counts read hold what the index holds, row for row, and each
    counted field's keys apart."""
    shared = [field.attname for field in index_model._meta.concrete_fields if field.name != "document"]
    assert list(index_model.facets_model.objects.order_by("pk").values_list(*shared)) == list(
        index_model.objects.order_by("pk").values_list(*shared)
    )
    own = [field.name for field in index_model.facets_model._meta.concrete_fields if field.name.endswith("_keys")]
    assert own
    for row in index_model.facets_model.objects.all():
        for column in own:
            prefix = column.removesuffix("_keys") + ":"
            assert getattr(row, column) == [key for key in row.facets if key.startswith(prefix)], column


@pytest.mark.parametrize(("search", "table", "columns"), [
    # All the filters (every key), then each facet in use beside the others (its own keys).
    ("region=south-eastern-europe&theme=policing", "activities_eventindexfacets", ["facets", "regions_keys", "themes_keys"]),
    ("q=cybercrime&theme=policing", "activities_eventindexentry", ["facets", "facets"]),
])
def test_facet_counts_read_the_narrow_facet_rows_unless_words_are_searched(events, search, table, columns):
    """At 100,000 events the facet rows are a fifth of the index's size, and a facet's own keys
    one or two of a row's eighteen (docs/benchmark.md). Only the index's documents match words."""
    filterset = EventFilterSet(QueryDict(search), queryset=Event.objects.published())
    with CaptureQueriesContext(connection) as queries:
        facets = {facet.name: {option.value: option.count for option in facet.options} for facet in filterset.facet_list()}
    counts = [query["sql"] for query in queries if "unnest" in query["sql"]]
    assert sorted(re.search(r'unnest\("\w+"\."(\w+)"\)', sql).group(1) for sql in counts) == columns
    assert all(f'FROM "{table}"' in sql for sql in counts)
    assert facets["theme"] and facets["country"]  # each pass's counts reach the facets


def test_the_finder_page_reads_the_index(client, events):
    response = client.get("/en/events/?q=cybercrime&country=AL")
    assert [event.title for event in response.context["results"]] == [
        "Cybercrime training", "Cybercrime workshop in Tirana",  # the same day: by title
    ]
    country = next(facet for facet in response.context["facets"] if facet.name == "country")
    assert [(option.value, option.count) for option in country.options] == [("AL", 2), ("RS", 2)]


NEWS_SEARCHES = [
    "",
    "q=cybercrime",
    "country=AL&theme=cyber",
    "type=press_release&structure=presence",
    "from=2024-01-01&to=2024-12-31&sort=title",
    "q=cybercrime&type=news&type=feature",
    "region=south-eastern-europe&theme=cyber",
]


@pytest.fixture
def news_items():
    albania = Country.objects.get(code="AL")
    cyber = factories.ThemeFactory(name="Cyber security", slug="cyber")
    presence = factories.OsceStructureFactory(name="Presence in Albania", slug="presence")
    make = factories.NewsItemFactory
    return [
        make(title="Cybercrime press release", kind=NewsItem.Kind.PRESS_RELEASE,
             countries=[albania], themes=[cyber], structures=[presence]),
        make(title="Cybercrime feature", kind=NewsItem.Kind.FEATURE, published_on=datetime.date(2023, 1, 5),
             themes=[cyber]),
        make(title="Border news", countries=[albania], structures=[presence]),
        make(title="Cybercrime news of next week", published_on=timezone.localdate() + datetime.timedelta(days=7),
             themes=[cyber]),
        make(title="Draft cybercrime news", status="draft", themes=[cyber]),
    ]


def test_the_news_index_finds_and_counts_what_the_records_do(news_items):
    feature = news_items[1]
    for search in NEWS_SEARCHES:
        assert_index_agrees(search, NewsFilterSet)
    feature.themes.clear()
    with publishing_writes():
        NewsItem.objects.filter(pk=news_items[4].pk).update(status="published")
    news_items[2].delete()
    for search in NEWS_SEARCHES:
        assert_index_agrees(search, NewsFilterSet)
    assert NewsIndexEntry.objects.count() == NewsItem.objects.count() == 4
    assert_facet_rows_copy_the_index(NewsIndexEntry)
