"""Benchmark content: `generate_benchmark_content` fills the database with synthetic events and
news spread over every option, deterministic from its seed, replacing its earlier rows and
refusing a database with real content unless told."""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.http import QueryDict

from activities.filters import EventFilterSet
from activities.models import DatePrecision, Event, last_day_of_period
from news.filters import NewsFilterSet
from news.models import NewsItem
from organisation.models import Country, OsceStructure, PartnerOrganisation, Theme, Unit
from publishing.models import Status
from tests.factories import EventFactory
from tests.seeded import kept_at_each_statement
from tests.test_search_index import from_records
from tools import seed_content
from tools.benchmark_content import SYNTHETIC_PREFIX, ContentMaker, Organisation
from tools.benchmark_text_ru import RUSSIAN_SHARE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("generated")]

EVENTS, NEWS = 300, 60


def generate(events=EVENTS, news=NEWS, seed=1, allow_real_content=False):
    out = StringIO()
    call_command(
        "generate_benchmark_content",
        events=events,
        news=news,
        seed=seed,
        allow_real_content=allow_real_content,
        stdout=out,
    )
    return out.getvalue()


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    """One run at the tests' size for the whole module (each run loads the seed content too,
    which takes a second); rolled back at the end, and each test's own changes after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        kept_at_each_statement()
        summary = generate()
        yield summary
        transaction.set_rollback(True)


def synthetic_events():
    return Event.objects.filter(slug__startswith=SYNTHETIC_PREFIX)


def synthetic_news():
    return NewsItem.objects.filter(slug__startswith=SYNTHETIC_PREFIX)


def content_snapshot():
    """What a visitor would see of the synthetic content: titles, dates and links, by slug."""
    events = {
        event.slug: (
            event.title,
            event.start_date,
            event.end_date,
            event.date_precision,
            event.status,
            sorted(country.code for country in event.countries.all()),
        )
        for event in synthetic_events().order_by("slug").prefetch_related("countries")
    }
    news = {
        item.slug: (item.title, item.published_on, sorted(event.slug for event in item.related_events.all()))
        for item in synthetic_news().order_by("slug").prefetch_related("related_events")
    }
    return events, news


def test_makes_the_requested_rows_beside_the_seed_content(generated):
    summary = generated

    assert synthetic_events().count() == EVENTS
    assert synthetic_news().count() == NEWS
    assert Event.objects.count() == EVENTS + len(seed_content.EVENTS)
    assert NewsItem.objects.count() == NEWS + len(seed_content.NEWS_ITEMS)
    assert f"Made {EVENTS} events, {NEWS} news items" in summary


def test_every_option_is_used():
    events, news = synthetic_events(), synthetic_news()

    assert set(events.values_list("event_type", flat=True)) == set(Event.Type.values)
    assert set(events.values_list("venue_country", flat=True)) - {None} == set(Country.objects.values_list("pk", flat=True))
    for model, event_field, news_field in [
        (Country, "events_taking_part", None),  # news items name fewer countries than there are
        (Theme, "events", "news_items"),
        (Unit, "events", None),
        (OsceStructure, "events", "news_items"),
        (PartnerOrganisation, "events", None),
    ]:
        assert not model.objects.exclude(**{f"{event_field}__in": events}).exists(), model
        if news_field:
            assert not model.objects.exclude(**{f"{news_field}__in": news}).exists(), model
    assert set(news.values_list("kind", flat=True)) == {"", *NewsItem.Kind.values}
    assert news.filter(related_events__in=events).exists()


def test_events_take_part_in_one_to_five_countries_and_a_few_are_online():
    events = synthetic_events()

    country_counts = Counter(events.values_list("countries", flat=True).order_by())
    assert len(country_counts) == Country.objects.count()
    per_event = Counter(events.values_list("pk", "countries").values_list("pk", flat=True))
    assert set(per_event.values()) == {1, 2, 3, 4, 5}
    online = events.filter(is_online=True)
    assert 0 < online.count() < EVENTS * 0.1
    assert not online.exclude(venue_country=None, venue_city="").exists()


def test_dates_follow_the_precision_rules_and_ends_on_is_the_last_day_covered():
    events = list(synthetic_events())

    precisions = Counter(event.date_precision for event in events)
    assert precisions[DatePrecision.DAY] > precisions[DatePrecision.MONTH] > precisions[DatePrecision.YEAR] > 0
    for event in events:
        assert datetime.date(2000, 1, 1) <= event.start_date <= event.ends_on <= datetime.date(2027, 12, 31)
        assert event.ends_on == last_day_of_period(event.end_date or event.start_date, event.date_precision)
        if event.date_precision == DatePrecision.DAY and event.end_date:
            assert 1 <= (event.end_date - event.start_date).days <= 4
    for event in events[:: EVENTS // 20]:
        event.full_clean()  # the admin's own rules, constraints included


def test_some_drafts_that_the_public_never_sees():

    drafts = synthetic_events().filter(status=Status.DRAFT)
    assert 0 < drafts.count() < EVENTS * 0.15
    assert not Event.objects.published().filter(pk__in=drafts).exists()
    news_drafts = synthetic_news().filter(status=Status.DRAFT)
    assert news_drafts.exists()
    assert not NewsItem.objects.published().filter(pk__in=news_drafts).exists()


def test_text_gives_full_text_search_common_and_rare_words():
    events = synthetic_events()

    with_terrorism = events.filter(body__icontains=" terrorism").count()  # the word, not "Counterterrorism"
    assert EVENTS * 0.05 < with_terrorism < EVENTS * 0.3
    assert events.filter(title__icontains="cyber").count() < EVENTS * 0.3
    for event in events[:20]:
        assert 6 <= len(event.title.split()) <= 20
        assert len(event.summary.split()) >= 20
        assert 100 <= len(event.body.split()) <= 220


def test_a_share_of_the_content_is_in_russian_too():
    events, news = synthetic_events(), synthetic_news()
    for records, total in ((events, EVENTS), (news, news.count())):
        translated = records.exclude(title_ru=None).exclude(title_ru="")
        assert translated.count() == pytest.approx(total * RUSSIAN_SHARE, abs=2)
        assert not translated.filter(summary_ru="").exists() and not translated.filter(body_ru="").exists()
    # Russian words, found by the Russian stem of another form on PostgreSQL.
    assert events.filter(title_ru__contains="«").exists() and events.filter(body_ru__icontains="террор").exists()


def test_same_seed_same_content_and_another_seed_other_content():
    first = content_snapshot()
    generate()
    assert content_snapshot() == first

    def first_titles(seed):
        maker = ContentMaker(seed, Organisation())
        return [maker.event(number).record.title for number in range(1, 21)]

    assert first_titles(1) == [title for title, *_ in list(first[0].values())[:20]]
    assert first_titles(2) != first_titles(1)


def test_a_second_run_replaces_the_synthetic_content():
    generate(events=50, news=10)

    assert synthetic_events().count() == 50
    assert synthetic_news().count() == 10
    links = Event.countries.through.objects.filter(event__slug__startswith=SYNTHETIC_PREFIX)
    assert links.values("event").distinct().count() == 50
    assert not Event.countries.through.objects.exclude(event__in=Event.objects.all()).exists()


def test_refuses_a_database_with_real_content():
    EventFactory(title="Real workshop")
    before = content_snapshot()

    with pytest.raises(CommandError, match=r"\(1 event, .*--allow-real-content"):
        generate(seed=2)
    assert content_snapshot() == before


def test_real_content_allowed_when_told_and_left_untouched():
    real = EventFactory(title="Real workshop")

    generate(events=50, news=10, allow_real_content=True)

    assert synthetic_events().count() == 50
    real.refresh_from_db()
    assert real.title == "Real workshop"


def test_the_search_indexes_are_rebuilt_after_the_bulk_load():
    """The triggers are off while it deletes and loads; the finders' results and counts still
    come out the same from the indexes as from the records, with no row of a deleted record."""
    generate(events=120, news=30, seed=2)  # replacing the module's content
    for filterset_class in (EventFilterSet, NewsFilterSet):
        model = filterset_class._meta.model
        index = filterset_class.index_model
        assert index.objects.count() == model.objects.count()
        filterset = filterset_class(QueryDict("q=terrorism"), queryset=model.objects.published())
        assert filterset.total() == filterset.qs.count() > 0
        for name in filterset.facets:
            assert filterset.indexed_facet(name) == from_records(filterset, name)
